/**
 * The smaller faults of a commission file's life: exports over the open commission, copies that
 * lost a file, empty files, folders named like a commission, leftovers of killed work, a WAL from
 * another database, a busy commission, dangling references, device names and network paths.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsDir, stagingDir } from '../../src/main/commission-file/backups';
import { filesDir } from '../../src/main/commission-file/commission';
import { EMPTY_FILE_MESSAGE, openCommissionFile } from '../../src/main/commission-file/open';
import { exportPackage, readPackage } from '../../src/main/commission-file/packages';
import { isDeviceName, localFileExists } from '../../src/main/platform/paths';
import { openProblemMessages } from '../../src/main/platform/system-errors';
import { cli } from '../helpers/cli';
import { sampleLogoPng } from '../helpers/logo';
import { createTestRouter, type TestRouter } from '../helpers/router';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let t: TestRouter;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-faults-'));
  t = createTestRouter({ dir: join(dir, 'data') });
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const sentence = (message: string) => `Erreur : ${message.charAt(0).toLowerCase()}${message.slice(1)}`;

/** A commission open in the test router, with a logo among its attached files. */
async function openCommission(): Promise<string> {
  const summary = await t.call('app.createCommission', { departmentCode: '33', name: null });
  const logo = join(dir, 'logo.png');
  writeFileSync(logo, sampleLogoPng());
  t.os.queueOpenFile(logo);
  await t.call('settings.chooseLogo');
  return summary.filePath;
}

describe('exports never write over the open commission', () => {
  it('refuses the commission, its companions and its folder in every save dialog, and writes elsewhere', async () => {
    const file = await openCommission();
    const before = sha(file);
    const backup = (await t.call('backups.create')).id;
    const protectedPaths = [
      file,
      `${file}-wal`,
      `${file}-shm`,
      `${file}.verrou`,
      join(filesDir(file), 'logo.png'),
      join(filesDir(file), 'export.xlsx'),
      join(backupsDir(file), backup, 'commission.maillage'),
      `${filesDir(file)}/../commission-33.maillage`,
    ];
    const exports: [string, unknown][] = [
      ['partners.export', { format: 'xlsx' }],
      ['package.export', undefined],
      ['app.saveCopy', undefined],
      ['protocols.export', { format: 'xlsx' }],
    ];
    for (const [channel, input] of exports) {
      for (const target of protectedPaths) {
        t.os.queueSaveFile(target);
        const error = await t.callError(channel, input);
        expect([channel, target, error.message]).toEqual([channel, target, expect.stringMatching(/fait partie de la commission ouverte|réservé à Maillage/)]);
      }
    }
    // Typed without its extension, which « Enregistrer une copie » adds.
    t.os.queueSaveFile(file.replace(/\.maillage$/, ''));
    expect((await t.callError('app.saveCopy')).message).toMatch(/fait partie de la commission ouverte/);
    expect(sha(file)).toBe(before);
    expect(readFileSync(join(filesDir(file), 'logo.png'))).toEqual(sampleLogoPng());
    t.os.queueSaveFile(join(dir, 'CON.xlsx'));
    expect((await t.callError('partners.export', { format: 'xlsx' })).message).toMatch(/réserve à un périphérique/);
    t.os.queueSaveFile(join(dir, 'partenaires.xlsx'));
    expect(await t.call('partners.export', { format: 'xlsx' })).toEqual({ path: join(dir, 'partenaires.xlsx') });
  });

  it('the CLI refuses an --out that names the commission or its folder', async () => {
    const file = join(dir, 'cdlp.maillage');
    expect((await cli('init', '--db', file, '--department', '33')).code).toBe(0);
    const before = sha(file);
    for (const args of [
      ['export', 'partners', '--db', file, '--out', join(dir, 'cdlp-fichiers', 'partenaires.csv')],
      ['package', 'export', '--db', file, '--out', join(dir, 'cdlp-fichiers', 'sauvegardes', 'x.maillage-echange')],
      ['backup', '--db', file, '--out', file],
      ['backup', '--db', file, '--out', `${file}-wal`],
      ['report', '--db', file, '--from', '2025-01-01', '--to', '2025-12-31', '--out', join(dir, 'com1.docx')],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderrLines[0]).toMatch(/fait partie de la commission ouverte|réservé à Maillage|réserve à un périphérique/);
    }
    expect(sha(file)).toBe(before);
  });
});

