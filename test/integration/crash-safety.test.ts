/**
 * Crash safety: a child process writes transactions to a commission and is killed (SIGKILL) at a
 * random moment, again and again. After each kill the database must pass integrity_check, hold
 * every transaction the child reported as committed, and nothing partial: each structure with all
 * its contacts and change-log rows, or not at all. At most one committed transaction can be
 * unreported (killed between the commit and the print), never more.
 *
 * Then the same for replacing a commission (restore of a backup, import of a package over it): a
 * child is killed after each step of the replace, and at random moments. After the next opening
 * the commission is either the old one complete (every committed transaction, its own attached
 * files) or the new one complete (the source's rows and files), never a mix, and nothing is left
 * beside it. MAILLAGE_CRASH_ROUNDS sets the number of random kills (12 by default); the kill times are
 * drawn from the run's seed, MAILLAGE_SEED, which the failure messages repeat to replay them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import { REPLACE_STEPS, stagingDir } from '../../src/main/commission-file/backups';
import { createCommissionDatabase, filesDir } from '../../src/main/commission-file/commission';
import { exportPackage } from '../../src/main/commission-file/packages';
import { CommissionSession } from '../../src/main/commission-file/session';
import { runSeed, seededRandom } from '../helpers/seed';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITER = join(ROOT, 'test/fixtures/crash-writer.ts');
const REPLACER = join(ROOT, 'test/fixtures/crash-replacer.ts');
const CONTACTS_PER_PARTNER = 20;
const ROUNDS = Number(process.env.MAILLAGE_CRASH_ROUNDS ?? 12);
const SEED = `MAILLAGE_SEED=${runSeed()}`;

// The children are bundled once to plain JavaScript: a process started without transpiling makes each round fast.
const BUNDLES = join(ROOT, 'out', `crash-fixtures-${process.pid}`);
const bundled = (fixture: string) => join(BUNDLES, basename(fixture).replace(/\.ts$/, '.mjs'));

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-crash-'));
  await build({
    entryPoints: [WRITER, REPLACER],
    bundle: true,
    outdir: BUNDLES,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    // This Node exactly: esbuild keeps the JSON imports' type attribute only for a Node that knows it (20.10 and later).
    target: `node${process.versions.node}`,
    packages: 'external',
    logLevel: 'warning',
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(BUNDLES, { recursive: true, force: true });
});

/** Starts the writer, kills it `delayMs` after it is ready, and returns the ids it reported. */
function runAndKill(file: string, round: number, delayMs: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundled(WRITER), file, String(round)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
  createCommissionDatabase(file, { departmentCode: '33', name: null }, new Date()).close();
  const reported = new Set<string>();
  let unreported = 0;
  const random = seededRandom('writer kills');
  for (let round = 0; round < ROUNDS; round++) {
    const ids = await runAndKill(file, round, 30 + Math.floor(random() * 400));
    for (const id of ids) reported.add(id);

    const db = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}, ${SEED}`).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const present = new Set(db.prepare('SELECT id FROM partners').pluck().all() as string[]);
      for (const id of reported) expect(present.has(id), `reported ${id} is missing after round ${round}, ${SEED}`).toBe(true);
      const extra = [...present].filter((id) => !reported.has(id));
      expect(extra.length - unreported, `round ${round}, ${SEED}`).toBeLessThanOrEqual(1);
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

/** What a commission holds: its name, its partners, and the content of its attached file « etat.csv ». */
interface State {
  name: string;
  partners: string[];
  attached: string | null;
}

function stateOf(file: string): State {
  const db = openDatabase(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return {
      name: db.prepare('SELECT name FROM commission WHERE id = 1').pluck().get() as string,
      partners: (db.prepare('SELECT id FROM partners ORDER BY id').pluck().all() as string[]),
      attached: existsSync(join(filesDir(file), 'etat.csv')) ? readFileSync(join(filesDir(file), 'etat.csv'), 'utf8') : null,
    };
  } finally {
    db.close();
  }
}

/** Gives the commission a new name and the same text in its attached file, so that a mix of two states shows. */
function markState(file: string, label: string): void {
  const db = openDatabase(file);
  try {
    db.prepare('UPDATE commission SET name = ? WHERE id = 1').run(label);
  } finally {
    db.close();
  }
  mkdirSync(filesDir(file), { recursive: true });
  writeFileSync(join(filesDir(file), 'etat.csv'), label);
}

/** Runs the replacer; `killAt` a step, or a delay in ms after it is ready; resolves with how it ended. */
function runReplacer(args: string[], killAt: string | number): Promise<'killed' | 'done'> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundled(REPLACER), ...args, typeof killAt === 'string' ? killAt : ''], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (typeof killAt === 'number' && stdout === 'ready\n') setTimeout(() => child.kill('SIGKILL'), killAt);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') return done('killed');
      if (code === 0 && stdout.endsWith('done\n')) return done('done');
      fail(new Error(`replacer failed (${code}): ${stderr}`));
    });
  });
}

interface ReplaceFigures {
  rounds: number;
  killed: number;
  old: number;
  replaced: number;
  damaged: number;
  lost: number;
}

/**
 * One commission replaced again and again, by a backup or a package of a known « source » state,
 * with a kill at each `kills` entry. Checks every round and returns the figures.
 */
async function replaceUnderKills(name: string, kills: { mode: 'restore' | 'import'; killAt: string | number }[]): Promise<ReplaceFigures> {
  const random = seededRandom(`writer kills before replacing, ${name}`);
  const dataDir = join(dir, name);
  const file = join(dataDir, 'commissions', 'crash.maillage');
  createCommissionDatabase(file, { departmentCode: '33', name: null }, new Date()).close();
  await runAndKill(file, 0, 300);
  markState(file, 'source');
  const source = stateOf(file);
  const setup = new CommissionSession(dataDir);
  await setup.open(file);
  const backup = await setup.backup();
  const pkg = join(dataDir, 'source.maillage-echange');
  await exportPackage(setup.require().db, file, pkg, new Date());
  setup.close();

  const figures: ReplaceFigures = { rounds: 0, killed: 0, old: 0, replaced: 0, damaged: 0, lost: 0 };
  for (const [round, { mode, killAt }] of kills.entries()) {
    // The old state: its own name and file, and transactions left in the WAL by a killed writer.
    markState(file, `ancien ${round}`);
    await runAndKill(file, round + 1, 50 + Math.floor(random() * 200));
    const old = stateOf(file);
    const ended = await runReplacer([dataDir, file, mode, mode === 'restore' ? backup.id : pkg], killAt);
    figures.rounds++;
    if (ended === 'killed') figures.killed++;

    const session = new CommissionSession(dataDir);
    let after: State;
    try {
      const status = await session.open(file);
      if (!status.commission) figures.damaged++;
      expect(status.commission, `${mode} killed at ${killAt}: the commission opens (${SEED})`).not.toBeNull();
    } finally {
      session.close();
    }
    try {
      after = stateOf(file);
    } catch (error) {
      figures.damaged++;
      throw error;
    }
    const expected = after.name === 'source' ? source : old;
    if (after.name === 'source') figures.replaced++;
    else figures.old++;
    const missing = expected.partners.filter((id) => !after.partners.includes(id));
    figures.lost += missing.length;
    expect(after, `${mode} killed at ${killAt}, round ${round}, ${SEED}`).toEqual(expected);
    expect(existsSync(stagingDir(file)), 'staging folder left').toBe(false);
    expect(readdirSync(join(dataDir, 'commissions')).filter((f) => f.includes('partiel') || f.includes('remplacement'))).toEqual([]);
    // The backups stay with the commission whichever state it is in.
    expect(readdirSync(join(filesDir(file), 'sauvegardes'))).toContain(backup.id);
  }
  return figures;
}

it('replaces a commission all or nothing when killed after each step of a restore or a package import', async () => {
  const kills = (['restore', 'import'] as const).flatMap((mode) => REPLACE_STEPS.map((killAt) => ({ mode, killAt })));
  const figures = await replaceUnderKills('steps', kills);
  // Killed up to the checkpoint: the old commission; from the commit on: the new one.
  expect(figures).toMatchObject({ rounds: kills.length, killed: kills.length, damaged: 0, lost: 0, old: 4, replaced: 8 });
  console.log(`replace, kill after each step: ${JSON.stringify(figures)}`);
}, 300_000);

it(`replaces a commission all or nothing under ${ROUNDS} kills at random moments`, async () => {
  const random = seededRandom('replacer kills');
  const kills = Array.from({ length: ROUNDS }, (_, round) => ({ mode: round % 2 === 0 ? ('restore' as const) : ('import' as const), killAt: Math.floor(random() * 1500) }));
  const figures = await replaceUnderKills('random', kills);
  expect(figures).toMatchObject({ rounds: ROUNDS, damaged: 0, lost: 0 });
  console.log(`replace, random kills: ${JSON.stringify(figures)}`);
}, 60_000 + ROUNDS * 15_000);
