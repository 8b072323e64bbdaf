import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { departementName } from '../../shared/departements';
import { ApiError } from '../../shared/errors';
import type { PrefectCivility } from '../../shared/labels';
import type { CommissionSummary } from '../../shared/types';
import { openDatabase, type Db } from '../db/connection';
import { loadCatalogue } from '../features/measures/catalogue';

export const COMMISSION_EXTENSION = 'maillage';

export function defaultCommissionName(departmentCode: string): string {
  return `Commission départementale de lutte contre la prostitution, le proxénétisme et la traite des êtres humains aux fins d’exploitation sexuelle – ${departementName(departmentCode) ?? departmentCode}`;
}

/** Attached files (logo, signed protocols…) live next to the database, in « <name>-fichiers ». */
export function filesDir(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-fichiers`);
}

/**
 * Creates a commission file whole or not at all: built under a temporary name beside `file` and
 * renamed when complete, so that a killed build (a large demo takes seconds) leaves no half-made
 * commission that would then « already exist ». `fill` adds content (the demo) before the rename.
 */
export function createCommissionFile(
  file: string,
  input: { departmentCode: string; name: string | null },
  now: Date,
  nativeBinding?: string,
  fill?: (db: Db) => void,
): void {
  if (existsSync(file)) throw new ApiError('conflict', `Le fichier ${basename(file)} existe déjà : choisissez un autre nom.`);
  const partial = `${file}.partiel`;
  const removePartial = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
  };
  // What a killed build left.
  removePartial();
  try {
    const db = createCommissionDatabase(partial, input, now, nativeBinding);
    try {
      fill?.(db);
    } finally {
      // The last connection's close checkpoints the WAL into the file: it is whole on its own.
      db.close();
    }
    if (existsSync(file)) throw new ApiError('conflict', `Le fichier ${basename(file)} existe déjà : choisissez un autre nom.`);
    renameSync(partial, file);
  } catch (error) {
    removePartial();
    throw error;
  }
}

/** Creates a new commission database with its settings and the national catalogue. */
export function createCommissionDatabase(
  file: string,
  input: { departmentCode: string; name: string | null },
  now: Date,
  nativeBinding?: string,
): Db {
  const at = now.toISOString();
  if (existsSync(file)) throw new ApiError('conflict', `Le fichier ${basename(file)} existe déjà : choisissez un autre nom.`);
  mkdirSync(dirname(file), { recursive: true });
  const db = openDatabase(file, { nativeBinding });
  db.transaction(() => {
    db.prepare('INSERT INTO commission (id, name, department_code, created_at, updated_at) VALUES (1, ?, ?, ?, ?)').run(
      input.name ?? defaultCommissionName(input.departmentCode),
      input.departmentCode,
      at,
      at,
    );
    loadCatalogue(db, now);
  })();
  return db;
}

interface CommissionRow {
  name: string;
  department_code: string;
  secretary_name: string | null;
  prefecture_city: string | null;
  secretariat_contact: string | null;
  prefect_civility: PrefectCivility | null;
  prefect_name: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  signs_by_delegation: number;
  logo_file: string | null;
}

export function readCommission(db: Db, filePath: string): CommissionSummary {
  const row = db.prepare('SELECT * FROM commission WHERE id = 1').get() as CommissionRow | undefined;
  if (!row) throw new ApiError('io', 'Ce fichier ne contient pas de commission Maillage.');
  return {
    name: row.name,
    departmentCode: row.department_code,
    departmentName: departementName(row.department_code) ?? row.department_code,
    secretaryName: row.secretary_name,
    prefectureCity: row.prefecture_city,
    secretariatContact: row.secretariat_contact,
    prefectCivility: row.prefect_civility,
    prefectName: row.prefect_name,
    signatoryName: row.signatory_name,
    signatoryTitle: row.signatory_title,
    signsByDelegation: row.signs_by_delegation === 1,
    logoFile: row.logo_file,
    filePath,
    readOnly: db.readonly,
  };
}

