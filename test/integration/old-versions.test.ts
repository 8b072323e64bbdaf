/**
 * A commission of every released schema, made by that version's own code (test/fixtures/schema-versions/,
 * scripts/make-schema-fixtures.mjs), comes in through every door: Fichier › Ouvrir, an exchange
 * package (in the app and with the CLI) and `restore --from`. Each is checked as a file from
 * elsewhere with the checks of its own version, backed up as it came, then migrated.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../src/main/commission-file/backups';
import { CommissionSession } from '../../src/main/commission-file/session';
import { LATEST_VERSION } from '../../src/main/db/migrate';
import { cli } from '../helpers/cli';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/schema-versions');
const NOW = new Date('2026-03-05T13:30:00Z');
const versions = Array.from({ length: LATEST_VERSION }, (_, i) => i + 1);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-old-versions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function partnersOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT name FROM partners ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** The migration backup an older file gets, at its own version; none for the latest. */
function expectMigrationBackup(file: string, version: number): void {
  const migrations = listBackups(file).filter((b) => b.kind === 'migration');
  expect(migrations.map((b) => b.schemaVersion)).toEqual(version < LATEST_VERSION ? [version] : []);
}

describe.concurrent('a commission of each released schema version', () => {
  it('has a fixture for every version, made with two partners', () => {
    for (const version of versions) {
      // Read from a copy: SQLite would leave its -shm and -wal beside the committed fixture.
      const copy = join(mkdtempSync(join(dir, 'fixture-')), 'copie.maillage');
      copyFileSync(join(FIXTURES, `v${version}.maillage`), copy);
      const db = new Database(copy, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      db.close();
      expect(partnersOf(copy)).toEqual(['Amicale du Nid', 'Parquet de Bordeaux']);
    }
  });

  for (const version of versions) {
    it(`schema ${version}: opens with Fichier › Ouvrir, backed up as it came, then migrated`, async () => {
      const folder = mkdtempSync(join(dir, `ouvrir-${version}-`));
      const file = join(folder, 'gironde.maillage');
      copyFileSync(join(FIXTURES, `v${version}.maillage`), file);
      const session = new CommissionSession(join(folder, 'data'), undefined, () => NOW);
      const status = await session.openChosen(file);
      expect(status.commission?.departmentCode).toBe('33');
      expect(session.require().db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      session.close();
      expectMigrationBackup(file, version);
      expect(partnersOf(file)).toEqual(['Amicale du Nid', 'Parquet de Bordeaux']);
    });

    it(`schema ${version}: its package imports in the app and with the CLI`, async () => {
      const folder = mkdtempSync(join(dir, `paquet-${version}-`));
      const session = new CommissionSession(join(folder, 'data'), undefined, () => NOW);
      const preview = await session.prepareImport(join(FIXTURES, `v${version}.maillage-echange`));
      expect(preview.schemaVersion).toBe(version);
      const summary = await session.confirmImport('new');
      expect(session.require().db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      session.close();
      expectMigrationBackup(summary.filePath, version);
      expect(partnersOf(summary.filePath)).toEqual(['Amicale du Nid', 'Parquet de Bordeaux']);

      const target = join(folder, 'recue.maillage');
      const run = await cli('package', 'import', '--db', target, '--file', join(FIXTURES, `v${version}.maillage-echange`));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectMigrationBackup(target, version);
      expect(partnersOf(target)).toEqual(['Amicale du Nid', 'Parquet de Bordeaux']);
    });

    it(`schema ${version}: restores with restore --from over a current commission, which is backed up first`, async () => {
      const folder = mkdtempSync(join(dir, `restaurer-${version}-`));
      const target = join(folder, 'actuelle.maillage');
      expect((await cli('init', '--db', target, '--department', '64')).code).toBe(0);
      const source = join(folder, 'ancienne.maillage');
      copyFileSync(join(FIXTURES, `v${version}.maillage`), source);
      const run = await cli('restore', '--db', target, '--from', source);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/État actuel sauvegardé : .*-avant-restauration/);
      // The next command opens it the one way in: backup as restored, then migration.
      expect((await cli('backup', '--db', target)).code).toBe(0);
      expectMigrationBackup(target, version);
      expect(partnersOf(target)).toEqual(['Amicale du Nid', 'Parquet de Bordeaux']);
      expect(readdirSync(join(folder, 'actuelle-fichiers', 'sauvegardes')).some((b) => b.endsWith('-avant-restauration'))).toBe(true);
    });
  }
});
