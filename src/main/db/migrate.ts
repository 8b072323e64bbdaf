import type { Db } from './connection';
import { migrations } from './migrations';

export const LATEST_VERSION = migrations.length;

export class NewerDatabaseError extends Error {
  constructor(readonly version: number) {
    super(`Cette commission a été enregistrée par une version plus récente de Maillage (schéma ${version}). Mettez Maillage à jour pour l’ouvrir.`);
  }
}

/**
 * Applies the pending migrations, each in its own transaction, tracking progress in
 * PRAGMA user_version. Migrations are forward-only and never edited once released.
 */
export function migrate(db: Db, target = LATEST_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new NewerDatabaseError(current);
  for (let version = current + 1; version <= target; version++) {
    const migration = migrations[version - 1]!;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
