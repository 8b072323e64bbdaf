import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/main/db/connection';
import { backupsDir, createBackup, quickCheck } from '../src/main/commission-file/backups';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { generateDemo } from '../src/main/features/demo';
import { exportPackage, readPackage } from '../src/main/commission-file/packages';
import { CommissionSession } from '../src/main/commission-file/session';
import { measure, type Benchmark } from './lib';

/**
 * Opening a commission runs PRAGMA quick_check and, once a day, a backup: both must stay cheap on
 * the large demo. Each run of the first measure starts without today's backup.
 */
export const backupBenchmarks: Benchmark = async (dir) => {
  const dataDir = join(dir, 'backups-data');
  const session = new CommissionSession(dataDir);
  // In the session's folder: a package import replaces the commission of the same name there.
  const file = join(session.commissionsDir, 'backups-large.maillage');
  const now = new Date();
  const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
  generateDemo(db, { size: 'large', today: now });
  db.close();
  const results = [
    await measure('Ouvrir une commission avec vérification d’intégrité et sauvegarde du jour (démo « large »)', 5, async () => {
      rmSync(backupsDir(file), { recursive: true, force: true });
      await session.open(file);
      session.close();
    }),
    await measure('Ouvrir une commission déjà sauvegardée ce jour (vérification d’intégrité seule, démo « large »)', 5, async () => {
      await session.open(file);
      session.close();
    }),
  ];
  const open = openDatabase(file);
  const pkg = join(dir, 'large.maillage-echange');
  try {
    results.push(
      await measure('PRAGMA quick_check seul (démo « large »)', 5, () => quickCheck(open)),
      await measure('Sauvegarde à la demande (démo « large »)', 5, () => createBackup(open, file, 'manuel', new Date())),
      await measure('Exporter un paquet d’échange (démo « large »)', 3, () => exportPackage(open, file, pkg, new Date()).then(() => undefined)),
      await measure('Lire et vérifier un paquet d’échange (démo « large »)', 3, async () => rmSync((await readPackage(pkg)).dir, { recursive: true })),
    );
  } finally {
    open.close();
  }
  // The replace of a commission as the user does it: backup of the current state, staging beside it, swap, reopening.
  await session.open(file);
  const backup = await session.backup();
  results.push(
    await measure('Restaurer une sauvegarde : sauvegarde préalable, remplacement par étapes, réouverture (démo « large »)', 3, async () => {
      await session.restore(backup.id);
    }),
    await measure('Importer un paquet d’échange à la place de la commission ouverte (démo « large »)', 3, async () => {
      await session.prepareImport(pkg);
      await session.confirmImport('replace');
    }),
  );
  session.close();
  return results;
};
