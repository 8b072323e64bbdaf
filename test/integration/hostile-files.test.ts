/**
 * Crafted commission files — exchange packages, backups to restore, files opened with Fichier ›
 * Ouvrir, and the CLI's restore and package import — are refused with a French message before
 * anything is written or run. Every case starts from a real commission made by the app, altered
 * the way an attacker would, and checks that nothing changed on disk afterwards.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/main/db/migrate';
import { backupsDir, copyAttachedFiles, listBackups } from '../../src/main/commission-file/backups';
import { filesDir } from '../../src/main/commission-file/commission';
import { checkFilesFolder, nameCollision, relativePathProblem, resolveInside, windowsNameProblem } from '../../src/main/commission-file/untrusted';
import { cli } from '../helpers/cli';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
let base: string;
/** Every crafted file refused in this file, counted for the closing note. */
const refused: string[] = [];

beforeEach(async () => {
  t = createTestRouter();
  const summary = await t.call('app.createCommission', { departmentCode: '33', name: null });
  await t.call('partners.create', { name: 'Amicale du Nid', type: 'autre', domains: [] });
  base = join(t.dir, 'base.maillage');
  const { db } = t.session.require();
  await db.backup(base);
  t.session.close();
  const copy = new Database(base);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  rmSync(summary.filePath, { force: true });
  rmSync(filesDir(summary.filePath), { recursive: true, force: true });
});
afterEach(() => t.cleanup());
afterAll(() => {
  console.info(`Fichiers hostiles refusés : ${refused.length}`);
});

/** A copy of the base commission altered by `sql` (run with Maillage's own rules off, as an attacker's tool would). */
function crafted(name: string, alter: (db: Database.Database) => void): string {
  const path = join(t.dir, `${name}.maillage`);
  copyFileSync(base, path);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    alter(db);
  } finally {
    db.close();
  }
  return path;
}

interface Entry {
  path: string;
  bytes: Buffer;
  /** Declared size, when it lies. */
  size?: number;
  /** Stored as is instead of deflated. */
  compressed?: Buffer;
}

/** An exchange package with correct checksums around whatever entries are given. */
function pack(name: string, entries: Entry[], manifestChanges: Record<string, unknown> = {}): string {
  const blobs: Buffer[] = [];
  const listed = entries.map((e) => {
    const compressed = e.compressed ?? deflateRawSync(e.bytes);
    blobs.push(compressed);
    return { path: e.path, size: e.size ?? e.bytes.length, compressedSize: compressed.length, sha256: createHash('sha256').update(e.bytes).digest('hex') };
  });
  const manifest = {
    format: 'maillage-echange',
    formatVersion: 1,
    schemaVersion: LATEST_VERSION,
    exportedAt: '2026-03-01T10:00:00.000Z',
    sourceName: 'piege',
    commission: { name: 'Commission piégée', departmentCode: '33' },
    counts: { partners: 1, contacts: 0, actions: 0, protocols: 0, meetings: 0, files: entries.length - 1 },
    entries: listed,
    ...manifestChanges,
  };
  const json = Buffer.from(JSON.stringify(manifest));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const path = join(t.dir, `${name}.maillage-echange`);
  writeFileSync(path, Buffer.concat([Buffer.from('MAILLAGE-ECHANGE', 'ascii'), length, json, ...blobs]));
  return path;
}

const db = (path: string): Entry => ({ path: 'commission.maillage', bytes: readFileSync(path) });
const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

/** Everything under the data folder and the temporary folder that an import could leave behind. */
function snapshot(): string {
  const list = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);
  return JSON.stringify([list(join(t.dir, 'commissions')), readdirSync(tmpdir()).filter((n) => n.startsWith('maillage-import-')).length]);
}

async function expectPackageRefused(file: string, message: RegExp): Promise<void> {
  const before = snapshot();
  t.os.queueOpenFile(file);
  const error = await t.callError('package.chooseImport');
  expect(error.message, file).toMatch(message);
  expect(error.message).not.toMatch(/Error|SQLITE|\/tmp|undefined/);
  expect(['validation', 'io']).toContain(error.code);
  // Nothing pending, nothing written, nothing left in the temporary folder.
  expect((await t.callError('package.import', { mode: 'new' })).code).toBe('conflict');
  expect(snapshot()).toBe(before);
  expect(t.logged).toEqual([]);
  refused.push(file);
}