describe('copies', () => {
  it('a copy appears whole with the list of its files, and restore refuses it once a file is lost or cut', async () => {
    const file = await openCommission();
    const copy = join(dir, 'copie.maillage');
    t.os.queueSaveFile(copy);
    await t.call('app.saveCopy');
    expect(JSON.parse(readFileSync(join(dir, 'copie-fichiers', 'contenu-de-la-copie.json'), 'utf8'))).toEqual({ 'logo.png': sampleLogoPng().length });
    expect(readdirSync(dir).filter((f) => f.includes('partiel'))).toEqual([]);
    t.session.close();

    truncateSync(join(dir, 'copie-fichiers', 'logo.png'), 10);
    const cut = await cli('restore', '--db', file, '--from', copy);
    expect(cut.code).toBe(1);
    expect(cut.stderrLines[0]).toMatch(/cette copie est incomplète : le fichier joint « logo\.png » n’a pas sa taille d’origine/);
    rmSync(join(dir, 'copie-fichiers', 'logo.png'));
    const lost = await cli('restore', '--db', file, '--from', copy);
    expect(lost.stderrLines[0]).toMatch(/le fichier joint « logo\.png » manque/);

    // A backup in the commission's folder lists its files the same way.
    const backup = (await cli('backup', '--db', file)).stdout.match(/: (\S+-manuel)/)![1]!;
    rmSync(join(backupsDir(file), backup, 'fichiers', 'logo.png'));
    const refused = await cli('restore', '--db', file, '--from', backup);
    expect(refused.stderrLines[0]).toMatch(/le fichier joint « logo\.png » manque/);
  });

  it('opening a copy to work in it drops its list: its files may change from then on', async () => {
    await openCommission();
    const copy = join(dir, 'copie.maillage');
    t.os.queueSaveFile(copy);
    await t.call('app.saveCopy');
    t.session.close();
    await t.session.open(copy);
    // Opened for writing: what the copy held is no promise any more.
    expect(existsSync(join(dir, 'copie-fichiers', 'contenu-de-la-copie.json'))).toBe(false);
  });
});

describe('files that are no commission', () => {
  it('refuses an empty file in French and leaves it empty, whatever the command', async () => {
    const empty = join(dir, 'vide.maillage');
    writeFileSync(empty, '');
    for (const args of [
      ['minutes', '--db', empty, '--session', 'latest', '--out', join(dir, 'cr.docx')],
      ['import', 'partners', '--db', empty, '--file', join(dir, 'x.csv')],
      ['backup', '--db', empty],
      ['package', 'export', '--db', empty, '--out', join(dir, 'p.maillage-echange')],
    ]) {
      if (args[1] === 'partners') writeFileSync(join(dir, 'x.csv'), 'Structure\r\nA\r\n');
      const run = await cli(...args);
      expect(run.stderrLines, args[0]).toEqual([sentence(EMPTY_FILE_MESSAGE)]);
      expect(statSync(empty).size).toBe(0);
    }
  });

  it('names a folder called like a commission as a folder', async () => {
    const folder = join(dir, 'dossier.maillage');
    mkdirSync(folder);
    const run = await cli('backup', '--db', folder);
    expect(run.stderrLines).toEqual([sentence(openProblemMessages['is-directory'])]);
    await expect(t.session.open(folder)).rejects.toMatchObject({ message: openProblemMessages['is-directory'] });
  });

  it('refuses a package whose rows name rows that are not there', async () => {
    const file = await openCommission();
    const pkg = join(dir, 'paquet.maillage-echange');
    const source = join(dir, 'bancale.maillage');
    copyFileSync(file, source);
    const db = new Database(source);
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO contacts (id, partner_id, last_name, created_at, updated_at) VALUES ('c-orphelin', 'absent', 'Martin', 'x', 'x')").run();
    db.close();
    const src = new Database(source, { readonly: true });
    await exportPackage(src, source, pkg, new Date());
    src.close();
    await expect(readPackage(pkg)).rejects.toThrow(/des lignes de la table contacts renvoient à des éléments absents/);
  });
});

