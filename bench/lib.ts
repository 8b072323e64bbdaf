/** The small toolkit of `npm run bench`: time a function several times, report medians in a table. */
import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';

export interface Measurement {
  name: string;
  runs: number;
  /** Milliseconds. */
  median: number;
  min: number;
  max: number;
}

/** A group of measurements; `dir` is a temporary folder, emptied after the whole run. */
export type Benchmark = (dir: string) => Promise<Measurement[]>;

/** Runs `fn` `runs` times in a row and keeps the median: one slow run (a GC pause, a cold cache) does not move it. */
export async function measure(name: string, runs: number, fn: (run: number) => unknown): Promise<Measurement> {
  process.stderr.write(`… ${name}\n`);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await fn(run);
    times.push(performance.now() - started);
  }
  return summary(name, times);
}

/**
 * Runs several functions in turn, `runs` rounds: a slow spell of the machine falls on each of them
 * alike, so that their ratios (small against large, a part against the whole) hold on a noisy machine.
 */
export async function measureInTurn(entries: readonly (readonly [name: string, fn: () => unknown])[], runs: number): Promise<Measurement[]> {
  for (const [name] of entries) process.stderr.write(`… ${name}\n`);
  const times = entries.map((): number[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [k, [, fn]] of entries.entries()) {
      const started = performance.now();
      await fn();
      times[k]!.push(performance.now() - started);
    }
  }
  return entries.map(([name], k) => summary(name, times[k]!));
}

function summary(name: string, times: number[]): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { name, runs: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

const milliseconds = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function table(measurements: readonly Measurement[]): string {
  const header = ['Mesure', 'Essais', 'Médiane (ms)', 'Min (ms)', 'Max (ms)'];
  const rows = measurements.map((m) => [m.name, String(m.runs), ...[m.median, m.min, m.max].map((v) => milliseconds.format(v))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}

/** Figures mean little without the machine that produced them. */
export function environment(): string {
  const memory = new Database(':memory:');
  const sqlite = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  memory.close();
  return `Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} processeurs, SQLite ${sqlite}`;
}
