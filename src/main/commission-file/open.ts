/**
 * The one way into an existing commission file: the app's session, every CLI command and the
 * tests open a commission here, and so meet the same steps and the same French messages.
 *
 *  1. The file must be there (or a replacement a kill interrupted, which is finished first), be a
 *     file and not a folder, and not be empty (SQLite would make an empty file a new database).
 *  2. `write` access holds the commission's lock (one writer per commission) until it is closed;
 *     `read` access takes it only for the moment it must write: finishing an interrupted replace,
 *     migrating. A file this user cannot write opens read-only, for reading commands and for the
 *     app (which says so and offers no write); commands that write refuse it.
 *  3. A WAL beside the file that another database left is set aside, never replayed into it.
 *  4. The file is checked on a read-only connection before anything is written to it: a Maillage
 *     commission of this version or an older one, passing SQLite's quick_check.
 *  5. An older schema is backed up as it is, then migrated, under the lock.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { openDatabase, type Db } from '../db/connection';
import { assertOpenable, LATEST_VERSION, migrate, NewerDatabaseError, NotMaillageError } from '../db/migrate';
import { openProblemMessages, openProblemOf } from '../platform/system-errors';
import type { BackupInfo } from '../../shared/model/backups';
import { assertNotBusy, backupsDir, createBackup, finishInterruptedReplace, quickCheck, removePartialBackups, setAsideDamaged, stagingDir, stampOf, userVersion, type ReplaceObserver } from './backups';
import { filesDir, readCommission } from './commission';
import { CONTENTS_FILE } from './untrusted';
import { acquireCommissionLock, CommissionInUseError, type CommissionLock } from './lock';

export type Access = 'read' | 'write';

export interface OpenCommissionOptions {
  access: Access;
  /** The clock of backups taken on the way (before a migration). */
  now?: Date;
  nativeBinding?: string;
  /** The lock of this commission, already held by the caller (the app keeps it across a restore): used, never released here. */
  lock?: CommissionLock;
  /** `write` access only: open a file this user cannot write read-only (the app) rather than refuse it (commands that write). */
  allowReadOnly?: boolean;
  /** Steps of a replacement finished on the way (tests inject faults here). */
  onReplaceStep?: ReplaceObserver;
}

export interface OpenedCommission {
  db: Db;
  path: string;
  /** This user cannot write the file: the connection is read-only. */
  readOnly: boolean;
  /** Closes the database and releases the lock this opening took (not one the caller gave). */
  close(): void;
}

/** The file fails SQLite's integrity check, or is not even readable as a database (`unreadable`). */
export class DamagedCommissionError extends ApiError {
  constructor(readonly unreadable: boolean) {
    super('io', openProblemMessages.damaged);
    this.name = 'DamagedCommissionError';
  }
}

export const EMPTY_FILE_MESSAGE = 'Ce fichier est vide : ce n’est pas une commission Maillage (une copie interrompue, peut-être). Ouvrez le bon fichier, ou restaurez une sauvegarde. Le fichier n’a pas été modifié.';
const NO_COMMISSION_MESSAGE = 'Ce fichier ne contient pas de commission Maillage.';
const OLD_READ_ONLY_MESSAGE =
  'Cette commission a été enregistrée par une version plus ancienne de Maillage et elle est en lecture seule : Maillage ne peut pas la mettre à jour. Copiez-la dans un dossier où vous pouvez écrire, par exemple Documents, puis ouvrez la copie. Le fichier n’a pas été modifié.';