describe('crafted exchange packages', () => {
  it('accepts an honest package, and shows the counts the database holds rather than the manifest’s', async () => {
    const file = pack('honnete', [db(base), { path: 'fichiers/protocoles/convention.pdf', bytes: pdf }], {
      counts: { partners: 999, contacts: 999, actions: 999, protocols: 999, meetings: 999, files: 999 },
      commission: { name: 'Nom annoncé', departmentCode: '75' },
    });
    t.os.queueOpenFile(file);
    const preview = await t.call('package.chooseImport');
    expect(preview?.counts).toEqual({ partners: 1, contacts: 0, actions: 0, protocols: 0, meetings: 0, files: 1 });
    expect(preview?.departmentCode).toBe('33');
    expect(preview?.commissionName).not.toBe('Nom annoncé');
    const opened = await t.call('package.import', { mode: 'new' });
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
    expect(existsSync(join(filesDir(opened.filePath), 'protocoles', 'convention.pdf'))).toBe(true);
  });

  const schemaCases: [string, string, RegExp][] = [
    ['declencheur', "CREATE TRIGGER wipe AFTER INSERT ON partners BEGIN DELETE FROM change_log; END", /refusé : la base de données contient un déclencheur que Maillage ne crée pas/],
    ['vue', 'CREATE VIEW espion AS SELECT * FROM contacts', /contient une vue que Maillage ne crée pas/],
    ['table-cachee', 'CREATE TABLE cachette (x TEXT)', /contient une table que Maillage ne crée pas/],
    ['index-en-plus', 'CREATE INDEX partners_extra ON partners(commune)', /contient un index que Maillage ne crée pas/],
    ['table-modifiee', 'ALTER TABLE partners ADD COLUMN espion TEXT', /structure de la base de données a été modifiée/],
    ['index-supprime', 'DROP INDEX catalogue_nodes_parent', /il manque un index/],
  ];
  for (const [name, sql, message] of schemaCases) {
    it(`refuses a package whose database has been altered: ${name}`, async () => {
      await expectPackageRefused(pack(name, [db(crafted(name, (d) => d.exec(sql)))]), message);
    });
  }

  it('refuses a forged application id over a two-table database', async () => {
    const path = join(t.dir, 'faux.maillage');
    const d = new Database(path);
    d.exec("PRAGMA application_id = 1296124236; PRAGMA user_version = 1; CREATE TABLE commission (id INTEGER PRIMARY KEY, name TEXT, department_code TEXT); CREATE TABLE partners (id TEXT); INSERT INTO commission VALUES (1, 'x', '33');");
    d.close();
    await expectPackageRefused(pack('faux-id', [db(path)]), /il manque une table|structure de la base/);
  });

  it('refuses stored paths that leave the commission’s folder', async () => {
    const cases: [string, string][] = [
      ['logo-remonte', "UPDATE commission SET logo_file = '../../.ssh/id_rsa'"],
      ['logo-absolu', "UPDATE commission SET logo_file = '/etc/passwd'"],
      ['logo-lecteur', "UPDATE commission SET logo_file = 'C:\\Windows\\win.ini'"],
      [
        'protocole-remonte',
        "INSERT INTO protocols (id, title, kind, status, file_name, created_at, updated_at) VALUES ('11111111-1111-4111-8111-111111111111', 'P', 'convention', 'signe', 'protocoles/../../../victime.docx', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
      ],
      [
        'protocole-exe',
        "INSERT INTO protocols (id, title, kind, status, file_name, created_at, updated_at) VALUES ('11111111-1111-4111-8111-111111111111', 'P', 'convention', 'signe', 'protocoles/protocole-signe.exe', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
      ],
      [
        'piece-jointe-remonte',
        `INSERT INTO meetings (id, kind, starts_at, created_at, updated_at) VALUES ('m', 'pleniere', '2026-01-10T14:00', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
         INSERT INTO meeting_files (id, meeting_id, title, file_name, position, created_at) VALUES ('f', 'm', 'Bilan', 'seances/../../../Documents/bilan.pdf', 1, '2026-01-01T00:00:00Z')`,
      ],
      [
        'piece-jointe-exe',
        `INSERT INTO meetings (id, kind, starts_at, created_at, updated_at) VALUES ('m', 'pleniere', '2026-01-10T14:00', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
         INSERT INTO meeting_files (id, meeting_id, title, file_name, position, created_at) VALUES ('f', 'm', 'Bilan', 'seances/bilan.pdf.lnk', 1, '2026-01-01T00:00:00Z')`,
      ],
      ['rapport-exe', "INSERT INTO reports (id, title, from_on, to_on, file_path, generated_at) VALUES ('r', 'R', '2026-01-01', '2026-02-01', 'C:\\Users\\a\\rapport.exe', '2026-02-01T00:00:00Z')"],
    ];
    for (const [name, sql] of cases) await expectPackageRefused(pack(name, [db(crafted(name, (d) => d.exec(sql)))]), /refusé : (un fichier joint est désigné hors du dossier|un fichier joint n’est pas un document|un rapport)/);
  });

  it('refuses entry names that escape, run, or that Windows cannot hold', async () => {
    const cases: [string, string[], RegExp][] = [
      ['remonte', ['fichiers/../../evil.pdf'], /nom refusé \(nom vide ou « \.\. »\)/],
      ['absolu', ['fichiers//etc/cron.d/x.pdf'], /nom refusé/],
      ['executable', ['fichiers/protocoles/protocole-signe.exe'], /n’est pas un document/],
      ['raccourci', ['fichiers/protocoles/protocole.lnk'], /n’est pas un document/],
      ['con', ['fichiers/protocoles/CON.pdf'], /nom réservé par Windows/],
      ['com1', ['fichiers/com1.docx'], /nom réservé par Windows/],
      ['lpt9', ['fichiers/LPT9'], /nom réservé par Windows/],
      ['point-final', ['fichiers/rapport.pdf.'], /terminé par un point ou une espace/],
      ['espace-finale', ['fichiers/rapport.pdf '], /terminé par un point ou une espace/],
      ['deux-points', ['fichiers/flux:cache.pdf'], /caractère interdit/],
      ['casse', ['fichiers/Logo.png', 'fichiers/logo.PNG'], /même nom à la casse près/],
      ['unicode', ['fichiers/e\u0301te\u0301.pdf', 'fichiers/\u00e9t\u00e9.pdf'], /même nom à la casse près/],
    ];
    for (const [name, paths, message] of cases) {
      await expectPackageRefused(pack(`noms-${name}`, [db(base), ...paths.map((p) => ({ path: p, bytes: pdf }))]), message);
    }
  });

  it('refuses deflate bombs before they fill the memory or the disk', async () => {
    // A few kilobytes that inflate to 20 MB, declared as 5 GB: refused from the manifest.
    const zeros = Buffer.alloc(20_000_000);
    const bomb = deflateRawSync(zeros, { level: 9 });
    expect(bomb.length).toBeLessThan(30_000);
    await expectPackageRefused(pack('bombe-annoncee', [db(base), { path: 'fichiers/a.pdf', bytes: zeros, compressed: bomb, size: 5_000_000_000 }]), /dépasserait 4 Go/);
    // The same bytes declared as a 10 kB file: inflation stops at 10 kB.
    const small = pack('bombe-cachee', [db(base), { path: 'fichiers/a.pdf', bytes: zeros.subarray(0, 10_000), compressed: bomb }]);
    expect(readFileSync(small).length).toBeLessThan(1_000_000);
    await expectPackageRefused(small, /plus grand qu’annoncé/);
    // Too many entries.
    const many = Array.from({ length: 10_001 }, (_, i) => ({ path: `fichiers/${i}.pdf`, bytes: Buffer.alloc(0) }));
    await expectPackageRefused(pack('trop-de-fichiers', [db(base), ...many]), /10\s000 fichiers/u);
  });
});

