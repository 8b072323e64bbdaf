/**
 * A database at each released schema version, with data in every table, upgrades to the latest
 * version through the app's own opening path (integrity check, backup of the old file, migrations)
 * with its data intact. Generic over versions: see test/fixtures/schema-versions.ts.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { LATEST_VERSION, migrate } from '../../src/main/db/migrate';
import { CommissionSession } from '../../src/main/commission-file/session';
import { fillers, foldedColumns } from '../fixtures/schema-versions';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-fixture-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tables(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

/** Every row of every table, each with the columns it had at the fixture's version. */
function contents(db: Db): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(tables(db).map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all() as Record<string, unknown>[]]));
}

function fixture(version: number): string {
  const file = join(dir, `v${version}.maillage`);
  const db = new Database(file);
  for (let v = 1; v <= version; v++) {
    migrate(db, v);
    const fill = fillers[v];
    if (!fill) throw new Error(`No filler for schema version ${v} in test/fixtures/schema-versions.ts`);
    fill(db);
  }
  db.close();
  return file;
}

describe('fixture databases of every released schema version', () => {
  for (let version = 1; version <= LATEST_VERSION; version++) {
    it(`version ${version} has data in every table and upgrades to ${LATEST_VERSION} with its data intact`, async () => {
      const file = fixture(version);
      const old = new Database(file, { readonly: true });
      const empty = tables(old).filter((t) => (old.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number) === 0);
      const before = contents(old);
      old.close();
      expect(empty, 'tables without fixture data').toEqual([]);

      const session = new CommissionSession(join(dir, 'data'), undefined, () => new Date('2026-03-05T13:30:00Z'));
      const status = await session.open(file);
      expect(status.commission?.name).toBe('CDLP de la Gironde');
      const { db } = session.require();
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const after = contents(db);
      for (const [table, rows] of Object.entries(before)) {
        const folded = Object.entries(foldedColumns).flatMap(([v, tables]) => (Number(v) > version ? (tables[table] ?? []) : []));
        const columns = Object.keys(rows[0]!).filter((c) => !folded.includes(c));
        // A migration may append to the change log what it did (the seats it made of the former members).
        const afterRows = table === 'change_log' ? after[table]!.slice(0, rows.length) : after[table]!;
        const kept = afterRows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
        expect(kept, table).toEqual(rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]]))));
      }
      session.close();
    });
  }
});
