/**
 * Every CLI command that writes takes the commission's lock, so that raced against a restore or a
 * package import --replace, nothing it reported as written is lost: its rows are in the commission
 * afterwards, or in the backup the replacement took of it first. The rounds are random but seeded:
 * the seed is printed, and MAILLAGE_RACE_SEED replays them; MAILLAGE_RACE_ROUNDS runs more (200 for
 * the figures of the issue; a few by default, for CI).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backupsDir } from '../../src/main/commission-file/backups';
import { createCommissionFile } from '../../src/main/commission-file/commission';
import { exportPackage } from '../../src/main/commission-file/packages';
import { CommissionSession } from '../../src/main/commission-file/session';
import { Random } from '../../src/main/features/demo/random';
import { cli, type CliRun } from '../helpers/cli';
import { registerCsv } from '../helpers/parcours-files';
import { csvText } from '../helpers/partner-files';

const ROUNDS = Number(process.env.MAILLAGE_RACE_ROUNDS ?? 4);
const SEED = process.env.MAILLAGE_RACE_SEED ?? randomBytes(4).toString('hex');
const IN_USE = /ouverte dans Maillage \(sur ce poste ou un autre\)/;

let dir: string;
let partnersCsv: string;
let registerFile: string;
let emptyPackage: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-race-'));
  partnersCsv = join(dir, 'partenaires.csv');
  writeFileSync(partnersCsv, `\uFEFF${csvText()}`);
  registerFile = join(dir, 'registre.csv');
  writeFileSync(registerFile, `\uFEFF${registerCsv()}`);
  const source = join(dir, 'source', 'vide.maillage');
  createCommissionFile(source, { departmentCode: '33', name: null }, new Date());
  const session = new CommissionSession(join(dir, 'source-data'));
  await session.open(source);
  emptyPackage = join(dir, 'vide.maillage-echange');
  await exportPackage(session.require().db, source, emptyPackage, new Date());
  session.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const writers = {
  'import partners': (db: string) => ['import', 'partners', '--db', db, '--file', partnersCsv],
  // The references are free text, read only when the secretary names their columns.
  'parcours import': (db: string) => ['parcours', 'import', '--db', db, '--file', registerFile, '--texte-libre', 'Référence', '--texte-libre', 'demande renouvelée'],
};
/** What a writer wrote, counted in a database. */
const written: Record<keyof typeof writers, string> = {
  'import partners': "SELECT count(*) FROM partners WHERE name = 'Amicale du Nid – Bordeaux'",
  'parcours import': 'SELECT count(*) FROM parcours_requests',
};
const replacers = {
  restore: (db: string) => ['restore', '--db', db, '--from', 'derniere'],
  'package import --replace': (db: string) => ['package', 'import', '--db', db, '--file', emptyPackage, '--replace'],
};

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

it(`loses nothing a writing command reported as written, raced against a replacement (${ROUNDS} rounds, seed ${SEED})`, async () => {
  console.info(`write-race: seed ${SEED} (MAILLAGE_RACE_SEED=${SEED} MAILLAGE_RACE_ROUNDS=${ROUNDS} to replay)`);
  const random = new Random(SEED);
  const tally = { written: 0, writerRefused: 0, replaced: 0, replacerRefused: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const folder = join(dir, `manche-${round}`);
    mkdirSync(folder);
    const file = join(folder, 'cdlp.maillage');
    createCommissionFile(file, { departmentCode: '33', name: null }, new Date());
    // Opened once as the app does: its daily backup is what `restore --from derniere` brings back.
    const session = new CommissionSession(join(folder, 'data'));
    await session.open(file);
    session.close();

    const writer = random.chance(0.5) ? 'import partners' : 'parcours import';
    const replacer = random.chance(0.5) ? 'restore' : 'package import --replace';
    const writerDelay = random.int(0, 400);
    const replacerDelay = random.int(0, 400);
    const context = `round ${round} (seed ${SEED}): ${writer} after ${writerDelay} ms, ${replacer} after ${replacerDelay} ms`;
    const [w, r] = await Promise.all([
      sleep(writerDelay).then(() => cli(...writers[writer](file))),
      sleep(replacerDelay).then(() => cli(...replacers[replacer](file))),
    ]);
    const outcome = (run: CliRun) => {
      if (run.code === 0) return true;
      expect(run.stderr, context).toMatch(IN_USE);
      return false;
    };
    const wrote = outcome(w);
    const replaced = outcome(r);
    tally[wrote ? 'written' : 'writerRefused']++;
    tally[replaced ? 'replaced' : 'replacerRefused']++;
    if (!wrote) continue;
    // Reported as written: in the commission now, or in the backup the replacement took of it first.
    const saved = readdirSync(backupsDir(file))
      .filter((b) => b.endsWith('-avant-restauration') || b.endsWith('-avant-import'))
      .map((b) => join(backupsDir(file), b, 'commission.maillage'));
    const places = [file, ...saved].map((f) => count(f, written[writer]));
    expect(Math.max(...places), context).toBeGreaterThan(0);
  }
  console.info(`write-race: ${JSON.stringify(tally)}`);
  expect(tally.written + tally.writerRefused).toBe(ROUNDS);
}, 600_000);
