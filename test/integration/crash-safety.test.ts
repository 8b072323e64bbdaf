/**
 * Crash safety: a child process writes transactions to a commission and is killed (SIGKILL) at a
 * random moment, again and again. After each kill the database must pass integrity_check, hold
 * every transaction the child reported as committed, and nothing partial: each structure with all
 * its contacts and change-log rows, or not at all. At most one committed transaction can be
 * unreported (killed between the commit and the print), never more.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import { createCommissionDatabase } from '../../src/main/services/commission';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITER = join(ROOT, 'test/fixtures/crash-writer.ts');
const CONTACTS_PER_PARTNER = 20;
const ROUNDS = 12;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-crash-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the writer, kills it `delayMs` after it is ready, and returns the ids it reported. */
function runAndKill(file: string, round: number, delayMs: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, String(round)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (!killed && buffer.startsWith('ready\n')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`writer ended without being killed: ${stderr}`));
      // Only complete lines: a line cut by the kill was not fully reported.
      done(buffer.split('\n').slice(1, -1));
    });
  });
}

it(`survives ${ROUNDS} kills in the middle of writing with every committed transaction and nothing partial`, async () => {
  const file = join(dir, 'crash.maillage');
  createCommissionDatabase(file, { departmentCode: '33', name: null }, new Date().toISOString()).close();
  const reported = new Set<string>();
  let unreported = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const ids = await runAndKill(file, round, 30 + Math.floor(Math.random() * 400));
    for (const id of ids) reported.add(id);

    const db = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const present = new Set(db.prepare('SELECT id FROM partners').pluck().all() as string[]);
      for (const id of reported) expect(present.has(id), `reported ${id} is missing after round ${round}`).toBe(true);
      const extra = [...present].filter((id) => !reported.has(id));
      expect(extra.length - unreported, `round ${round}`).toBeLessThanOrEqual(1);
      unreported = extra.length;
      const counts = (sql: string) => new Map(db.prepare(sql).raw().all() as [string, number][]);
      const contacts = counts('SELECT partner_id, count(*) FROM contacts GROUP BY partner_id');
      const contactLogs = counts("SELECT json_extract(after, '$.partnerId'), count(*) FROM change_log WHERE entity = 'contact' GROUP BY 1");
      const partnerLogs = counts("SELECT entity_id, count(*) FROM change_log WHERE entity = 'partner' GROUP BY 1");
      const incomplete = [...present].filter(
        (id) => contacts.get(id) !== CONTACTS_PER_PARTNER || contactLogs.get(id) !== CONTACTS_PER_PARTNER || partnerLogs.get(id) !== 1,
      );
      expect(incomplete, `partial transactions after round ${round}`).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(present.size * CONTACTS_PER_PARTNER);
    } finally {
      db.close();
    }
  }
  // The kills landed while transactions were being written, not before the first one.
  expect(reported.size).toBeGreaterThan(ROUNDS);
  console.log(`crash safety: ${ROUNDS} kills, ${reported.size} transactions reported, ${unreported} committed but unreported`);
}, 120_000);
