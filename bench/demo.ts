import { join } from 'node:path';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { generateDemo } from '../src/main/features/demo';
import { measure, type Benchmark } from './lib';

/** The large demo is the data set of the other benchmarks and of load tests: it must stay quick to make. */
export const demoBenchmarks: Benchmark = async (dir) => [
  await measure('Générer la démo « large » (commission neuve comprise)', 3, (run) => {
    const now = new Date();
    const db = createCommissionDatabase(join(dir, `demo-${run}.maillage`), { departmentCode: '33', name: null }, now);
    generateDemo(db, { size: 'large', today: now });
    db.close();
  }),
];
