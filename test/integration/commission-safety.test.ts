/**
 * A commission that is busy, in use elsewhere, read-only, on a full disk or missing is reported as
 * such, with what to do next, and never moved, replaced or restored; only a failed integrity check
 * means « endommagé ». One process at a time holds a commission. Leftovers of killed work go away.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireCommissionLock, CommissionInUseError } from '../../src/main/commission-file/lock';
import { createCommissionFile } from '../../src/main/commission-file/commission';
import { exportPackage } from '../../src/main/commission-file/packages';
import { removeStaleWorkFolders } from '../../src/main/commission-file/work-folders';
import { openProblemMessages, problemOfCode } from '../../src/main/platform/system-errors';
import { CommissionSession } from '../../src/main/commission-file/session';
import { cli } from '../helpers/cli';

const ROOT = resolve(import.meta.dirname, '../..');
const HOLDER = join(ROOT, 'test/fixtures/hold-commission.ts');
const IN_USE = /ouverte dans Maillage \(sur ce poste ou un autre\)/;

let dir: string;
let children: ChildProcess[] = [];
let mounts: string[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-safety-'));
});
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children = [];
  for (const mount of mounts) spawnSync('umount', [mount]);
  mounts = [];
  rmSync(dir, { recursive: true, force: true });
});

/** A commission created and opened once (so that it has its daily backup), then closed. */
async function commission(dataDir = join(dir, 'data'), file = join(dataDir, 'commissions', 'cdlp.maillage')): Promise<string> {
  createCommissionFile(file, { departmentCode: '33', name: null }, new Date());
  const session = new CommissionSession(dataDir);
  await session.open(file);
  session.close();
  return file;
}

/** Every file under `root`, relative, with its size: what « nothing moved » compares. */
function listing(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => `${path.slice(root.length)} ${statSync(path).size}`)
    .sort();
}