describe('crafted files opened, restored or imported', () => {
  it('refuses to open a crafted commission file and leaves it untouched', async () => {
    const path = crafted('ouvert', (d) => d.exec("CREATE TRIGGER t AFTER INSERT ON partners BEGIN INSERT INTO change_log (at, entity, entity_id, op) VALUES ('x','x','x','x'); END"));
    const before = readFileSync(path);
    t.os.queueOpenFile(path);
    const error = await t.callError('app.open');
    expect(error.message).toMatch(/refusé : la base de données contient un déclencheur/);
    expect(readFileSync(path).equals(before)).toBe(true);
    // No backup taken, no WAL written, nothing migrated.
    expect(existsSync(filesDir(path))).toBe(false);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect((await t.call('app.status')).commission).toBeNull();
    refused.push(path);
  });

  it('refuses to open a commission whose folder holds a link out of it', async () => {
    const path = join(t.dir, 'lien.maillage');
    copyFileSync(base, path);
    mkdirSync(join(filesDir(path), 'protocoles'), { recursive: true });
    symlinkSync(join(t.dir), join(filesDir(path), 'protocoles', 'dossier'));
    t.os.queueOpenFile(path);
    expect((await t.callError('app.open')).message).toMatch(/un fichier joint est un raccourci/);
    refused.push(path);
    // A plain commission opens.
    rmSync(join(filesDir(path), 'protocoles', 'dossier'));
    t.os.queueOpenFile(path);
    expect((await t.call('app.open'))?.commission?.departmentCode).toBe('33');
  });

  it('refuses to restore a backup that was altered after it was taken', async () => {
    const path = join(t.dir, 'commissions', 'vraie.maillage');
    mkdirSync(join(t.dir, 'commissions'), { recursive: true });
    copyFileSync(base, path);
    await t.session.open(path);
    const backup = await t.call('backups.create');
    const { db: live } = t.session.require();
    live.prepare("UPDATE partners SET name = 'Après la sauvegarde'").run();
    const saved = join(backupsDir(path), backup.id, 'commission.maillage');
    const d = new Database(saved);
    d.exec('CREATE TRIGGER t AFTER UPDATE ON partners BEGIN DELETE FROM contacts; END');
    d.close();
    const error = await t.callError('backups.restore', { id: backup.id });
    expect(error.message).toMatch(/déclencheur que Maillage ne crée pas/);
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Après la sauvegarde']);
    refused.push(saved);
  });

  it('copies a commission’s folder into a backup without following links', async () => {
    const from = join(t.dir, 'source');
    mkdirSync(join(from, 'protocoles'), { recursive: true });
    writeFileSync(join(from, 'protocoles', 'vrai.pdf'), pdf);
    writeFileSync(join(t.dir, 'secret.pdf'), 'secret');
    symlinkSync(join(t.dir, 'secret.pdf'), join(from, 'protocoles', 'lien.pdf'));
    symlinkSync(t.dir, join(from, 'tout'));
    const to = join(t.dir, 'copie');
    copyAttachedFiles(from, to);
    expect(readdirSync(to, { recursive: true }).map(String).sort()).toEqual(['protocoles', join('protocoles', 'vrai.pdf')]);
    expect(() => checkFilesFolder(from)).toThrow(/raccourci/);
  });

  it('refuses crafted files in the CLI’s restore and package import, writing nothing', async () => {
    const target = join(t.dir, 'cli', 'cible.maillage');
    mkdirSync(join(t.dir, 'cli'));
    copyFileSync(base, target);
    const before = readFileSync(target);
    const trap = crafted('cli-piege', (d) => d.exec('CREATE VIEW v AS SELECT 1'));
    const restore = await cli('restore', '--db', target, '--from', trap);
    expect(restore.code).toBe(1);
    expect(restore.stderrLines).toEqual([expect.stringMatching(/^Erreur : impossible de restaurer .* ce fichier est refusé : la base de données contient une vue/)]);
    const packaged = pack('cli-paquet', [db(trap)]);
    const imported = await cli('package', 'import', '--db', target, '--file', packaged, '--replace');
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/contient une vue que Maillage ne crée pas/);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(join(t.dir, 'cli'))).toEqual(['cible.maillage']);
    refused.push(trap, packaged);
  });
});

