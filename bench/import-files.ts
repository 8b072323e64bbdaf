/**
 * How fast a hostile or oversized file to import is refused, and the largest accepted one read, by
 * the built CLI from its start to its exit (`import partners --dry-run`); each name also gives the
 * highest peak memory (RSS, worker thread included) of its runs. The budget: refused in seconds,
 * always under 300 MB (test/integration/import-files.test.ts checks the memory).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, CLI_BUNDLE, cliIsStale } from '../scripts/build-cli.mjs';
import { importMeasured, largestAccepted, largestCsv, lyingBomb, millionsOfRows } from '../test/helpers/import-giants';
import { measure, type Benchmark } from './lib';

export const importFilesBenchmarks: Benchmark = async (dir) => {
  if (cliIsStale()) await buildCli();
  const db = join(dir, 'import-fichiers.maillage');
  execFileSync(process.execPath, [CLI_BUNDLE, 'init', '--db', db, '--department', '33']);
  const cases: [string, string, () => Buffer][] = [
    ['Refuser une bombe .xlsx (2 Mo annonçant 1 Ko, 2 Go réels)', 'bombe.xlsx', lyingBomb],
    ['Refuser un .xlsx honnête de 2,4 millions de lignes (18 Mo)', 'lignes.xlsx', millionsOfRows],
    ['Refuser un CSV Windows-1252 de 50 Mo', 'geant.csv', largestCsv],
    ['Lire le plus grand .xlsx accepté (50 000 × 19 cellules)', 'au-plus.xlsx', largestAccepted],
  ];
  const results = [];
  for (const [name, fileName, make] of cases) {
    const file = join(dir, fileName);
    writeFileSync(file, make());
    let peak = 0;
    const m = await measure(name, 5, async () => {
      const run = await importMeasured(CLI_BUNDLE, db, file);
      if (run.code !== 1) throw new Error(`${fileName}: ${run.stdout}${run.stderr}`);
      peak = Math.max(peak, run.peakMb);
    });
    results.push({ ...m, name: `${name}, pic ${Math.round(peak)} Mo` });
  }
  return results;
};
