/**
 * Every CLI command that takes --db opens its commission the app's way (commission-file/open.ts):
 * a file of an older schema is backed up as it was, then migrated, once; a damaged file is refused
 * with the app's message and left byte for byte as it was. Run as a user runs them: child processes.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../src/main/db/migrate';
import { openProblemMessages } from '../../src/main/platform/system-errors';
import { fillers } from '../fixtures/schema-versions';
import { cli } from '../helpers/cli';
import { registerCsv } from '../helpers/parcours-files';
import { csvText } from '../helpers/partner-files';

const OLD = LATEST_VERSION - 1;
let dir: string;
let oldFile: string;
let damagedFile: string;
let currentCopy: string;
let partnersCsv: string;
let parcoursCsv: string;

/** An old commission with a row in every table, as test/fixtures/schema-versions.ts fills it version after version. */
function build(file: string, version: number): void {
  const db = new Database(file);
  for (let v = 1; v <= version; v++) {
    migrate(db, v);
    fillers[v]!(db);
  }
  // The fillers name attached files: a commission has them in its folder.
  db.close();
}

/** A page of the partners table overwritten: SQLite's quick_check fails, the header still reads. */
function damage(file: string): void {
  const db = new Database(file);
  const page = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'partners'").pluck().get() as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  db.pragma('journal_mode = DELETE');
  db.close();
  const bytes = readFileSync(file);
  bytes.fill(0xa5, (page - 1) * size + 8, (page - 1) * size + 200);
  writeFileSync(file, bytes);
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const version = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};
/** The kinds of the backups in the commission's folder. */
const backups = (file: string) => {
  const folder = join(file.replace(/\.maillage$/, '-fichiers'), 'sauvegardes');
  return existsSync(folder) ? readdirSync(folder).filter((b) => !b.includes('.partiel')).map((b) => b.replace(/^\d{8}T\d{6}Z-/, '').replace(/-\d+$/, '')) : [];
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-one-way-'));
  oldFile = join(dir, 'ancienne.maillage');
  build(oldFile, OLD);
  damagedFile = join(dir, 'abimee.maillage');
  build(damagedFile, LATEST_VERSION);
  damage(damagedFile);
  currentCopy = join(dir, 'copie-actuelle.maillage');
  build(currentCopy, LATEST_VERSION);
  // A copy from elsewhere is checked: the report it recorded was written at an absolute path.
  const copy = new Database(currentCopy);
  copy.prepare('UPDATE reports SET file_path = ?').run(join(dir, 'bilan-2025.docx'));
  copy.close();
  partnersCsv = join(dir, 'partenaires.csv');
  writeFileSync(partnersCsv, `\uFEFF${csvText()}`);
  parcoursCsv = join(dir, 'registre.csv');
  writeFileSync(parcoursCsv, `\uFEFF${registerCsv()}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each command that takes --db, given the commission `db` and a fresh output name. */
const commands: Record<string, (db: string, out: (name: string) => string) => string[]> = {
  backup: (db) => ['backup', '--db', db],
  'backup --out': (db, out) => ['backup', '--db', db, '--out', out('copie.maillage')],
  'package export': (db, out) => ['package', 'export', '--db', db, '--out', out('paquet.maillage-echange')],
  'import partners': (db) => ['import', 'partners', '--db', db, '--file', partnersCsv],
  'import partners --dry-run': (db) => ['import', 'partners', '--db', db, '--file', partnersCsv, '--dry-run'],
  'export partners': (db, out) => ['export', 'partners', '--db', db, '--out', out('partenaires.xlsx')],
  'actions export': (db, out) => ['actions', 'export', '--db', db, '--out', out('fiches.csv')],
  minutes: (db, out) => ['minutes', '--db', db, '--session', 'm1', '--out', out('cr.docx')],
  convocation: (db, out) => ['convocation', '--db', db, '--session', 'm1', '--out', out('convocation.docx')],
  'attendance-sheet': (db, out) => ['attendance-sheet', '--db', db, '--session', 'm1', '--out', out('emargement.docx')],
  ics: (db, out) => ['ics', '--db', db, '--session', 'm1', '--out', out('seance.ics')],
  report: (db, out) => ['report', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--out', out('bilan.docx')],
  'parcours export': (db, out) => ['parcours', 'export', '--db', db, '--out', out('registre.xlsx')],
  'parcours stats': (db) => ['parcours', 'stats', '--db', db, '--year', '2025'],
  // The references are free text, read only when the secretary names their columns.
  'parcours import': (db) => ['parcours', 'import', '--db', db, '--file', parcoursCsv, '--texte-libre', 'Référence', '--texte-libre', 'demande renouvelée'],
  avis: (db, out) => ['avis', '--db', db, '--session', 'm1', '--out', out('avis.docx')],
  restore: (db) => ['restore', '--db', db, '--from', currentCopy],
  'package import --replace': (db) => ['package', 'import', '--db', db, '--file', join(dirname(db), 'paquet-source.maillage-echange'), '--replace'],
};

/** The package `package import` reads, exported from a current commission beside the outputs. */
async function sourcePackage(folder: string): Promise<void> {
  const made = await cli('package', 'export', '--db', currentCopy, '--out', join(folder, 'paquet-source.maillage-echange'));
  expect(made.code, made.stderr).toBe(0);
}

describe.concurrent('an older commission given to each command', () => {
  for (const [name, args] of Object.entries(commands)) {
    it(`${name}: backs the file up as it was, migrates it, once`, async () => {
      const folder = mkdtempSync(join(dir, 'ancienne-'));
      const file = join(folder, 'commission.maillage');
      copyFileSync(oldFile, file);
      if (name.startsWith('package import')) await sourcePackage(folder);
      const first = await cli(...args(file, (n) => join(folder, `1-${n}`)));
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(version(file)).toBe(LATEST_VERSION);
      expect(backups(file).filter((k) => k === 'migration')).toHaveLength(1);
      // The same register twice would be refused as duplicates: the second opening is another command's.
      const again = name === 'parcours import' ? commands['parcours stats']! : args;
      const second = await cli(...again(file, (n) => join(folder, `2-${n}`)));
      expect(second.code, second.stderr).toBe(0);
      expect(backups(file).filter((k) => k === 'migration'), 'migrated once').toHaveLength(1);
      // The backup holds the file as the older Maillage left it.
      const kept = readdirSync(join(folder, 'commission-fichiers', 'sauvegardes')).find((b) => b.endsWith('-migration'))!;
      expect(version(join(folder, 'commission-fichiers', 'sauvegardes', kept, 'commission.maillage'))).toBe(OLD);
    });
  }

  it('check: reports the older schema and changes nothing', async () => {
    const file = join(mkdtempSync(join(dir, 'check-')), 'commission.maillage');
    copyFileSync(oldFile, file);
    const before = sha(file);
    const run = await cli('check', '--db', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`schéma en version ${OLD}, attendue ${LATEST_VERSION}`);
    expect(sha(file)).toBe(before);
    expect(backups(file)).toEqual([]);
  });
});

describe.concurrent('a damaged commission given to each command', () => {
  const damagedMessage = `Erreur : ${openProblemMessages.damaged.charAt(0).toLowerCase()}${openProblemMessages.damaged.slice(1)}`;
  for (const [name, args] of Object.entries(commands)) {
    // Restoring and importing over a damaged commission is what repairs it: the file is set aside, not refused.
    if (name === 'restore' || name.startsWith('package import')) continue;
    it(`${name}: refused with the app’s message, the file left as it was`, async () => {
      const folder = mkdtempSync(join(dir, 'abimee-'));
      const file = join(folder, 'commission.maillage');
      copyFileSync(damagedFile, file);
      const before = sha(file);
      const run = await cli(...args(file, (n) => join(folder, n)));
      expect(run.code).toBe(1);
      expect(run.stderrLines[0]).toContain(damagedMessage);
      expect(run.stderrLines[0]).toContain('maillage restore --db');
      expect(sha(file)).toBe(before);
      // Nothing beside it but, for the commands that write, the lock they took.
      expect(readdirSync(folder).filter((f) => f !== 'commission.maillage.verrou')).toEqual(['commission.maillage']);
    });
  }

  for (const name of ['restore', 'package import --replace']) {
    it(`${name}: sets the damaged file aside and puts the good one in its place`, async () => {
      const folder = mkdtempSync(join(dir, 'abimee-'));
      const file = join(folder, 'commission.maillage');
      copyFileSync(damagedFile, file);
      const before = sha(file);
      if (name.startsWith('package import')) await sourcePackage(folder);
      const run = await cli(...commands[name]!(file, (n) => join(folder, n)));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/endommagée? : (il|elle) est mise? de côté dans/);
      const aside = readdirSync(join(folder, 'commission-fichiers', 'sauvegardes')).find((f) => f.startsWith('endommage-'))!;
      expect(sha(join(folder, 'commission-fichiers', 'sauvegardes', aside))).toBe(before);
      expect((await cli('check', '--db', file)).code).toBe(0);
    });
  }
});
