import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../db/connection';
import { finishInterruptedReplace, stagingDir } from '../commission-file/backups';
import { readCommission } from '../commission-file/commission';
import { acquireCommissionLock } from '../commission-file/lock';
import { CliError } from './command';

/**
 * Opens an existing commission for a command that reads or writes it; refuses anything else. A
 * replacement a kill interrupted is finished first (or refused while Maillage holds the commission).
 */
export function openCommission(file: string): Db {
  if (existsSync(stagingDir(file))) {
    const lock = acquireCommissionLock(file);
    try {
      finishInterruptedReplace(file);
    } finally {
      lock.release();
    }
  }
  if (!existsSync(file)) throw new CliError(`fichier de commission introuvable : ${file}`);
  const db = openDatabase(file);
  try {
    readCommission(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
