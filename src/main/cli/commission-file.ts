import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../db/connection';
import { readCommission } from '../services/commission';
import { CliError } from './command';

/** Opens an existing commission for a command that reads or writes it; refuses anything else. */
export function openCommission(file: string): Db {
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
