import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { departementName } from '../../shared/departements';
import { ApiError } from '../../shared/errors';
import type * as z from 'zod';
import type { commissionSettings } from '../../shared/schemas/commission';
import type { CommissionSummary } from '../../shared/types';
import { openDatabase, type Db } from '../db/connection';
import { replaceFile, writeUserFile } from '../platform/files';
import { loadCatalogue } from '../features/measures/catalogue';
import { recordChange } from './changelog';
import { isNotALink, resolveInside } from './untrusted';

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
    signatoryName: row.signatory_name,
    signatoryTitle: row.signatory_title,
    signsByDelegation: row.signs_by_delegation === 1,
    logoFile: row.logo_file,
    filePath,
  };
}

export function updateCommission(db: Db, input: z.output<typeof commissionSettings>, now: Date): void {
  const at = now.toISOString();
  db.transaction(() => {
    const before = db
      .prepare(
        `SELECT name, department_code AS departmentCode, secretary_name AS secretaryName, prefecture_city AS prefectureCity, secretariat_contact AS secretariatContact,
           signatory_name AS signatoryName, signatory_title AS signatoryTitle, signs_by_delegation = 1 AS signsByDelegation FROM commission WHERE id = 1`,
      )
      .get();
    db.prepare(
      `UPDATE commission SET name = @name, department_code = @departmentCode, secretary_name = @secretaryName, prefecture_city = @prefectureCity,
         secretariat_contact = @secretariatContact, signatory_name = @signatoryName, signatory_title = @signatoryTitle,
         signs_by_delegation = @signsByDelegation, updated_at = @at WHERE id = 1`,
    ).run({ ...input, signsByDelegation: input.signsByDelegation ? 1 : 0, at });
    recordChange(db, at, 'commission', '1', 'update', before, input);
  })();
}

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };
export const LOGO_EXTENSIONS = Object.keys(LOGO_TYPES).map((e) => e.slice(1));

/** Copies the préfecture's logo into the commission's files; the database keeps only its name. */
export async function setLogo(db: Db, dbPath: string, source: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const ext = extname(source).toLowerCase();
  if (!LOGO_TYPES[ext]) throw new ApiError('validation', 'Le logo doit être une image PNG ou JPEG.');
  const stat = statOrNull(source);
  if (!stat?.isFile()) throw new ApiError('io', `Impossible de lire le fichier ${basename(source)}.`);
  // The size is checked before reading: a file of gigabytes is never loaded.
  if (stat.size > MAX_LOGO_BYTES) throw new ApiError('validation', 'Le logo dépasse 5 Mo : choisissez une image plus légère.');
  let bytes: Buffer;
  try {
    bytes = readFileSync(source);
  } catch {
    throw new ApiError('io', `Impossible de lire le fichier ${basename(source)}.`);
  }
  if (bytes.length > MAX_LOGO_BYTES) throw new ApiError('validation', 'Le logo dépasse 5 Mo : choisissez une image plus légère.');
  if (!looksLikeImage(bytes, ext)) throw new ApiError('validation', `Le fichier ${basename(source)} n’est pas une image ${ext === '.png' ? 'PNG' : 'JPEG'} valide.`);
  const dir = filesDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const previous = readCommission(db, dbPath).logoFile;
  const name = `logo${ext === '.jpeg' ? '.jpg' : ext}`;
  await writeUserFile(join(dir, name), bytes);
  db.prepare('UPDATE commission SET logo_file = ?, updated_at = ? WHERE id = 1').run(name, at);
  recordChange(db, at, 'commission', '1', 'update', { logoFile: previous }, { logoFile: name });
  if (previous && previous !== name) removeLogoFile(dbPath, previous);
}

const MAX_LOGO_BYTES = 5_000_000;

function looksLikeImage(bytes: Buffer, ext: string): boolean {
  if (ext === '.png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes[0] === 0xff && bytes[1] === 0xd8;
}

export function removeLogo(db: Db, dbPath: string, now: Date): void {
  const at = now.toISOString();
  const current = readCommission(db, dbPath).logoFile;
  db.prepare('UPDATE commission SET logo_file = NULL, updated_at = ? WHERE id = 1').run(at);
  recordChange(db, at, 'commission', '1', 'update', { logoFile: current }, { logoFile: null });
  if (current) removeLogoFile(dbPath, current);
}

export function readLogo(dbPath: string, logoFile: string | null): { fileName: string; mime: string; bytes: Buffer } | null {
  if (!logoFile) return null;
  let path: string;
  try {
    path = resolveInside(filesDir(dbPath), logoFile);
  } catch {
    return null;
  }
  // Checked before it is read: a huge file named logo must not be loaded whole.
  const stat = statOrNull(path);
  if (!stat?.isFile() || stat.size > MAX_LOGO_BYTES) return null;
  return { fileName: logoFile, mime: LOGO_TYPES[extname(logoFile).toLowerCase()] ?? 'application/octet-stream', bytes: readFileSync(path) };
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function removeLogoFile(dbPath: string, name: string): void {
  try {
    rmSync(resolveInside(filesDir(dbPath), name), { force: true });
  } catch {
    // A name pointing outside the folder is never acted upon.
  }
}

/**
 * Writes a consistent copy of a live database with SQLite's online backup API (a plain file copy
 * of a WAL database can miss committed pages), plus its attached files.
 */
export async function saveCopy(db: Db, dbPath: string, target: string): Promise<void> {
  if (!existsSync(dirname(target))) throw new ApiError('io', 'Ce dossier est introuvable : choisissez un autre emplacement.');
  await replaceFile(target, (partial) => db.backup(partial));
  const sourceFiles = filesDir(dbPath);
  // The copy is a commission of its own: it starts without the backups of this one.
  const backups = join(sourceFiles, 'sauvegardes');
  if (existsSync(sourceFiles)) cpSync(sourceFiles, filesDir(target), { recursive: true, filter: (source) => source !== backups && isNotALink(source) });
}

