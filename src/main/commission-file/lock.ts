/**
 * One writer per commission. The process that has a commission open holds a lock another process
 * can see: a small SQLite file beside the database (« <nom>.maillage.verrou ») in which it keeps a
 * write transaction open. The lock itself is the operating system's (fcntl on Linux and macOS,
 * LockFileEx on Windows), so it is released the moment the process ends, even when it is killed or
 * the computer loses power: a stale lock file of a dead process never blocks. The file also holds
 * who took the lock (host, process, time), shown to whoever is refused. It is left in place.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { formatDateTime } from '../../shared/format';
import { ApiError } from '../../shared/errors';

const LOCK_SUFFIX = '.verrou';

export function lockPath(dbPath: string): string {
  return dbPath + LOCK_SUFFIX;
}

export interface LockHolder {
  host: string;
  pid: number;
  since: string;
}

export class CommissionInUseError extends ApiError {
  constructor(readonly holder: LockHolder | null) {
    const when = holder ? ` depuis le ${formatDateTime(holder.since)}${holder.host !== hostname() ? `, sur le poste ${holder.host}` : ''}` : '';
    super(
      'conflict',
      `Cette commission est ouverte dans Maillage (sur ce poste ou un autre)${when}. Fermez Maillage sur l’autre poste ou dans l’autre fenêtre, puis réessayez ; rien n’a été modifié.`,
    );
    this.name = 'CommissionInUseError';
  }
}

export interface CommissionLock {
  readonly dbPath: string;
  release(): void;
}

/**
 * Takes the lock of the commission at `dbPath`, or throws CommissionInUseError if another process
 * (or another part of this one) holds it. Never waits.
 */
export function acquireCommissionLock(dbPath: string, nativeBinding?: string): CommissionLock {
  try {
    return lock(dbPath, nativeBinding);
  } catch (error) {
    // Only Maillage writes the lock file: one that is not a database (a copy cut short) holds no lock.
    const code = (error as { code?: string }).code;
    if (code !== 'SQLITE_NOTADB' && !code?.startsWith('SQLITE_CORRUPT')) throw error;
    rmSync(lockPath(dbPath), { force: true });
    return lock(dbPath, nativeBinding);
  }
}

function lock(dbPath: string, nativeBinding?: string): CommissionLock {
  const file = lockPath(dbPath);
  mkdirSync(dirname(file), { recursive: true });
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of after the busy timeout.
  const db = new Database(file, { nativeBinding, timeout: 0 });
  const token = randomUUID();
  try {
    // No journal file beside the lock: it holds nothing worth a rollback.
    db.pragma('journal_mode = MEMORY');
    db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, since TEXT NOT NULL)');
    for (;;) {
      db.prepare('INSERT OR REPLACE INTO holder (id, token, host, pid, since) VALUES (1, ?, ?, ?, ?)').run(token, hostname(), process.pid, new Date().toISOString());
      // The open write transaction is the lock: others may read who holds it, none may begin writing.
      db.exec('BEGIN IMMEDIATE');
      // Another process can slip in between the commit above and BEGIN: whoever holds the
      // transaction owns the lock, and its own name must be the one recorded.
      if (db.prepare('SELECT token FROM holder WHERE id = 1').pluck().get() === token) break;
      db.exec('ROLLBACK');
    }
  } catch (error) {
    const holder = readHolder(db);
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new CommissionInUseError(holder);
    throw error;
  }
  let released = false;
  return {
    dbPath,
    release() {
      if (released) return;
      released = true;
      // The file stays: deleting it could let two processes lock two different files of the same name.
      db.close();
    },
  };
}

function readHolder(db: Database.Database): LockHolder | null {
  try {
    return (db.prepare('SELECT host, pid, since FROM holder WHERE id = 1').get() as LockHolder | undefined) ?? null;
  } catch {
    return null;
  }
}