/** Opens the commission at `path` (see above); every failure is an ApiError with a French message. */
export async function openCommissionFile(path: string, options: OpenCommissionOptions): Promise<OpenedCommission> {
  const { nativeBinding } = options;
  const now = options.now ?? new Date();
  const held = options.lock ?? null;
  let own: CommissionLock | null = null;
  let db: Db | null = null;
  try {
    if (options.access === 'write' && !held) own = acquireCommissionLock(path, nativeBinding);
    const lock = held ?? own;
    /** Runs `work` under the commission's lock: the one held, or one taken for the moment. */
    const locked = async <T>(work: () => T | Promise<T>): Promise<T> => {
      if (lock) return work();
      const moment = acquireCommissionLock(path, nativeBinding);
      try {
        return await work();
      } finally {
        moment.release();
      }
    };

    if (existsSync(stagingDir(path))) await locked(() => finishInterruptedReplace(path, { nativeBinding, onStep: options.onReplaceStep }));
    assertCommissionFile(path);
    const readOnly = !isWritable(path);
    if (readOnly && options.access === 'write' && !options.allowReadOnly) throw new ApiError('io', openProblemMessages['read-only']);
    if (!readOnly && (lock || existsSync(`${path}-wal`))) {
      const moment = lock ? null : tryLock(path, nativeBinding);
      // Without the lock, Maillage has the commission open elsewhere: its WAL is its own, live.
      if (lock || moment) {
        try {
          setAsideForeignWal(path, now);
        } finally {
          moment?.release();
        }
      }
    }
    // What interrupted backups left (removePartialBackups spares those whose process still runs).
    if (!readOnly && existsSync(backupsDir(path))) removePartialBackups(backupsDir(path));

    const checked = openChecked(path, nativeBinding);
    if (readOnly) {
      db = checked;
      if (userVersion(db) < LATEST_VERSION) throw new ApiError('io', OLD_READ_ONLY_MESSAGE);
    } else {
      const version = userVersion(checked);
      checked.close();
      db = openDatabase(path, { nativeBinding, migrate: false });
      const opened = db;
      if (version < LATEST_VERSION) {
        await locked(async () => {
          // Another command may have migrated it while this one waited for the lock.
          if (userVersion(opened) >= LATEST_VERSION) return;
          await createBackup(opened, path, 'migration', now, nativeBinding);
          migrate(opened);
        });
      }
      if (options.access === 'read') {
        // A reading command gets a connection that cannot write, whatever it calls.
        db.close();
        db = openDatabase(path, { nativeBinding, readonly: true });
      }
    }
    readCommission(db, path);
    // A copy opened to work in is a commission of its own: the list of what the copy held goes.
    if (options.access === 'write' && !readOnly) rmSync(join(filesDir(path), CONTENTS_FILE), { force: true });
    const result = db;
    return {
      db: result,
      path,
      readOnly,
      close() {
        if (result.open) result.close();
        own?.release();
      },
    };
  } catch (error) {
    if (db?.open) db.close();
    own?.release();
    throw commissionFailure(path, error);
  }
}

/** An error met while opening or writing the commission at `path`, as the ApiError the user reads. */
export function commissionFailure(path: string, error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof NewerDatabaseError || error instanceof NotMaillageError) return new ApiError('io', error.message);
  const problem = openProblemOf(path, error);
  if (problem === 'damaged') return new DamagedCommissionError(false);
  return problem ? new ApiError('io', openProblemMessages[problem]) : error;
}

/** There, a file, not empty; a missing file is reported as such (after an interrupted replace was finished). */
function assertCommissionFile(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ApiError('io', openProblemMessages.missing);
  }
  if (stat.isDirectory()) throw new ApiError('io', openProblemMessages['is-directory']);
  if (stat.size === 0) throw new ApiError('io', EMPTY_FILE_MESSAGE);
}

/** This process may write the file (its mode, its disk): root may write a file of mode 444, not one on a read-only disk. */
export function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The lock if no one holds it, null if Maillage has the commission open elsewhere. */
function tryLock(path: string, nativeBinding?: string): CommissionLock | null {
  try {
    return acquireCommissionLock(path, nativeBinding);
  } catch (error) {
    if (error instanceof CommissionInUseError) return null;
    throw error;
  }
}

/**
 * A read-only connection on which the file is checked before anything writes to it: a Maillage
 * commission (never an empty SQLite file, which would become one), of this version or older,
 * passing quick_check. On a read-only disk, where SQLite cannot create the shared-memory file a
 * WAL database needs, the file is read into memory instead (it cannot change there anyway).
 */
function openChecked(path: string, nativeBinding?: string): Db {
  if (existsSync(`${path}-journal`) && isWritable(path)) rollBackHotJournal(path, nativeBinding);
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
    db.pragma('user_version', { simple: true });
  } catch (error) {
    db?.close();
    if (!existsSync(`${path}-wal`) && (error as { code?: string }).code?.startsWith('SQLITE_CANTOPEN')) db = imageOf(path, nativeBinding);
    else throw unreadableOr(error);
  }
  try {
    db.pragma('busy_timeout = 5000');
    assertOpenable(db);
    if (userVersion(db) === 0) throw new ApiError('io', NO_COMMISSION_MESSAGE);
    if (quickCheck(db) !== null) throw new DamagedCommissionError(false);
    return db;
  } catch (error) {
    db.close();
    throw unreadableOr(error);
  }
}

