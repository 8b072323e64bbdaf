import Database from 'better-sqlite3';
import { assertOpenable, migrate } from './migrate';

export type Db = Database.Database;

interface OpenOptions {
  /** Path of better-sqlite3's native module built for the running runtime (Electron); default: the Node one. */
  nativeBinding?: string;
  /** Open without migrating (integrity checks and backups of a file as it is). */
  readonly?: boolean;
  /**
   * false: set the pragmas but leave the schema as it is, so that the caller can check the file and
   * back it up before migrating (commission-file/open.ts openCommissionFile). Default true.
   */
  migrate?: boolean;
}

/**
 * The connection every commission database gets (commission-file/open.ts opens existing ones through it): WAL for crash safety and concurrent reads,
 * foreign keys enforced, a busy timeout instead of immediate SQLITE_BUSY, then migrations.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    assertOpenable(db);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable in WAL mode except for the last transactions on power loss, never corrupting.
      db.pragma('synchronous = NORMAL');
      if (options.migrate ?? true) migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
