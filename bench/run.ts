/**
 * `npm run bench`: every benchmark group below, then one table of medians. To add one, write a
 * bench/<topic>.ts exporting a Benchmark and list it here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupBenchmarks } from './backups';
import { cliBenchmarks } from './cli';
import { databaseBenchmarks } from './database';
import { demoBenchmarks } from './demo';
import { importFilesBenchmarks } from './import-files';
import { environment, table, type Benchmark, type Measurement } from './lib';
import { measuresBenchmarks } from './measures';
import { minutesBenchmarks } from './minutes';
import { parcoursBenchmarks } from './parcours';
import { parcoursImportBenchmarks } from './parcours-import';
import { partnerImportBenchmarks } from './partner-import';
import { partnersBenchmarks } from './partners';
import { reportBenchmarks } from './report';
import { returnsBenchmarks } from './returns';
import { stateReturnBenchmarks } from './state-return';

const benchmarks: Benchmark[] = [cliBenchmarks, databaseBenchmarks, partnersBenchmarks, partnerImportBenchmarks, importFilesBenchmarks, measuresBenchmarks, minutesBenchmarks, parcoursBenchmarks, parcoursImportBenchmarks, reportBenchmarks, returnsBenchmarks, stateReturnBenchmarks, demoBenchmarks, backupBenchmarks];

const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
try {
  const measurements: Measurement[] = [];
  for (const benchmark of benchmarks) measurements.push(...(await benchmark(dir)));
  console.log(`\n${environment()}\n\n${table(measurements)}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
