/**
 * A file from elsewhere is read to be checked, never written: SQLite leaves a -shm and a -wal
 * beside any WAL database it reads, even read-only, so Fichier › Ouvrir, the import of an exchange
 * package and `restore --from` check a copy in a temporary folder. The folder of the source (a USB
 * key, a colleague's folder, a backup) holds afterwards exactly what it held before, whether the
 * file is accepted or refused, and no temporary copy is left behind.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommissionSession } from '../../src/main/commission-file/session';
import { LATEST_VERSION } from '../../src/main/db/migrate';
import { cli } from '../helpers/cli';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/schema-versions');
const NOW = new Date('2026-03-05T13:30:00Z');

let dir: string;
/** The temporary folder of this file's checks, its CLI commands' included: other test files check files at the same time. */
let temp: string;
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-source-intacte-'));
  temp = join(dir, 'tmp');
  mkdirSync(temp);
  process.env.TMPDIR = temp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(dir, { recursive: true, force: true });
});

/** A folder holding only a copy of `fixture` (a WAL database, as Maillage leaves them), named `name`. */
function sourceFolder(fixture: string, name: string): { folder: string; file: string } {
  const folder = mkdtempSync(join(dir, 'source-'));
  const file = join(folder, name);
  copyFileSync(join(FIXTURES, fixture), file);
  return { folder, file };
}

/**
 * A copy of the latest fixture changed as only another program could change it, made in a scratch
 * folder and put alone in a folder of its own: `change` runs on it open for writing.
 */
function craftedFolder(change: (db: Database.Database) => void): { folder: string; file: string } {
  const scratch = join(mkdtempSync(join(dir, 'atelier-')), 'c.maillage');
  copyFileSync(join(FIXTURES, `v${LATEST_VERSION}.maillage`), scratch);
  const db = new Database(scratch);
  change(db);
  db.close();
  const folder = mkdtempSync(join(dir, 'source-'));
  const file = join(folder, 'recue.maillage');
  copyFileSync(scratch, file);
  return { folder, file };
}

const checkCopies = () => readdirSync(temp).filter((e) => e.startsWith('maillage-paquet-check-'));

describe('a file from elsewhere, read to be checked', () => {
  it('is its own fixture: a WAL database, alone in its folder', () => {
    const { folder, file } = sourceFolder(`v${LATEST_VERSION}.maillage`, 'gironde.maillage');
    // Bytes 18 and 19 are 2 in a WAL database: the kind SQLite leaves a -shm and a -wal beside when it reads one.
    expect([...readFileSync(file).subarray(18, 20)]).toEqual([2, 2]);
    expect(readdirSync(folder)).toEqual(['gironde.maillage']);
  });

  it('refused by Fichier › Ouvrir, is left alone in its folder', async () => {
    const newer = craftedFolder((db) => db.pragma(`user_version = ${LATEST_VERSION + 1}`));
    const hidden = craftedFolder((db) => db.exec('CREATE TABLE copie_cachee (nom TEXT)'));
    const session = new CommissionSession(join(dir, 'donnees-refus'), undefined, () => NOW);
    await expect(session.openChosen(newer.file)).rejects.toThrow(/version plus récente/);
    await expect(session.openChosen(hidden.file)).rejects.toThrow(/Ce fichier est refusé/);
    session.close();
    expect(readdirSync(newer.folder)).toEqual(['recue.maillage']);
    expect(readdirSync(hidden.folder)).toEqual(['recue.maillage']);
    expect(checkCopies()).toEqual([]);
  });

  it('imported as a package, accepted or cancelled, leaves the package alone in its folder', async () => {
    const { folder, file } = sourceFolder(`v${LATEST_VERSION}.maillage-echange`, 'gironde.maillage-echange');
    const session = new CommissionSession(join(dir, 'donnees-paquet'), undefined, () => NOW);
    await session.prepareImport(file);
    session.discardImport();
    await session.prepareImport(file);
    await session.confirmImport('new');
    session.close();
    expect(readdirSync(folder)).toEqual(['gironde.maillage-echange']);
    expect(checkCopies()).toEqual([]);
  });

  it('restored with restore --from, accepted or refused, is left alone in its folder', async () => {
    const work = mkdtempSync(join(dir, 'commission-'));
    const target = join(work, 'actuelle.maillage');
    expect((await cli('init', '--db', target, '--department', '64')).code).toBe(0);

    const good = sourceFolder(`v${LATEST_VERSION}.maillage`, 'copie.maillage');
    const restored = await cli('restore', '--db', target, '--from', good.file);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(readdirSync(good.folder)).toEqual(['copie.maillage']);

    const crafted = craftedFolder((db) => db.exec("CREATE TRIGGER efface AFTER INSERT ON partners BEGIN DELETE FROM change_log; END"));
    const refused = await cli('restore', '--db', target, '--from', crafted.file);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/impossible de restaurer/);
    expect(readdirSync(crafted.folder)).toEqual(['recue.maillage']);
    expect(checkCopies()).toEqual([]);
  });

  it('with committed pages still in its WAL, is checked with them and left with them', async () => {
    // A copy taken while Maillage had it open: the last changes are in the -wal beside it.
    const scratch = mkdtempSync(join(dir, 'atelier-'));
    const live = join(scratch, 'c.maillage');
    copyFileSync(join(FIXTURES, `v${LATEST_VERSION}.maillage`), live);
    const writer = new Database(live);
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec("INSERT INTO partners (id, name, type, domains, created_at, updated_at) VALUES ('p-wal', 'Dans le journal', 'autre', '[]', '2026-03-05T00:00:00Z', '2026-03-05T00:00:00Z')");
    const folder = mkdtempSync(join(dir, 'source-'));
    copyFileSync(live, join(folder, 'recue.maillage'));
    copyFileSync(`${live}-wal`, join(folder, 'recue.maillage-wal'));
    writer.close();
    const before = readdirSync(folder).sort();
    const work = mkdtempSync(join(dir, 'commission-'));
    const target = join(work, 'actuelle.maillage');
    expect((await cli('init', '--db', target, '--department', '64')).code).toBe(0);
    const restored = await cli('restore', '--db', target, '--from', join(folder, 'recue.maillage'));
    expect(restored.stderr).toBe('');
    expect(readdirSync(folder).sort()).toEqual(before);
    const db = new Database(target, { readonly: true });
    expect(db.prepare("SELECT name FROM partners WHERE id = 'p-wal'").pluck().get()).toBe('Dans le journal');
    db.close();
  });
});