/** A tmpfs of `bytes` at a new folder, or null where mounting is not allowed (then the test is skipped). */
function mountTmpfs(bytes: number): string | null {
  const point = join(dir, `disque-${mounts.length}`);
  mkdirSync(point);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(bytes / 4096) * 4096}`, 'tmpfs', point]);
  if (result.status !== 0) return null;
  mounts.push(point);
  return point;
}
const canMount = (() => {
  const point = mkdtempSync(join(tmpdir(), 'maillage-mount-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4096', 'tmpfs', point]).status === 0;
  if (ok) spawnSync('umount', [point]);
  rmSync(point, { recursive: true, force: true });
  return ok;
})();

function holdInAnotherProcess(dataDir: string, file: string): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && done(child));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => fail(new Error(`holder ended (${code}): ${stderr}`)));
  });
}

describe('open errors', () => {
  it('names SQLite’s extended codes and the system’s, damage only for corruption', () => {
    expect(problemOfCode('SQLITE_READONLY_DIRECTORY')).toBe('read-only');
    expect(problemOfCode('SQLITE_READONLY_DBMOVED')).toBe('read-only');
    expect(problemOfCode('EROFS')).toBe('read-only');
    expect(problemOfCode('SQLITE_FULL')).toBe('disk-full');
    expect(problemOfCode('ENOSPC')).toBe('disk-full');
    expect(problemOfCode('SQLITE_IOERR_WRITE')).toBe('disk-error');
    expect(problemOfCode('SQLITE_IOERR_SHORT_READ')).toBe('disk-error');
    expect(problemOfCode('SQLITE_BUSY_SNAPSHOT')).toBe('busy');
    expect(problemOfCode('SQLITE_LOCKED_SHAREDCACHE')).toBe('busy');
    expect(problemOfCode('SQLITE_CANTOPEN_ISDIR')).toBe('is-directory');
    expect(problemOfCode('SQLITE_CANTOPEN')).toBe('cannot-open');
    expect(problemOfCode('ENOENT')).toBe('missing');
    expect(problemOfCode('SQLITE_CORRUPT_INDEX')).toBe('damaged');
    expect(problemOfCode('SQLITE_NOTADB')).toBe('damaged');
    expect(problemOfCode('SQLITE_MISUSE')).toBeNull();
  });

  it('reports a commission another program is writing as busy, and moves nothing', async () => {
    const file = await commission();
    const before = listing(join(dir, 'data'));
    const other = new Database(file);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    const session = new CommissionSession(join(dir, 'data'));
    try {
      await expect(session.open(file)).rejects.toMatchObject({ code: 'io', message: openProblemMessages.busy });
      expect(session.status()).toEqual({ commission: null, damaged: null, unavailable: null });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(listing(join(dir, 'data')).filter((f) => !f.includes('.verrou'))).toEqual(before.filter((f) => !f.includes('.verrou')));
    expect((await session.open(file)).commission).not.toBeNull();
    session.close();
  }, 30_000);

  it('reports a missing commission as missing, and at the next start names the one that cannot be reopened', async () => {
    const dataDir = join(dir, 'data');
    const file = await commission(dataDir);
    await expect(new CommissionSession(dataDir).open(join(dir, 'ailleurs.maillage'))).rejects.toMatchObject({ message: openProblemMessages.missing });
    const other = new Database(file);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      const status = await new CommissionSession(dataDir).reopenLast();
      expect(status).toEqual({ commission: null, damaged: null, unavailable: { filePath: file, problem: openProblemMessages.busy } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 30_000);

  it.skipIf(!canMount)('opens a commission on a read-only disk read-only, moves nothing, checks it without writing and refuses to restore over it', async () => {
    const source = await commission();
    const disk = mountTmpfs(50 * 1024 * 1024)!;
    const dataDir = join(disk, 'data');
    cpSync(join(dir, 'data'), dataDir, { recursive: true });
    const file = join(dataDir, 'commissions', 'cdlp.maillage');
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const before = listing(disk);

    // The app shows it read-only (read into memory: nothing can be created beside it).
    const session = new CommissionSession(join(dir, 'prefs'));
    expect((await session.open(file)).commission).toMatchObject({ readOnly: true, departmentCode: '33' });
    session.close();

    const check = await cli('check', '--db', file);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    const restore = await cli('restore', '--db', file, '--from', 'derniere');
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/^Erreur : cette commission est en lecture seule/);
    expect(listing(disk)).toEqual(before);
    expect(source).not.toBe(file);
  }, 60_000);

  it.skipIf(!canMount)('reports a full disk as full: a restore, a package import and the opening fail and the commission stays whole', async () => {
    const file = await commission();
    const dataDir = join(dir, 'data');
    const pkgSession = new CommissionSession(dataDir);
    await pkgSession.open(file);
    const pkg = join(dir, 'cdlp.maillage-echange');
    await exportPackage(pkgSession.require().db, file, pkg, new Date());
    pkgSession.close();
    const disk = mountTmpfs(statSync(file).size * 6 + 1024 * 1024)!;
    const full = join(disk, 'data');
    cpSync(dataDir, full, { recursive: true });
    cpSync(pkg, join(full, 'commissions', '..', 'cdlp.maillage-echange'));
    const onDisk = join(full, 'commissions', 'cdlp.maillage');
    const session = new CommissionSession(full);
    expect((await session.open(onDisk)).commission).not.toBeNull();
    const backup = readdirSync(join(full, 'commissions', 'cdlp-fichiers', 'sauvegardes'))[0]!;
    fillDisk(disk);

    await expect(session.restore(backup)).rejects.toMatchObject({ message: openProblemMessages['disk-full'] });
    expect(session.status().commission).not.toBeNull();
    await session.prepareImport(pkg);
    await expect(session.confirmImport('replace')).rejects.toMatchObject({ message: openProblemMessages['disk-full'] });
    expect(session.status().commission).not.toBeNull();
    session.close();
    expect(existsSync(`${onDisk}.remplacement`)).toBe(false);
    // Without today's backup, the opening has to write one.
    const backups = join(full, 'commissions', 'cdlp-fichiers', 'sauvegardes');
    for (const name of readdirSync(backups)) if (name.endsWith('-auto')) rmSync(join(backups, name), { recursive: true });
    fillDisk(disk);
    const before = listing(full);
    const reopening = new CommissionSession(full);
    await expect(reopening.open(onDisk)).rejects.toMatchObject({ message: openProblemMessages['disk-full'] });
    expect(reopening.status()).toEqual({ commission: null, damaged: null, unavailable: null });
    // SQLite's own -wal and -shm may stay (empty): the commission and its folder are as they were.
    const sqliteTransients = (f: string) => !/-(wal|shm) \d+$/.test(f);
    expect(listing(full).filter(sqliteTransients)).toEqual(before.filter(sqliteTransients));

    for (const name of readdirSync(disk)) if (name.startsWith('remplissage')) rmSync(join(disk, name));
    const reopened = new CommissionSession(full);
    expect((await reopened.open(onDisk)).commission).not.toBeNull();
    reopened.close();
  }, 60_000);
});

function fillDisk(disk: string): void {
  try {
    for (let i = 0; ; i++) writeFileSync(join(disk, `remplissage-${i}`), Buffer.alloc(16 * 1024));
  } catch {
    // Full.
  }
}

describe('one writer per commission', () => {
  it('refuses a second Maillage, restore, package import --replace and demo while another process holds the commission; a killed holder blocks nothing', async () => {
    const dataDir = join(dir, 'data');
    const file = await commission(dataDir);
    const pkgSession = new CommissionSession(dataDir);
    await pkgSession.open(file);
    const pkg = join(dir, 'cdlp.maillage-echange');
    await exportPackage(pkgSession.require().db, file, pkg, new Date());
    pkgSession.close();

    const holder = await holdInAnotherProcess(dataDir, file);
    const before = listing(dataDir).filter((f) => !f.includes('-wal') && !f.includes('-shm'));

    const second = new CommissionSession(join(dir, 'autre-poste'));
    const refused = await second.open(file).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CommissionInUseError);
    expect((refused as Error).message).toMatch(IN_USE);
    expect(() => acquireCommissionLock(file)).toThrow(IN_USE);

    for (const args of [
      ['restore', '--db', file, '--from', 'derniere'],
      ['package', 'import', '--db', file, '--file', pkg, '--replace'],
      ['demo', '--db', file],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(IN_USE);
    }
    expect(listing(dataDir).filter((f) => !f.includes('-wal') && !f.includes('-shm'))).toEqual(before);

    holder.kill('SIGKILL');
    await new Promise((done) => holder.once('close', done));
    const after = await second.open(file);
    expect(after.commission).not.toBeNull();
    second.close();
  }, 90_000);
});

describe('leftovers', () => {
  it('builds a demo under a temporary name: a killed demo leaves nothing, and the next one is made', async () => {
    const file = join(dir, 'demo.maillage');
    const child = spawn(process.execPath, [join(ROOT, 'out/cli/index.cjs'), 'demo', '--db', file, '--size', 'large'], { cwd: ROOT, stdio: 'ignore' });
    children.push(child);
    // Kill it while the demo is being written: once the temporary file's write-ahead log holds pages.
    const wal = `${file}.partiel-wal`;
    while (!statSync(wal, { throwIfNoEntry: false })?.size) await new Promise((done) => setTimeout(done, 10));
    child.kill('SIGKILL');
    await new Promise((done) => child.once('close', done));
    expect(existsSync(file)).toBe(false);
    const again = await cli('demo', '--db', file);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['demo.maillage', 'demo.maillage.verrou']);
  }, 120_000);

  it('removes the work folders of killed imports and exports, not those of running ones', () => {
    const dead = join(tmpdir(), 'maillage-paquet-import-999999999-abc');
    const mine = join(tmpdir(), `maillage-paquet-export-${process.pid}-abc`);
    mkdirSync(dead, { recursive: true });
    mkdirSync(mine, { recursive: true });
    writeFileSync(join(dead, 'commission.maillage'), 'x');
    try {
      const removed = removeStaleWorkFolders();
      expect(removed).toContain(dead);
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(mine)).toBe(true);
    } finally {
      rmSync(mine, { recursive: true, force: true });
    }
  });

  it('tells the age of a work folder by its disk’s clock: a running process’s is kept when the system clock jumps ahead', () => {
    // The parent of this test process runs: a folder named after it is in use, unless a day old (its number reused).
    const running = join(tmpdir(), `maillage-paquet-import-${process.ppid}-horloge`);
    const reused = join(tmpdir(), `maillage-paquet-import-${process.ppid}-ancien`);
    mkdirSync(running, { recursive: true });
    mkdirSync(reused, { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(reused, twoDaysAgo, twoDaysAgo);
    vi.useFakeTimers({ now: Date.now() + 30 * 24 * 3600_000, toFake: ['Date'] });
    try {
      const removed = removeStaleWorkFolders();
      expect(removed).toContain(reused);
      expect(removed).not.toContain(running);
      expect(existsSync(running)).toBe(true);
    } finally {
      vi.useRealTimers();
      rmSync(running, { recursive: true, force: true });
      rmSync(reused, { recursive: true, force: true });
    }
  });

  it('removes the temporary file of a package export that fails, and says why', async () => {
    const dataDir = join(dir, 'data');
    const file = await commission(dataDir);
    const session = new CommissionSession(dataDir);
    await session.open(file);
    try {
      const target = join(dir, 'paquet.maillage-echange');
      // The temporary name is taken by a folder: the write fails before the rename.
      mkdirSync(join(dir, `.paquet.maillage-echange.${process.pid}.partiel`, 'x'), { recursive: true });
      rmSync(join(dir, `.paquet.maillage-echange.${process.pid}.partiel`), { recursive: true });
      copyFileSync(file, target);
      const before = statSync(target).size;
      const bad = join(dir, 'absent', 'paquet.maillage-echange');
      await expect(exportPackage(session.require().db, file, bad, new Date())).rejects.toThrow(/ce dossier ou ce fichier n’existe pas ou plus/);
      expect(statSync(target).size).toBe(before);
      expect(readdirSync(dir).filter((f) => f.includes('partiel'))).toEqual([]);
    } finally {
      session.close();
    }
  });
});