/**
 * A restored commission is placed in rollback-journal mode and turned to WAL at its first opening, which writes
 * through a rollback journal: killed then, it leaves a hot journal that a read-only connection may not replay
 * (SQLITE_READONLY_ROLLBACK, which read as « lecture seule »). A connection that may write reads the file once, and
 * SQLite rolls the journal back; a journal another connection is still writing is not hot, and SQLite leaves it.
 */
function rollBackHotJournal(path: string, nativeBinding?: string): void {
  let db: Db | null = null;
  try {
    db = new Database(path, { fileMustExist: true, nativeBinding, timeout: 5000 });
    db.pragma('user_version', { simple: true });
  } catch (error) {
    throw unreadableOr(error);
  } finally {
    db?.close();
  }
}

function unreadableOr(error: unknown): unknown {
  return (error as { code?: string }).code === 'SQLITE_NOTADB' ? new DamagedCommissionError(true) : error;
}

/** The database file as a read-only database in memory (bytes 18 and 19 say « rollback journal »: memory has no WAL). */
function imageOf(path: string, nativeBinding?: string): Db {
  const image = readFileSync(path);
  if (image.length > 19) image[18] = image[19] = 1;
  return new Database(image, { readonly: true, nativeBinding });
}

/**
 * SQLite replays whatever valid WAL lies beside a database: one left by another commission (a copy
 * put in place of the file after a crash) would write its pages into this one. The commission row
 * is created with the file and its creation time never changes: with and without the WAL it must be the same, or
 * the WAL is moved, with its shared-memory file, into the backups folder. Only when the caller may
 * write (it holds the lock): a WAL is otherwise someone's live journal.
 */
function setAsideForeignWal(path: string, now: Date): void {
  const wal = `${path}-wal`;
  let size = 0;
  try {
    size = statSync(wal).size;
  } catch {
    return;
  }
  if (size === 0) return;
  const alone = identity(() => imageOf(path));
  // Without a commission in the file itself, nothing says where the WAL comes from: it is kept.
  if (alone === null) return;
  const together = identity(() => new Database(path, { readonly: true, fileMustExist: true }));
  if (together === alone) return;
  const dir = backupsDir(path);
  mkdirSync(dir, { recursive: true });
  renameSync(wal, join(dir, `journal-etranger-${stampOf(now)}.maillage-wal`));
  rmSync(`${path}-shm`, { force: true });
}

/** When the commission was created (never updated afterwards), or null when the database cannot tell. */
function identity(open: () => Db): string | null {
  let db: Db | null = null;
  try {
    db = open();
    return (db.prepare('SELECT created_at FROM commission WHERE id = 1').pluck().get() as string | undefined) ?? null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** What became of a commission about to be replaced: backed up, or set aside when it was damaged. */
export type SavedBeforeReplace = { backup: BackupInfo; setAside?: undefined } | { setAside: string; backup?: undefined };

/**
 * Before the commission at `path` is replaced (a restore, a package import over it), under its lock
 * held by the caller: its current state is backed up, or set aside in its backups folder when it is
 * damaged. A commission that is busy, read-only or on a full disk refuses here, with nothing
 * written, not even a backup. null when there is no commission at `path`.
 */
export async function saveBeforeReplacing(
  path: string,
  kind: 'avant-restauration' | 'avant-import',
  options: { lock: CommissionLock; now: Date; nativeBinding?: string; onReplaceStep?: ReplaceObserver },
): Promise<SavedBeforeReplace | null> {
  if (!existsSync(path) && !existsSync(stagingDir(path))) return null;
  let opened: OpenedCommission;
  try {
    opened = await openCommissionFile(path, { access: 'write', ...options });
  } catch (error) {
    if (!(error instanceof DamagedCommissionError)) throw error;
    return { setAside: setAsideDamaged(path, options.now) };
  }
  try {
    assertNotBusy(opened.db);
    return { backup: await createBackup(opened.db, path, kind, options.now, options.nativeBinding) };
  } catch (error) {
    throw commissionFailure(path, error);
  } finally {
    opened.close();
  }
}
