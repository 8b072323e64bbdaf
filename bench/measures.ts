import { join } from 'node:path';
import { withCommission } from '../src/main/cli/router';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { generateDemo } from '../src/main/features/demo';
import { measure, type Benchmark } from './lib';

/** The two screens a coordinator opens first, on the large demo (300 fiches, 5,000 journal entries). Budget: 100 ms each. */
export const measuresBenchmarks: Benchmark = async (dir) => {
  const file = join(dir, 'mesures.maillage');
  const now = new Date();
  const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
  generateDemo(db, { size: 'large', today: now });
  db.close();

  return withCommission(file, 'write', async (invoke) => [
    await measure('Tableau de bord, démo « large » (dashboard.get)', 21, async () => {
      const board = await invoke('dashboard.get');
      if (board.actionsCount < 300) throw new Error(`dashboard.get counted ${board.actionsCount} fiches`);
    }),
    await measure('Arbre des mesures, démo « large » (catalogue.tree)', 21, async () => {
      const tree = await invoke('catalogue.tree');
      if (tree.length !== 2 || tree[0]!.summary.count === 0) throw new Error('catalogue.tree returned no fiches');
    }),
    await measure('Liste des fiches actions, démo « large » (actions.list)', 21, async () => {
      const list = await invoke('actions.list');
      if (list.length < 300) throw new Error(`actions.list returned ${list.length} fiches`);
    }),
  ]);
};