describe('leftovers and interruptions', () => {
  it('removes the backups a killed process left half made, not those in progress', async () => {
    const file = await openCommission();
    t.session.close();
    const dead = join(backupsDir(file), '20260101T000000Z-manuel.999999999.partiel');
    const alive = join(backupsDir(file), `20260101T000000Z-auto.${process.pid}.partiel`);
    const old = join(backupsDir(file), '20260101T000000Z-auto.partiel');
    for (const folder of [dead, alive, old]) mkdirSync(folder);
    await t.session.open(file);
    expect([existsSync(dead), existsSync(alive), existsSync(old)]).toEqual([false, true, false]);
  });

  it('check explains a replacement a kill interrupted, instead of « introuvable »', async () => {
    const file = join(dir, 'cdlp.maillage');
    mkdirSync(stagingDir(file));
    writeFileSync(join(stagingDir(file), 'etape.json'), JSON.stringify({ phase: 'old-set-aside' }));
    writeFileSync(join(stagingDir(file), 'commission.maillage'), '');
    const run = await cli('check', '--db', file);
    expect(run.code).toBe(1);
    expect(run.stderrLines[0]).toMatch(/le remplacement de cette commission .* a été interrompu avant sa fin : il sera terminé à sa prochaine ouverture/);
  });

  it('takes no « avant » backup of a commission another program is using, and refuses the restore as busy', async () => {
    const file = await openCommission();
    const backup = (await t.call('backups.create')).id;
    const other = new Database(file, { readonly: true });
    other.exec('BEGIN');
    other.prepare('SELECT count(*) FROM partners').get();
    try {
      expect(await t.callError('backups.restore', { id: backup })).toEqual({ code: 'io', message: openProblemMessages.busy });
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(readdirSync(backupsDir(file)).filter((b) => b.includes('avant-'))).toEqual([]);
  }, 30_000);

  it('opens a commission whose writer was killed mid-transaction in rollback mode (a restored file turning to WAL), rolled back', async () => {
    const file = await openCommission();
    const name = t.session.summary()?.name;
    t.session.close();
    // What a kill leaves when a restored file (rollback journal) is turned to WAL at its first opening: a hot journal,
    // made here by a transaction larger than its cache, which SQLite starts writing into the file before the commit.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
        db.pragma('journal_mode = DELETE');
        db.pragma('cache_size = 2');
        db.exec('BEGIN IMMEDIATE');
        db.prepare("UPDATE commission SET name = 'À moitié'").run();
        db.exec('CREATE TABLE brouillon (b BLOB)');
        for (let i = 0; i < 50; i++) db.prepare('INSERT INTO brouillon VALUES (randomblob(4000))').run();
        process.stdout.write('ready');
        setInterval(() => {}, 1000);`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((ready) => writer.stdout.once('data', () => ready()));
    writer.kill('SIGKILL');
    await new Promise((exited) => writer.once('exit', exited));
    expect(existsSync(`${file}-journal`)).toBe(true);
    const read = await openCommissionFile(file, { access: 'read' });
    expect(read.db.prepare('SELECT name FROM commission').pluck().get()).toBe(name);
    read.close();
    await t.session.open(file);
    expect(t.session.summary()?.name).toBe(name);
    expect(t.session.require().db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'brouillon'").pluck().get()).toBe(0);
    expect(existsSync(`${file}-journal`)).toBe(false);
  });

  it('sets aside a WAL another database left beside the file instead of replaying it', async () => {
    const file = join(dir, 'a.maillage');
    const other = join(dir, 'b.maillage');
    for (const [path, name] of [
      [file, 'A'],
      [other, 'B'],
    ] as const) {
      expect((await cli('init', '--db', path, '--department', '33', '--name', `Commission ${name}`)).code).toBe(0);
    }
    // B's WAL with a committed change, kept as a crash leaves it, then put beside A.
    const b = new Database(other);
    b.pragma('wal_autocheckpoint = 0');
    b.prepare("UPDATE commission SET name = 'Commission B modifiée', created_at = '2020-01-01T00:00:00.000Z'").run();
    copyFileSync(`${other}-wal`, join(dir, 'wal-de-b'));
    b.close();
    copyFileSync(join(dir, 'wal-de-b'), `${file}-wal`);
    await t.session.open(file);
    expect(t.session.summary()?.name).toBe('Commission A');
    expect(t.session.require().db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(readdirSync(backupsDir(file)).some((f) => f.startsWith('journal-etranger-'))).toBe(true);
  });
});

describe('paths', () => {
  it('knows Windows device names and never probes a network path read from a commission', () => {
    for (const name of ['CON', 'con.docx', 'com1.xlsx', 'LPT9.csv', 'nul.']) expect(isDeviceName(name), name).toBe(true);
    for (const name of ['console.docx', 'com10.xlsx', 'rapport.docx']) expect(isDeviceName(name), name).toBe(false);
    expect(localFileExists('\\\\hote\\partage\\bilan.docx')).toBe(false);
    expect(localFileExists('//hote/partage/bilan.docx')).toBe(false);
    expect(localFileExists(dir)).toBe(true);
  });
});