describe('opening files with the system', () => {
  it('opens only documents inside the folder or chosen by the user, whatever the database says', async () => {
    const path = join(t.dir, 'commissions', 'ok.maillage');
    mkdirSync(join(filesDir(path), 'protocoles'), { recursive: true });
    copyFileSync(base, path);
    await t.session.open(path);
    const { db: live } = t.session.require();
    const insert = live.prepare("INSERT INTO protocols (id, title, kind, status, file_name, created_at, updated_at) VALUES (?, 'P', 'convention', 'signe', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    const outside = join(t.dir, 'ailleurs.pdf');
    writeFileSync(outside, pdf);
    writeFileSync(join(filesDir(path), 'protocoles', 'signe.exe'), 'MZ');
    writeFileSync(join(filesDir(path), 'protocoles', 'signe.pdf'), pdf);
    symlinkSync(outside, join(filesDir(path), 'protocoles', 'lien.pdf'));
    // Forced in after the checks, as a bug elsewhere could.
    const ids: [string, string, string, string] = ['21111111-1111-4111-8111-111111111111', '31111111-1111-4111-8111-111111111111', '41111111-1111-4111-8111-111111111111', '51111111-1111-4111-8111-111111111111'];
    insert.run(ids[0], '../ailleurs.pdf');
    insert.run(ids[1], 'protocoles/signe.exe');
    insert.run(ids[2], 'protocoles/lien.pdf');
    insert.run(ids[3], 'protocoles/signe.pdf');
    expect((await t.callError('protocols.openFile', { id: ids[0] })).message).toMatch(/ne se trouve pas dans son dossier/);
    expect((await t.callError('protocols.openFile', { id: ids[1] })).message).toMatch(/n’ouvre que des documents/);
    expect((await t.callError('protocols.openFile', { id: ids[2] })).message).toMatch(/raccourci/);
    expect(t.os.openedPaths).toEqual([]);
    await t.call('protocols.openFile', { id: ids[3] });
    expect(t.os.openedPaths).toEqual([join(filesDir(path), 'protocoles', 'signe.pdf')]);
    // A report path recorded elsewhere on the disk is opened only if it is a Word file.
    live.prepare("INSERT INTO reports (id, title, from_on, to_on, file_path, generated_at) VALUES ('61111111-1111-4111-8111-111111111111', 'R', '2026-01-01', '2026-02-01', ?, '2026-02-01T00:00:00Z')").run(outside);
    expect((await t.callError('reports.open', { id: '61111111-1111-4111-8111-111111111111' })).message).toMatch(/ne se trouve pas dans le dossier de la commission/);
    expect(t.os.openedPaths).toHaveLength(1);
  });
});

describe('resources bounded before they are spent', () => {
  /** A zip whose central directory declares `size` bytes for one deflated entry, with almost nothing in it. */
  function zipDeclaring(size: number): Buffer {
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length, 16);
    return Buffer.concat([local, name, central, name, end]);
  }

  async function expectImportRefused(name: string, content: Buffer | string, message: RegExp): Promise<void> {
    const path = join(t.dir, name);
    writeFileSync(path, content);
    t.os.queueOpenFile(path);
    const error = await t.callError('partnerImport.open');
    expect(error.message, name).toMatch(message);
    expect(t.logged).toEqual([]);
    refused.push(path);
  }

  it('refuses oversized tables with a French message, before parsing them', async () => {
    const path = join(t.dir, 'commissions', 'c.maillage');
    mkdirSync(join(t.dir, 'commissions'), { recursive: true });
    copyFileSync(base, path);
    await t.session.open(path);
    const header = Array.from({ length: 300 }, (_, i) => `Colonne ${i}`).join(';');
    await expectImportRefused('300-colonnes.csv', `${header}\r\n${'x;'.repeat(299)}x\r\n`, /dépasse 200 colonnes/);
    await expectImportRefused('ligne-sans-fin.csv', `Structure;Commune\r\n${';'.repeat(1_000_000)}\r\n`, /dépasse 200 colonnes/);
    await expectImportRefused('trop-de-lignes.csv', `Structure\r\n${'Structure\r\n'.repeat(100_001)}`, /dépasse 100\s000 lignes/u);
    const bomb = zipDeclaring(3_000_000_000);
    expect(bomb.length).toBeLessThan(200);
    await expectImportRefused('bombe.xlsx', bomb, /dépasse 200 Mo une fois décompressé/);
    // A 1.9 GB file that takes no room on disk: refused from its size, never read.
    const huge = join(t.dir, 'enorme.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 1_900_000_000);
    t.os.queueOpenFile(huge);
    expect((await t.callError('partnerImport.open')).message).toMatch(/dépasse 50 Mo/);
    const logo = join(t.dir, 'logo.png');
    writeFileSync(logo, '');
    truncateSync(logo, 1_900_000_000);
    t.os.queueOpenFile(logo);
    expect((await t.callError('settings.chooseLogo')).message).toMatch(/dépasse 5 Mo/);
    refused.push(huge, logo);
  });
});

describe('path rules', () => {
  it('says which names Windows refuses', () => {
    for (const name of ['CON', 'con.txt', 'Nul', 'COM1.pdf', 'lpt¹', 'a.', 'a ', 'a:b', 'a|b', '..', '', 'x\u0001', 'fdp.\u202Eexe.pdf', 'a\u200Bb.pdf', 'x\u0085.pdf']) expect(windowsNameProblem(name), name).not.toBeNull();
    for (const name of ['convention.pdf', 'CONSEIL.docx', 'com10.pdf', 'été.png', '.cache']) expect(windowsNameProblem(name), name).toBeNull();
    expect(relativePathProblem('protocoles/a.pdf')).toBeNull();
    for (const path of ['../a.pdf', 'a/../../b.pdf', '/etc/passwd', 'C:/x.pdf', 'c:x.pdf', '\\\\serveur\\x.pdf', 'a\\b.pdf', 'a//b.pdf']) expect(relativePathProblem(path), path).not.toBeNull();
    expect(nameCollision(['A.pdf', 'b.pdf', 'a.PDF'])).toBe('a.PDF');
    expect(nameCollision(['\u00e9.pdf', 'e\u0301.pdf'])).toBe('e\u0301.pdf');
  });

  it('resolves a stored path only inside the folder and never through a link', () => {
    const folder = join(t.dir, 'dossier');
    mkdirSync(join(folder, 'protocoles'), { recursive: true });
    expect(resolveInside(folder, 'protocoles/a.pdf')).toBe(join(folder, 'protocoles', 'a.pdf'));
    expect(() => resolveInside(folder, '../base.maillage')).toThrow(/ne se trouve pas dans son dossier/);
    expect(() => resolveInside(folder, '/etc/passwd')).toThrow(/ne se trouve pas dans son dossier/);
    symlinkSync(t.dir, join(folder, 'lien'));
    expect(() => resolveInside(folder, 'lien/base.maillage')).toThrow(/raccourci/);
  });

  it('opens, and removes, a session’s pièce jointe only inside the folder, whatever the database says', async () => {
    const path = join(t.dir, 'commissions', 'ok.maillage');
    mkdirSync(join(filesDir(path), 'seances'), { recursive: true });
    copyFileSync(base, path);
    await t.session.open(path);
    const victim = join(t.dir, 'precieux.pdf');
    writeFileSync(victim, pdf);
    writeFileSync(join(filesDir(path), 'seances', 'ordre.exe'), 'MZ');
    const meeting = await t.call('meetings.create', { kind: 'pleniere', date: '2026-04-02', startTime: '14:30' });
    // Forced in after the checks, as a bug elsewhere could.
    const insert = t.session.require().db.prepare("INSERT INTO meeting_files (id, meeting_id, title, file_name, position, created_at) VALUES (?, ?, 'Bilan', ?, 1, '2026-01-01T00:00:00Z')");
    const ids = ['71111111-1111-4111-8111-111111111111', '81111111-1111-4111-8111-111111111111'] as const;
    insert.run(ids[0], meeting.id, '../../precieux.pdf');
    insert.run(ids[1], meeting.id, 'seances/ordre.exe');
    expect((await t.callError('meetingFiles.open', { id: ids[0] })).message).toMatch(/ne se trouve pas dans son dossier/);
    expect((await t.callError('meetingFiles.open', { id: ids[1] })).message).toMatch(/n’ouvre que des documents/);
    expect(t.os.openedPaths).toEqual([]);
    await t.call('meetingFiles.remove', { id: ids[0] });
    await t.call('meetings.delete', { id: meeting.id });
    expect(readFileSync(victim, 'utf8')).toBe(pdf.toString());
  });

  it('never deletes a file outside the folder named by a stored path', async () => {
    const path = join(t.dir, 'commissions', 'ok.maillage');
    mkdirSync(join(t.dir, 'commissions'), { recursive: true });
    copyFileSync(base, path);
    await t.session.open(path);
    const victim = join(t.dir, 'precieux.png');
    writeFileSync(victim, 'ne pas effacer');
    // Forced in after the checks, as a bug elsewhere could.
    t.session.require().db.prepare("UPDATE commission SET logo_file = '../precieux.png'").run();
    expect(await t.call('settings.logo')).toBeNull();
    await t.call('settings.removeLogo');
    expect(readFileSync(victim, 'utf8')).toBe('ne pas effacer');
    expect(listBackups(path).length).toBeGreaterThan(0);
  });
});
