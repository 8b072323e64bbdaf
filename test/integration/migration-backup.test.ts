/**
 * Before a migration, the app backs the file up as it is. Only one migration is released today, so
 * this test appends a harmless one: a database at the released version then has a migration pending.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Migration } from '../../src/main/db/migrations';

vi.mock('../../src/main/db/migrations', async (importOriginal) => {
  const actual = await importOriginal<{ migrations: readonly Migration[] }>();
  const extra: Migration = { name: 'test-extra', up: (db) => db.exec('CREATE TABLE test_extra (x TEXT) STRICT') };
  return { migrations: [...actual.migrations, extra] };
});

const { LATEST_VERSION } = await import('../../src/main/db/migrate');
const { listBackups, backupsDir } = await import('../../src/main/commission-file/backups');
const { CommissionSession } = await import('../../src/main/commission-file/session');
const { migrate } = await import('../../src/main/db/migrate');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-migration-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('backs up a database with a pending migration, at its old version, before migrating it', async () => {
  const released = LATEST_VERSION - 1;
  const file = join(dir, 'ancienne.maillage');
  // A commission as the released version left it.
  const raw = new Database(file);
  migrate(raw, released);
  raw.prepare("INSERT INTO commission (id, name, department_code, created_at, updated_at) VALUES (1, 'CDLP', '33', 'x', 'x')").run();
  raw.close();

  const session = new CommissionSession(join(dir, 'data'), undefined, () => new Date('2026-03-05T13:30:00Z'));
  await session.open(file);
  expect(session.require().db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);

  // Both taken at the same instant of the test clock: compare without order.
  const backups = listBackups(file);
  expect(backups.map((b) => [b.kind, b.schemaVersion]).sort()).toEqual([
    ['auto', LATEST_VERSION],
    ['migration', released],
  ]);
  const before = backups.find((b) => b.kind === 'migration')!;
  const copy = new Database(join(backupsDir(file), before.id, 'commission.maillage'), { readonly: true });
  expect(copy.pragma('user_version', { simple: true })).toBe(released);
  expect(copy.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'test_extra'").pluck().get()).toBe(0);
  expect(copy.prepare('SELECT name FROM commission').pluck().get()).toBe('CDLP');
  copy.close();
  session.close();
});

it('takes no migration backup of a new or up-to-date database', async () => {
  const session = new CommissionSession(join(dir, 'data'), undefined, () => new Date('2026-03-05T13:30:00Z'));
  const summary = await session.create({ departmentCode: '33', name: null }, new Date('2026-03-05T13:30:00Z'));
  session.close();
  await session.open(summary.filePath);
  expect(listBackups(summary.filePath).map((b) => b.kind)).toEqual(['auto']);
  session.close();
});
