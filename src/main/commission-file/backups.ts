/**
 * Backups of a commission. A backup is a folder in « <nom>-fichiers/sauvegardes/<id>/»
 * holding a consistent copy of the database taken with SQLite's online backup API (never a file
 * copy of a live WAL database), the attached files copied as they were (a restore must bring back
 * the logo and signed protocols the restored rows name), and « sauvegarde.json » (kind, date, schema).
 * A backup is written under « <id>.<process>.partiel » and renamed when complete: a crash never
 * leaves a half backup in the list, and what it left is removed once its process has ended. The
 * metadata lists every attached file with its size: a restore refuses a backup that lost one.
 */
import Database from 'better-sqlite3';
import { closeSync, cpSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as z from 'zod';
import { ApiError } from '../../shared/errors';
import { backupKindLabels, keptUntil, type BackupInfo, type BackupKind, type HeldCopy } from '../../shared/model/backups';
import { parisDay, parisToday } from '../../shared/wallclock';
import { lowerFirst } from '../../shared/text';
import type { Db } from '../db/connection';
import { LATEST_VERSION } from '../db/migrate';
import { partialPathOf, replaceFile } from '../platform/files';
import { isProcessRunning } from '../platform/processes';
import { filesDir } from './commission';
import { problemOfCode } from '../platform/system-errors';
import { CONTENTS_FILE, isNotALink, verifyCommissionFile, withPrivateCopy } from './untrusted';

export const BACKUPS_FOLDER = 'sauvegardes';
const DATABASE_FILE = 'commission.maillage';
const FILES_FOLDER = 'fichiers';
const METADATA_FILE = 'sauvegarde.json';
const PARTIAL = '.partiel';

/** Relative path (« protocoles/x.pdf ») → size in bytes of every attached file a copy holds. */
const contentsSchema = z.record(z.string().max(1000), z.number().int().min(0));
export type CopyContents = z.infer<typeof contentsSchema>;

const metadataSchema = z.object({
  kind: z.enum(['auto', 'migration', 'manuel', 'avant-restauration', 'avant-import']),
  createdAt: z.iso.datetime(),
  schemaVersion: z.number().int().min(0),
  /** Absent from backups made before Maillage listed them. */
  files: contentsSchema.optional(),
});


export function backupsDir(dbPath: string): string {
  return join(filesDir(dbPath), BACKUPS_FOLDER);
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * PRAGMA quick_check: the structure of every page, without cross-checking indexes (fast enough for
 * every opening). A file that is only busy, unreadable from its disk or the like is not damaged:
 * those errors are thrown, to be reported as what they are.
 */
export function quickCheck(db: Db): string | null {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]!.quick_check === 'ok' ? null : rows.map((r) => r.quick_check).join(' ; ');
  } catch (error) {
    if (problemOfCode((error as { code?: unknown }).code) !== 'damaged') throw error;
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Writes a self-contained copy of `db` to `target`, switched to a rollback journal so that it is one
 * file that can be opened read-only anywhere. A writable database is copied with the online backup
 * API; a read-only one (a file this user cannot write) from its image read in one go: the backup
 * API can spin for ever on a read-only file with a WAL beside it.
 */
export async function copyDatabase(db: Db, target: string, nativeBinding?: string): Promise<void> {
  rmSync(target, { force: true });
  if (db.readonly) {
    writeDatabaseImage(db.serialize(), target);
    return;
  }
  await db.backup(target);
  const copy = new Database(target, { nativeBinding });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Writes a serialised database as a file without WAL: bytes 18 and 19 say « rollback journal », as journal_mode = DELETE leaves them. */
function writeDatabaseImage(image: Buffer, target: string): void {
  image[18] = image[19] = 1;
  writeFileSync(target, image);
}

/** Copies the attached files of a commission (everything in its folder but the backups); returns what was copied. */
export function copyAttachedFiles(fromDir: string, toDir: string): CopyContents {
  const contents: CopyContents = {};
  if (!existsSync(fromDir)) return contents;
  for (const entry of readdirSync(fromDir)) {
    if (entry === BACKUPS_FOLDER || entry === CONTENTS_FILE) continue;
    // Links are left behind: a later export or restore would follow them out of the folder.
    if (!isNotALink(join(fromDir, entry))) continue;
    cpSync(join(fromDir, entry), join(toDir, entry), { recursive: true, filter: isNotALink });
    listFiles(join(toDir, entry), entry, contents);
  }
  return contents;
}

function listFiles(path: string, name: string, into: CopyContents): CopyContents {
  const stat = statSync(path);
  if (!stat.isDirectory()) into[name] = stat.size;
  else for (const entry of readdirSync(path)) listFiles(join(path, entry), `${name}/${entry}`, into);
  return into;
}

function countFiles(path: string): number {
  return Object.keys(listFiles(path, '', {})).length;
}

/** null when every file `contents` lists is in `folder` with its size, else which one is not (French). */
export function missingContentsProblem(folder: string | null, contents: CopyContents): string | null {
  for (const [name, size] of Object.entries(contents)) {
    let actual: number | null = null;
    try {
      actual = folder ? statSync(join(folder, ...name.split('/'))).size : null;
    } catch {
      actual = null;
    }
    if (actual === null) return `cette copie est incomplète : le fichier joint « ${name} » manque`;
    if (actual !== size) return `cette copie est incomplète : le fichier joint « ${name} » n’a pas sa taille d’origine`;
  }
  return null;
}

/** What the copy whose attached files are in `folder` says it holds, if it says so. */
export function readCopyContents(folder: string | null): CopyContents | null {
  if (!folder) return null;
  try {
    return contentsSchema.parse(JSON.parse(readFileSync(join(folder, CONTENTS_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Writes a copy of the open commission `db` (at `dbPath`) to `target`, with its attached files in
 * « <target>-fichiers » and the list of what it holds: both under temporary names, the files made
 * visible first and the database last, so that a copy that looks whole is whole.
 */
export async function writeCommissionCopy(db: Db, dbPath: string, target: string, options: { replace: boolean; nativeBinding?: string }): Promise<number> {
  const files = filesDir(target);
  if (!options.replace && (existsSync(target) || existsSync(files)))
    throw new ApiError('conflict', `Le fichier ${basename(target)} ou son dossier « ${basename(files)} » existe déjà : choisissez un autre nom.`);
  const partialFiles = partialPathOf(files);
  const previousFiles = `${partialFiles}.ancien`;
  rmSync(partialFiles, { recursive: true, force: true });
  let count = 0;
  try {
    await replaceFile(target, async (partialDb) => {
    try {
      await copyDatabase(db, partialDb, options.nativeBinding);
      mkdirSync(partialFiles);
      const contents = copyAttachedFiles(filesDir(dbPath), partialFiles);
      count = Object.keys(contents).length;
      writeFileSync(join(partialFiles, CONTENTS_FILE), JSON.stringify(contents, null, 1));
      if (existsSync(files)) renameSync(files, previousFiles);
      renameSync(partialFiles, files);
    } catch (error) {
      rmSync(partialFiles, { recursive: true, force: true });
      throw error;
    }
    });
  } catch (error) {
    // The database did not take its place: the files of the previous copy, if any, go back to theirs.
    if (existsSync(previousFiles)) {
      rmSync(files, { recursive: true, force: true });
      renameSync(previousFiles, files);
    }
    throw error;
  }
  // The new database is in place: the files of the copy it replaced go.
  rmSync(previousFiles, { recursive: true, force: true });
  return count;
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((n, entry) => n + sizeOf(join(path, entry)), 0);
}

function backupId(now: Date, kind: BackupKind, dir: string): string {
  const stamp = stampOf(now);
  for (let n = 1; ; n++) {
    const id = `${stamp}-${kind}${n === 1 ? '' : `-${n}`}`;
    if (!existsSync(join(dir, id)) && !existsSync(join(dir, `${id}.${process.pid}${PARTIAL}`))) return id;
  }
}

/** Takes a backup of the open commission `db` (stored at `dbPath`). */
export async function createBackup(db: Db, dbPath: string, kind: BackupKind, now: Date, nativeBinding?: string): Promise<BackupInfo> {
  const dir = backupsDir(dbPath);
  mkdirSync(dir, { recursive: true });
  removePartialBackups(dir);
  const id = backupId(now, kind, dir);
  const partial = join(dir, `${id}.${process.pid}${PARTIAL}`);
  mkdirSync(partial);
  try {
    await copyDatabase(db, join(partial, DATABASE_FILE), nativeBinding);
    const files = copyAttachedFiles(filesDir(dbPath), join(partial, FILES_FOLDER));
    const metadata: z.infer<typeof metadataSchema> = { kind, createdAt: now.toISOString(), schemaVersion: userVersion(db), files };
    writeFileSync(join(partial, METADATA_FILE), JSON.stringify(metadata, null, 2));
    renameSync(partial, join(dir, id));
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return readBackup(dir, id)!;
}

/**
 * Removes what interrupted backups left (full copies of the commission, personal data included):
 * those of processes that have ended. Another process's backup in progress is left alone.
 */
export function removePartialBackups(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.endsWith(PARTIAL)) continue;
    const pid = /\.(\d+)\.partiel$/.exec(entry)?.[1];
    if (pid !== undefined && isProcessRunning(Number(pid))) continue;
    rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

function readBackup(dir: string, id: string): BackupInfo | null {
  const folder = join(dir, id);
  try {
    const metadata = readMetadata(folder);
    if (!metadata || !existsSync(join(folder, DATABASE_FILE))) return null;
    const files = existsSync(join(folder, FILES_FOLDER)) ? countFiles(join(folder, FILES_FOLDER)) : 0;
    return { id, kind: metadata.kind, createdAt: metadata.createdAt, schemaVersion: metadata.schemaVersion, bytes: sizeOf(folder), files };
  } catch {
    return null;
  }
}

/** The backups of a commission, newest first; unreadable folders are left out. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((entry) => !entry.endsWith(PARTIAL) && statSync(join(dir, entry)).isDirectory())
    .map((entry) => readBackup(dir, entry))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

function findBackup(dbPath: string, id: string): BackupInfo {
  const backup = listBackups(dbPath).find((b) => b.id === id);
  if (!backup) throw new ApiError('not_found', 'Cette sauvegarde n’existe plus : rechargez la liste.');
  return backup;
}

export function deleteBackup(dbPath: string, id: string): void {
  findBackup(dbPath, id);
  rmSync(join(backupsDir(dbPath), id), { recursive: true, force: true });
}

/** True when the commission already has today's automatic backup (Paris day). */
export function hasDailyBackup(dbPath: string, now: Date): boolean {
  const today = parisToday(now);
  return listBackups(dbPath).some((b) => b.kind === 'auto' && parisDay(b.createdAt) === today);
}

export const ROTATION = { daily: 7, weekly: 4, monthly: 12 };

/**
 * Deletes every backup and set-aside file more than a year old, whatever its kind: they hold
 * persons erased since, and the erasure dialog promises a year at most. Of the younger automatic
 * backups, keeps the newest of each of the last 7 days, 4 ISO weeks and 12 months that have one
 * (grandfather-father-son) and deletes the others. Backups taken on demand, before an update, a
 * restore or an import stay their year, unless the user deletes them.
 */
export function rotateBackups(dbPath: string, today: string): string[] {
  const removed = listHeldCopies(dbPath).filter((copy) => copy.keptUntil < today).map((copy) => copy.id);
  removeHeldCopies(dbPath, removed);
  const automatic = listBackups(dbPath).filter((b) => b.kind === 'auto');
  const keep = new Set<string>();
  const keepNewestPer = (bucket: (day: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of automatic) {
      const key = bucket(parisDay(backup.createdAt));
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > count) break;
      keep.add(backup.id);
    }
  };
  keepNewestPer((day) => day, ROTATION.daily);
  keepNewestPer(isoWeek, ROTATION.weekly);
  keepNewestPer((day) => day.slice(0, 7), ROTATION.monthly);
  for (const backup of automatic.filter((b) => !keep.has(b.id))) {
    rmSync(join(backupsDir(dbPath), backup.id), { recursive: true, force: true });
    removed.push(backup.id);
  }
  return removed;
}

/** How set-aside files are named: « endommage-<stamp>.maillage » (with its -wal and -shm), « journal-etranger-<stamp>.maillage-wal ». */
const SET_ASIDE = /^(endommage|journal-etranger)-(\d{8}T\d{6}Z)\.maillage(?:-wal|-shm)?$/;
const SET_ASIDE_LABELS: Record<string, string> = { endommage: 'Fichier endommagé mis de côté', 'journal-etranger': 'Journal d’une autre base mis de côté' };

/** « 20260305T091500Z »: when a backup or a set-aside file was made, in its name. */
export function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The set-aside files of a commission, grouped (a damaged file with its -wal and -shm) by « <kind>-<stamp> ». */
function setAsideFiles(dbPath: string): Map<string, { kind: string; createdAt: string; files: string[] }> {
  const groups = new Map<string, { kind: string; createdAt: string; files: string[] }>();
  let entries: string[] = [];
  try {
    entries = readdirSync(backupsDir(dbPath));
  } catch {
    return groups;
  }
  for (const entry of entries) {
    const m = SET_ASIDE.exec(entry);
    if (!m) continue;
    const [, kind, stamp] = m as unknown as [string, string, string];
    const createdAt = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.000Z`;
    const id = `${kind}-${stamp}`;
    const group = groups.get(id) ?? { kind, createdAt, files: [] };
    group.files.push(entry);
    groups.set(id, group);
  }
  return groups;
}

/** Every copy of the commission's data in its backups folder (backups and set-aside files), newest first. */
export function listHeldCopies(dbPath: string): HeldCopy[] {
  const backups = listBackups(dbPath).map((b) => ({ id: b.id, label: backupKindLabels[b.kind], createdAt: b.createdAt, keptUntil: keptUntil(b.createdAt) }));
  const setAside = [...setAsideFiles(dbPath)].map(([id, g]) => ({ id, label: SET_ASIDE_LABELS[g.kind]!, createdAt: g.createdAt, keptUntil: keptUntil(g.createdAt) }));
  return [...backups, ...setAside].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** Refuses ids that listHeldCopies does not give. */
export function assertHeldCopies(dbPath: string, ids: readonly string[]): void {
  const held = new Set(listHeldCopies(dbPath).map((c) => c.id));
  if (ids.some((id) => !held.has(id))) throw new ApiError('not_found', 'Une de ces sauvegardes n’existe plus : rechargez la liste.');
}

/** Deletes backups and set-aside files (with their companions) by their ids in listHeldCopies. */
export function deleteHeldCopies(dbPath: string, ids: readonly string[]): void {
  assertHeldCopies(dbPath, ids);
  removeHeldCopies(dbPath, ids);
}

function removeHeldCopies(dbPath: string, ids: readonly string[]): void {
  const dir = backupsDir(dbPath);
  const setAside = setAsideFiles(dbPath);
  for (const id of ids) {
    const group = setAside.get(id);
    if (group) for (const file of group.files) rmSync(join(dir, file), { force: true });
    else rmSync(join(dir, id), { recursive: true, force: true });
  }
}

/** « 2026-W10 » for a YYYY-MM-DD day. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - ((firstThursday.getUTCDay() + 6) % 7) / 7 + 3 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The newest backup whose database passes the integrity check and is a Maillage file this version can open. */
export function latestGoodBackup(dbPath: string, nativeBinding?: string): BackupInfo | null {
  for (const backup of listBackups(dbPath)) {
    if (checkBackup(dbPath, backup, nativeBinding) === null) return backup;
  }
  return null;
}

/** null when the backup can be restored, else why not (French). */
function checkBackup(dbPath: string, backup: BackupInfo, nativeBinding?: string): string | null {
  if (backup.schemaVersion > LATEST_VERSION) return 'Cette sauvegarde a été faite par une version plus récente de Maillage.';
  const folder = join(backupsDir(dbPath), backup.id);
  return restorableProblem(join(folder, DATABASE_FILE), join(folder, FILES_FOLDER), nativeBinding);
}

function readMetadata(folder: string): z.infer<typeof metadataSchema> | null {
  try {
    return metadataSchema.parse(JSON.parse(readFileSync(join(folder, METADATA_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/**
 * null when `dbFile` (with its attached files in `filesFolder`) is an intact Maillage commission this
 * version can open, with nothing in it that Maillage did not create; else why not (French).
 */
export function restorableProblem(dbFile: string, filesFolder: string | null, nativeBinding?: string): string | null {
  // What the copy says it holds: a backup folder's metadata, or the list beside a copy's files.
  const listed = (basename(dbFile) === DATABASE_FILE ? readMetadata(dirname(dbFile))?.files : undefined) ?? readCopyContents(filesFolder);
  const missing = listed ? missingContentsProblem(filesFolder, listed) : null;
  if (missing) return `${missing.charAt(0).toUpperCase()}${missing.slice(1)}.`;
  try {
    verifyCommissionFile(dbFile, filesFolder !== null && existsSync(filesFolder) ? filesFolder : null, nativeBinding);
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
}

/**
 * The steps of replacing a commission, in order. A kill (or a failure) up to « checkpointed » leaves
 * the old commission as it was; from « committed » on, the marker in the staging folder makes the
 * next opening finish the swap. Either way one commission is complete: never half of each.
 */
export const REPLACE_STEPS = ['staged', 'checkpointed', 'committed', 'old-set-aside', 'new-in-place', 'cleaned'] as const;
export type ReplaceStep = (typeof REPLACE_STEPS)[number];
export type ReplaceObserver = (step: ReplaceStep) => void;

const STAGE_SUFFIX = '.remplacement';
const MARKER_FILE = 'etape.json';
const OLD_DATABASE = 'ancien.maillage';
const OLD_FILES = 'ancien-fichiers';
const markerSchema = z.object({ phase: z.enum(['committed', 'old-set-aside']) });
type Phase = z.infer<typeof markerSchema>['phase'];

/** The folder, beside the commission, where its replacement is prepared before the swap. */
export function stagingDir(dbPath: string): string {
  return dbPath + STAGE_SUFFIX;
}

export interface ReplaceOptions {
  nativeBinding?: string;
  /** Called after each step (tests inject faults here). */
  onStep?: ReplaceObserver;
}

/**
 * Replaces the commission at `dbPath` (closed by the caller, who holds its lock) with the database
 * `sourceDb` and the attached files in `sourceFiles`; the backups folder stays. Both are first copied
 * into a staging folder beside the commission and checked, the current database's WAL is
 * checkpointed into it, then a marker commits the swap: the old files are set aside, the new ones
 * renamed into place (one rename each, on the same disk), the staging folder removed.
 */
export async function replaceCommission(dbPath: string, sourceDb: string, sourceFiles: string | null, options: ReplaceOptions = {}): Promise<void> {
  const { nativeBinding, onStep = () => undefined } = options;
  finishInterruptedReplace(dbPath, options);
  const stage = stagingDir(dbPath);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  try {
    // Read from a copy: a source from elsewhere (« restore --from ») is left without a -shm and a -wal beside it.
    const image = withPrivateCopy(sourceDb, (copy) => {
      const source = new Database(copy, { readonly: true, fileMustExist: true, nativeBinding });
      try {
        return source.serialize();
      } finally {
        source.close();
      }
    });
    writeDatabaseImage(image, join(stage, DATABASE_FILE));
    mkdirSync(join(stage, FILES_FOLDER));
    if (sourceFiles && existsSync(sourceFiles)) copyAttachedFiles(sourceFiles, join(stage, FILES_FOLDER));
    checkIncomingCommission(join(stage, DATABASE_FILE), join(stage, FILES_FOLDER), nativeBinding);
    onStep('staged');
    if (existsSync(dbPath)) checkpoint(dbPath, nativeBinding);
    onStep('checkpointed');
    writeMarker(stage, 'committed');
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw error;
  }
  onStep('committed');
  completeSwap(dbPath, onStep);
}

/**
 * A commission from elsewhere (backup, package) is checked, as staged, before it replaces anything:
 * an intact Maillage commission this version can open, with Maillage's own schema and safe files.
 */
function checkIncomingCommission(dbFile: string, filesDir: string, nativeBinding?: string): void {
  const problem = restorableProblem(dbFile, filesDir, nativeBinding);
  if (problem) throw new ApiError('validation', problem);
}

/**
 * Refuses, as busy, a commission another connection is using (a program reading it, a copy in
 * progress): replacing it would be refused at its checkpoint. Run before the « avant-… » backup
 * of a restore or an import, so that a refusal leaves no backup taken for nothing.
 */
export function assertNotBusy(db: Db): void {
  if (db.readonly) return;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result && result.busy !== 0) throw Object.assign(new Error('checkpoint blocked by another connection'), { code: 'SQLITE_BUSY' });
}

/** Writes every committed transaction of the WAL into the database file, so that it is whole on its own. */
function checkpoint(dbPath: string, nativeBinding?: string): void {
  const db = new Database(dbPath, { fileMustExist: true, nativeBinding, timeout: 5000 });
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy !== 0) throw Object.assign(new Error('checkpoint blocked by another connection'), { code: 'SQLITE_BUSY' });
  } finally {
    db.close();
  }
}

function writeMarker(stage: string, phase: Phase): void {
  const temporary = join(stage, `${MARKER_FILE}.partiel`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, JSON.stringify({ phase }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(stage, MARKER_FILE));
}

function readMarker(stage: string): Phase | null {
  try {
    return markerSchema.parse(JSON.parse(readFileSync(join(stage, MARKER_FILE), 'utf8'))).phase;
  } catch {
    return null;
  }
}

/**
 * Run with the commission's lock held, before it is opened: a replacement that was committed is
 * finished, one that was not is dropped (the commission is still the old one, untouched).
 */
export function finishInterruptedReplace(dbPath: string, options: ReplaceOptions = {}): void {
  const stage = stagingDir(dbPath);
  if (!existsSync(stage)) return;
  if (readMarker(stage) === null) rmSync(stage, { recursive: true, force: true });
  else completeSwap(dbPath, options.onStep ?? (() => undefined));
}

/** Every move checks where it stands, so that it can be run again after a kill at any point. */
function completeSwap(dbPath: string, onStep: ReplaceObserver): void {
  const stage = stagingDir(dbPath);
  const files = filesDir(dbPath);
  const oldFiles = join(stage, OLD_FILES);
  if (readMarker(stage) === 'committed') {
    if (existsSync(files) && !existsSync(oldFiles)) renameSync(files, oldFiles);
    if (existsSync(dbPath) && !existsSync(join(stage, OLD_DATABASE))) renameSync(dbPath, join(stage, OLD_DATABASE));
    // Checkpointed before the commit: these hold nothing the old file lacks, and SQLite would replay a WAL onto the new one.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
    writeMarker(stage, 'old-set-aside');
    onStep('old-set-aside');
  }
  const newFiles = join(stage, FILES_FOLDER);
  const oldBackups = join(oldFiles, BACKUPS_FOLDER);
  if (existsSync(oldBackups)) {
    mkdirSync(newFiles, { recursive: true });
    renameSync(oldBackups, join(newFiles, BACKUPS_FOLDER));
  }
  if (existsSync(newFiles)) renameSync(newFiles, files);
  if (existsSync(join(stage, DATABASE_FILE))) renameSync(join(stage, DATABASE_FILE), dbPath);
  onStep('new-in-place');
  rmSync(stage, { recursive: true, force: true });
  onStep('cleaned');
}

/** Restores backup `id` over the commission at `dbPath`, which must be closed. */
export async function restoreBackupFiles(dbPath: string, id: string, options: ReplaceOptions = {}): Promise<BackupInfo> {
  const backup = findBackup(dbPath, id);
  const problem = checkBackup(dbPath, backup, options.nativeBinding);
  if (problem) throw new ApiError('io', `Impossible de restaurer cette sauvegarde : ${lowerFirst(problem)}`);
  const folder = join(backupsDir(dbPath), id);
  await replaceCommission(dbPath, join(folder, DATABASE_FILE), join(folder, FILES_FOLDER), options);
  return backup;
}

/** A damaged file is not deleted: it is moved aside into the backups folder, for support. */
export function setAsideDamaged(dbPath: string, now: Date): string {
  const dir = backupsDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `endommage-${stampOf(now)}.maillage`);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, target + suffix);
  return target;
}
