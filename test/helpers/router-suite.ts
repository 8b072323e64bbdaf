/**
 * The setting of the router's tests (test/integration/router-*.test.ts): a fresh router on a temporary data folder
 * for each test, closed after it with the extra routers and databases the test opened, and the small helpers they share.
 */
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import type { InputOf } from '../../src/shared/api';
import type { CommissionSummary, PartnerDetail } from '../../src/shared/types';
import { createTestRouter, type TestRouter } from './router';

// A valid 1×1 PNG (signature, IHDR, IDAT, IEND).
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
// SOI, a JFIF APP0 header start, EOI: enough for the JPEG check.
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ChangeRow {
  seq: number;
  at: string;
  entity: string;
  entity_id: string;
  op: string;
  before: string | null;
  after: string | null;
}

export const filesDirOf = (dbPath: string) => dbPath.replace(/\.maillage$/, '-fichiers');

/** Registers the hooks; the returned object reads the current test's router. */
export function routerSuite() {
  let t: TestRouter;
  const extra: { routers: TestRouter[]; dbs: Db[] } = { routers: [], dbs: [] };
  beforeEach(() => {
    t = createTestRouter();
  });
  afterEach(() => {
    for (const r of extra.routers.splice(0)) r.cleanup();
    for (const d of extra.dbs.splice(0)) if (d.open) d.close();
    t.cleanup();
  });
  const db = () => t.session.require().db;
  return {
    router: () => t,
    db,
    count: (table: string, where = '1', ...params: unknown[]) => db().prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...params) as number,
    changes: (entity: string) => db().prepare('SELECT * FROM change_log WHERE entity = ? ORDER BY seq').all(entity) as ChangeRow[],
    /** Every row of the tables a call may write: to prove that a refused call wrote nothing. */
    snapshot(): Record<string, unknown[]> {
      const out: Record<string, unknown[]> = {};
      for (const table of ['commission', 'partners', 'contacts', 'change_log']) out[table] = db().prepare(`SELECT * FROM ${table}`).all();
      return out;
    },
    /** A plain read-only look at a database file, outside the session. */
    peek(path: string): Db {
      const d = new Database(path, { readonly: true, fileMustExist: true });
      extra.dbs.push(d);
      return d;
    },
    /** Another router on the same data folder, closed after the test. */
    reopen(): TestRouter {
      const next = createTestRouter({ dir: t.dir });
      extra.routers.push(next);
      return next;
    },
    newCommission: (departmentCode = '33'): Promise<CommissionSummary> => t.call('app.createCommission', { departmentCode }),
    newPartner: (name = 'Amicale du Nid', fields: Partial<InputOf<'partners.create'>> = {}): Promise<PartnerDetail> => t.call('partners.create', { name, type: 'association_sortie', ...fields }),
    writeIncoming(name: string, bytes: Buffer | string): string {
      const folder = join(t.dir, 'incoming');
      mkdirSync(folder, { recursive: true });
      const path = join(folder, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
}
