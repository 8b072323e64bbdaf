/**
 * A commission file the user cannot write (mode 444 in a folder they can write, with a WAL beside
 * it, as a crash leaves it). Tests run as root, and root writes whatever the mode says: the app and
 * the CLI are run as an unprivileged user (setpriv, user « nobody »), for whom the file is really
 * read-only. The app shows it read-only, refuses every write with the reason, and every backup and
 * copy returns (better-sqlite3's backup() spins for ever on such a file: it is not used for it).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { READ_ONLY_REFUSAL } from '../../src/main/api/read-only';
import { createCommissionFile } from '../../src/main/commission-file/commission';
import { openProblemMessages } from '../../src/main/platform/system-errors';
import { CLI } from '../helpers/cli';
import { csvText } from '../helpers/partner-files';

const ROOT = resolve(import.meta.dirname, '../..');
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
const canDropPrivileges = process.getuid?.() === 0 && spawnSync('setpriv', [...NOBODY, 'true']).status === 0;

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-lecture-seule-'));
  chmodSync(dir, 0o777);
  file = join(dir, 'cdlp.maillage');
  createCommissionFile(file, { departmentCode: '33', name: null }, new Date());
  // A WAL with committed rows beside the file, as a killed Maillage leaves it.
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare("INSERT INTO partners (id, name, type, created_at, updated_at) VALUES (?, ?, 'autre', 'x', 'x')");
  for (let i = 0; i < 200; i++) insert.run(`p${i}`, `Structure ${i} ${'x'.repeat(2000)}`);
  copyFileSync(file, join(dir, 'copie'));
  copyFileSync(`${file}-wal`, join(dir, 'copie-wal'));
  db.close();
  copyFileSync(join(dir, 'copie'), file);
  copyFileSync(join(dir, 'copie-wal'), `${file}-wal`);
  rmSync(join(dir, 'copie'));
  rmSync(join(dir, 'copie-wal'));
  chmodSync(file, 0o444);
  chmodSync(`${file}-wal`, 0o444);
  mkdirSync(join(dir, 'data'), { mode: 0o777 });
  chmodSync(join(dir, 'data'), 0o777);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function asNobody(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync('setpriv', [...NOBODY, process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, MAILLAGE_DEBUG: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

it.skipIf(!canDropPrivileges)('opens read-only at start-up without holding the window, refuses writes, and every backup and copy returns', () => {
  const copy = join(dir, 'copie.maillage');
  const run = asNobody('--import', 'tsx', join(ROOT, 'test/fixtures/read-only-app.ts'), join(dir, 'data'), file, copy);
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as Record<string, { ok: boolean; value?: unknown; error?: { message: string } }> & { windowAfterMs: number };
  expect(result.windowAfterMs).toBeLessThan(50);
  expect(result.status).toMatchObject({ ok: true, value: { commission: { readOnly: true, departmentCode: '33' }, damaged: null, unavailable: null } });
  expect(result.write).toEqual({ ok: false, error: { code: 'conflict', message: READ_ONLY_REFUSAL } });
  expect(result.campaigns).toEqual({ ok: true, value: [] });
  expect(result.backup).toMatchObject({ ok: true, value: { kind: 'manuel' } });
  expect(result.saved).toEqual({ ok: true, value: { path: copy } });
  // The backup and the copy hold the rows of the WAL, whole.
  const backups = join(dir, 'cdlp-fichiers', 'sauvegardes');
  const manual = readdirSync(backups).find((b) => b.endsWith('-manuel'))!;
  for (const made of [join(backups, manual, 'commission.maillage'), copy]) {
    const db = new Database(made, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM partners').pluck().get()).toBe(200);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }
});

it.skipIf(!canDropPrivileges)('CLI: reading commands and backups work on it, writing ones are refused with the reason', () => {
  const report = asNobody(CLI, 'export', 'partners', '--db', file, '--out', join(dir, 'partenaires.csv'));
  expect(report.stderr).toBe('');
  expect(report.stdout).toMatch(/200 structures/);
  const backup = asNobody(CLI, 'backup', '--db', file, '--out', join(dir, 'sauvegarde.maillage'));
  expect(backup.code, backup.stderr).toBe(0);
  expect(existsSync(join(dir, 'sauvegarde.maillage'))).toBe(true);
  const csv = join(dir, 'import.csv');
  spawnSync('sh', ['-c', `printf '%s' "$0" > ${csv}; chmod 644 ${csv}`, csvText()]);
  const refused = asNobody(CLI, 'import', 'partners', '--db', file, '--file', csv);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(openProblemMessages['read-only'].slice(1, 40));
  // returns status only reads: it gets as far as the campaigns (there are none); returns prepare writes.
  const status = asNobody(CLI, 'returns', 'status', '--db', file);
  expect(status.code).toBe(1);
  expect(status.stderr).toMatch(/aucune campagne de remontées/);
  const prepare = asNobody(CLI, 'returns', 'prepare', '--db', file, '--name', 'Printemps', '--deadline', '2026-06-05', '--out', join(dir, 'remontees'));
  expect(prepare.code).toBe(1);
  expect(prepare.stderr).toContain(openProblemMessages['read-only'].slice(1, 40));
});
