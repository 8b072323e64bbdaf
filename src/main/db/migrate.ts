import type { Db } from './connection';
import { MAILLAGE_APPLICATION_ID } from './application-id';
import { migrations } from './migrations';

export const LATEST_VERSION = migrations.length;

export class NotMaillageError extends Error {
  constructor() {
    super('Ce fichier n’est pas une commission Maillage.');
  }
}

export class NewerDatabaseError extends Error {
  constructor(readonly version: number) {
    super(`Cette commission a été enregistrée par une version plus récente de Maillage (schéma ${version}). Mettez Maillage à jour pour l’ouvrir.`);
  }
}

/**
 * Refuses, before anything is written, a database that another program made or that a newer
 * Maillage wrote. An empty database is welcome: it is a new commission.
 */
export function assertOpenable(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const tables = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  if (version === 0 && applicationId === 0 && tables === 0) return;
  if (applicationId !== MAILLAGE_APPLICATION_ID) throw new NotMaillageError();
  if (version > LATEST_VERSION) throw new NewerDatabaseError(version);
}

/**
 * Applies the pending migrations, each in its own transaction, tracking progress in
 * PRAGMA user_version. Migrations are forward-only and never edited once released.
 */
export function migrate(db: Db, target = LATEST_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new NewerDatabaseError(current);
  if (target > LATEST_VERSION) throw new RangeError(`No migration brings the schema to version ${target}`);
  for (let version = current + 1; version <= target; version++) {
    const migration = migrations[version - 1]!;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
