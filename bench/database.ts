import { join } from 'node:path';
import { openDatabase } from '../src/main/db/connection';
import { measure, type Benchmark } from './lib';

/** What every new commission and every test pays first: creating the file and the whole schema. */
export const databaseBenchmarks: Benchmark = async (dir) => [
  await measure('Ouvrir et migrer une nouvelle base', 7, (run) => {
    openDatabase(join(dir, `migrate-${run}.maillage`)).close();
  }),
];
