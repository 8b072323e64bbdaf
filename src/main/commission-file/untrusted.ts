/**
 * A commission file that comes from elsewhere — an exchange package, a backup to restore, a file
 * opened or dropped — is checked here before Maillage writes to it or runs anything from it.
 * SQLite runs what a database file declares (triggers on ordinary writes, views in queries), and
 * the app resolves the paths it stores: a crafted file could wipe the journal on the next insert,
 * copy an erased person into a hidden table, or make the app read, delete or open files outside
 * the commission's folder. So a copy of the file is opened read-only with `trusted_schema` off (the
 * source is left as it was, without the -shm and -wal SQLite leaves beside a database it reads), its schema
 * must be exactly what Maillage creates for its version (a reference database is migrated in memory
 * to that version and compared), every stored path must name a file inside the commission's folder,
 * and the attached files must be plain files of document types with names valid on Windows.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../shared/errors';
import { stripInvisible } from '../../shared/text';
import { isDeviceName } from '../platform/paths';
import type { PackageCounts } from '../../shared/model/backups';
import { MAILLAGE_APPLICATION_ID } from '../db/application-id';
import type { Db } from '../db/connection';
import { LATEST_VERSION, migrate } from '../db/migrate';
import { problemOfCode } from '../platform/system-errors';
import { makeWorkFolder } from './work-folders';

/** The only kinds of file Maillage attaches, opens with the system or accepts in a commission's folder. */
export const DOCUMENT_EXTENSIONS = ['pdf', 'docx', 'doc', 'odt', 'xlsx', 'ods', 'csv', 'jpg', 'jpeg', 'png', 'ics'] as const;

/** Folder of a commission's files that is not part of it (its backups are checked when restored). */
const BACKUPS_FOLDER = 'sauvegardes';
/**
 * At the root of the attached files of a copy written by « backup --out » or « Enregistrer une
 * copie »: what the copy holds (backups.ts). Never part of a commission's files: it is not copied
 * along, and opening the copy to work in it removes it (its files may then change).
 */
export const CONTENTS_FILE = 'contenu-de-la-copie.json';

/**
 * Columns that hold a path inside the commission's folder: a table added by a later migration that
 * stores one is listed here, so that files from elsewhere are checked for it too.
 */
const STORED_PATHS: readonly { table: string; column: string }[] = [
  { table: 'commission', column: 'logo_file' },
  { table: 'protocols', column: 'file_name' },
  { table: 'meeting_files', column: 'file_name' },
];

/** Generated reports are recorded where the user saved them, outside the folder: only a Word file, by an absolute path without « .. ». */
const REPORT_PATHS = { table: 'reports', column: 'file_path', extension: '.docx' };

export class UntrustedFileError extends ApiError {
  /** `damaged`: unreadable or failing the integrity check, rather than crafted (the app then offers its backups). */
  constructor(
    why: string,
    readonly damaged = false,
  ) {
    super('validation', `Ce fichier est refusé : ${why}. Rien n’a été modifié.`);
  }
}

export interface VerifiedCommission {
  schemaVersion: number;
  commission: { name: string; departmentCode: string };
  /** Read from the verified database, not from what a package's manifest claims. */
  counts: PackageCounts;
}

// eslint-disable-next-line no-control-regex -- characters Windows refuses in file names
const FORBIDDEN_CHARS = /[<>:"/\\|?*\u0000-\u001f\u007f]/;

/** null when `name` is a file or folder name Windows accepts and that is not a device, else why not. */
export function windowsNameProblem(name: string): string | null {
  if (name === '' || name === '.' || name === '..') return `nom vide ou « ${name} »`;
  if (name.length > 200) return 'nom de fichier trop long';
  if (FORBIDDEN_CHARS.test(name)) return 'caractère interdit dans un nom de fichier';
  // A name Maillage stored has none (stored-files.ts): one here makes a file look like another.
  if (stripInvisible(name) !== name) return 'caractère invisible (contrôle bidirectionnel, largeur nulle) dans un nom de fichier';
  if (/[. ]$/.test(name)) return 'nom de fichier terminé par un point ou une espace';
  if (isDeviceName(name)) return `nom réservé par Windows (« ${name} »)`;
  return null;
}

/** null when `path` is a relative name inside a folder (« a/b.pdf »): no « .. », no absolute path or drive letter, valid names. */
export function relativePathProblem(path: string): string | null {
  if (path.length === 0 || path.length > 1000) return 'chemin vide ou trop long';
  if (isAbsolute(path) || /^[a-z]:/i.test(path) || path.startsWith('\\') || path.startsWith('/')) return 'chemin absolu';
  if (path.includes('\\')) return 'chemin avec des barres obliques inverses';
  for (const segment of path.split('/')) {
    const problem = windowsNameProblem(segment);
    if (problem) return problem;
  }
  return null;
}

/** null when the names of a set of files cannot collide on Windows or macOS (case, Unicode normal form), else the colliding name. */
export function nameCollision(paths: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const path of paths) {
    const key = path.normalize('NFC').toLowerCase();
    if (seen.has(key)) return path;
    seen.add(key);
  }
  return null;
}

export function isDocumentName(name: string): boolean {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(extname(name).slice(1).toLowerCase());
}

/**
 * The absolute path of `relativePath` inside `folder`, for a path read from the database: refused
 * (French error) if it would leave the folder or goes through a symbolic link.
 */
export function resolveInside(folder: string, relativePath: string): string {
  const problem = relativePathProblem(relativePath);
  const root = resolve(folder);
  const target = resolve(root, ...relativePath.split('/'));
  const rel = relative(root, target);
  if (problem || rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new ApiError('validation', 'Le fichier enregistré dans la commission ne se trouve pas dans son dossier : il est ignoré.');
  let current = root;
  for (const segment of rel.split(sep)) {
    current = join(current, segment);
    let link = false;
    try {
      link = lstatSync(current).isSymbolicLink();
    } catch {
      break; // Missing: the caller reports it as missing.
    }
    if (link) throw new ApiError('validation', 'Le fichier enregistré dans la commission est un raccourci : il est ignoré.');
  }
  return target;
}

/** For copies of a commission's folder: symbolic links are never followed nor copied. */
export function isNotALink(path: string): boolean {
  try {
    return !lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const referenceSchemas = new Map<number, SchemaRow[]>();

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

function normaliseSql(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/g, ' ').replace(/\s*([(),;])\s*/g, '$1').trim();
}

function schemaOf(db: Db): SchemaRow[] {
  return (db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all() as SchemaRow[])
    // ANALYZE's statistics tables are SQLite's own and hold no code.
    .filter((r) => !(r.type === 'table' && /^sqlite_stat\d$/.test(r.name)))
    .map((r) => ({ ...r, sql: normaliseSql(r.sql) }));
}

/** What Maillage's migrations create at `version`, built once per version in memory. */
function referenceSchema(version: number, nativeBinding?: string): SchemaRow[] {
  let schema = referenceSchemas.get(version);
  if (!schema) {
    const db = new Database(':memory:', { nativeBinding });
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, version);
      schema = schemaOf(db);
    } finally {
      db.close();
    }
    referenceSchemas.set(version, schema);
  }
  return schema;
}

const KINDS: Record<string, string> = { trigger: 'un déclencheur', view: 'une vue', table: 'une table', index: 'un index' };

function schemaProblem(actual: SchemaRow[], expected: SchemaRow[]): string | null {
  const key = (r: SchemaRow) => `${r.type}\u0000${r.name}`;
  const wanted = new Map(expected.map((r) => [key(r), r]));
  for (const row of actual) {
    const reference = wanted.get(key(row));
    if (!reference) return `la base de données contient ${KINDS[row.type] ?? 'un élément'} que Maillage ne crée pas (« ${row.name.slice(0, 60)} »)`;
    if (reference.tbl_name !== row.tbl_name || reference.sql !== row.sql) return `la structure de la base de données a été modifiée (« ${row.name.slice(0, 60)} »)`;
    wanted.delete(key(row));
  }
  const missing = wanted.values().next().value;
  return missing ? `il manque ${KINDS[missing.type] ?? 'un élément'} à la base de données (« ${missing.name} »)` : null;
}

/**
 * Checks a commission database that comes from elsewhere, and the folder of its attached files
 * (`filesFolder`, null when it has none). Throws UntrustedFileError, with the reason in French.
 */
export function verifyCommissionFile(dbFile: string, filesFolder: string | null, nativeBinding?: string): VerifiedCommission {
  let stat;
  try {
    stat = lstatSync(dbFile);
  } catch {
    throw new ApiError('io', 'Ce fichier de commission est introuvable ou illisible.');
  }
  if (!stat.isFile()) throw new UntrustedFileError('ce n’est pas un fichier ordinaire (dossier ou raccourci)');
  return withPrivateCopy(dbFile, (copy) => {
    let db: Db;
    try {
      db = new Database(copy, { readonly: true, fileMustExist: true, nativeBinding });
    } catch {
      throw new UntrustedFileError('ce n’est pas une base de données lisible', true);
    }
    try {
      // Functions with side effects cannot run from the schema (views, triggers, defaults, checks).
      db.pragma('trusted_schema = OFF');
      const verified = verifyDatabase(db, nativeBinding);
      if (filesFolder) checkFilesFolder(filesFolder);
      return verified;
    } finally {
      db.close();
    }
  });
}

/**
 * Runs `read` on a copy of a database file from elsewhere, in a temporary folder removed after:
 * SQLite leaves a -shm and a -wal beside any WAL database it reads, even read-only, and reading a
 * file to check it must leave it as it was (in another's folder, on a USB key, in a backup). A WAL
 * beside the file is copied with it: opening the file would read it too.
 */
export function withPrivateCopy<T>(dbFile: string, read: (copy: string) => T): T {
  const dir = makeWorkFolder('check');
  try {
    const copy = join(dir, 'commission.maillage');
    try {
      copyFileSync(dbFile, copy);
      if (existsSync(`${dbFile}-wal`)) copyFileSync(`${dbFile}-wal`, `${copy}-wal`);
    } catch (error) {
      if (problemOfCode((error as NodeJS.ErrnoException).code) === 'disk-full')
        throw new ApiError('io', 'Le disque du dossier temporaire de l’ordinateur est plein : libérez de la place, puis réessayez. Rien n’a été modifié.');
      throw new ApiError('io', 'Ce fichier de commission est introuvable ou illisible.');
    }
    return read(copy);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function verifyDatabase(db: Db, nativeBinding?: string): VerifiedCommission {
  let applicationId: number;
  let version: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
  } catch {
    throw new UntrustedFileError('ce n’est pas une base de données lisible', true);
  }
  if (applicationId !== MAILLAGE_APPLICATION_ID) throw new UntrustedFileError('ce n’est pas une commission Maillage');
  if (version > LATEST_VERSION)
    throw new ApiError('validation', `Cette commission a été enregistrée par une version plus récente de Maillage (schéma ${version}). Mettez Maillage à jour pour l’ouvrir.`);
  if (version < 1) throw new UntrustedFileError('ce n’est pas une commission Maillage');
  let integrity: string;
  try {
    integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join(' ; ');
  } catch {
    integrity = 'error';
  }
  if (integrity !== 'ok') throw new UntrustedFileError('la base de données est endommagée (vérification d’intégrité)', true);
  let schema: SchemaRow[];
  try {
    schema = schemaOf(db);
  } catch {
    throw new UntrustedFileError('la structure de la base de données est illisible');
  }
  const problem = schemaProblem(schema, referenceSchema(version, nativeBinding));
  if (problem) throw new UntrustedFileError(problem);
  // From here the tables are Maillage's own, so these queries run only Maillage's code.
  const commission = db.prepare('SELECT name, department_code AS departmentCode FROM commission WHERE id = 1').get() as VerifiedCommission['commission'] | undefined;
  if (!commission || db.prepare('SELECT count(*) FROM commission').pluck().get() !== 1) throw new UntrustedFileError('il ne contient pas de commission');
  // The tables and columns of the file's own version: an older commission has fewer (meeting_files since schema 3).
  const hasColumn = (table: string, column: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
  for (const { table, column } of STORED_PATHS.filter((p) => hasColumn(p.table, p.column))) {
    for (const value of db.prepare(`SELECT ${column} FROM ${table} WHERE ${column} IS NOT NULL`).pluck().all() as unknown[]) {
      const why = typeof value === 'string' ? relativePathProblem(value) : 'chemin illisible';
      if (why) throw new UntrustedFileError(`un fichier joint est désigné hors du dossier de la commission (${why})`);
      if (!isDocumentName(value as string)) throw new UntrustedFileError(`un fichier joint n’est pas un document (« ${(value as string).slice(0, 80)} »)`);
    }
  }
  for (const value of db.prepare(`SELECT ${REPORT_PATHS.column} FROM ${REPORT_PATHS.table}`).pluck().all() as unknown[]) {
    const ok =
      typeof value === 'string' &&
      (isAbsolute(value) || /^[a-z]:\\/i.test(value)) &&
      !value.split(/[\\/]/).includes('..') &&
      value.toLowerCase().endsWith(REPORT_PATHS.extension);
    if (!ok) throw new UntrustedFileError('un rapport y est enregistré sous un chemin qui n’est pas celui d’un document Word');
  }
  // A row naming one that is not there (a file edited by hand, or by another program) is refused: Maillage's writes keep them whole.
  const dangling = db.pragma('foreign_key_check') as { table: string }[];
  if (dangling.length > 0) throw new UntrustedFileError(`des lignes de la table ${dangling[0]!.table} renvoient à des éléments absents de la base`);
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    schemaVersion: version,
    commission,
    counts: { partners: count('partners'), contacts: count('contacts'), actions: count('actions'), protocols: count('protocols'), meetings: count('meetings'), files: 0 },
  };
}

/**
 * The attached files of a commission from elsewhere: plain files and folders only (a symbolic link
 * would make a later copy or export read outside), document types, names valid on Windows that do
 * not collide. Returns how many files it holds.
 */
export function checkFilesFolder(folder: string): number {
  const files: string[] = [];
  const walk = (dir: string, prefix: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (prefix === '' && (entry === BACKUPS_FOLDER || entry === CONTENTS_FILE)) continue;
      const path = join(dir, entry);
      const stat = lstatSync(path);
      const name = prefix + entry;
      const problem = windowsNameProblem(entry);
      if (problem) throw new UntrustedFileError(`un fichier joint porte un nom refusé (${problem})`);
      if (stat.isSymbolicLink()) throw new UntrustedFileError(`un fichier joint est un raccourci (« ${name} »)`);
      if (stat.isDirectory()) walk(path, `${name}/`);
      else if (!stat.isFile()) throw new UntrustedFileError(`un fichier joint n’est pas un fichier ordinaire (« ${name} »)`);
      else if (!isDocumentName(entry)) throw new UntrustedFileError(`un fichier joint n’est pas un document (« ${name} »)`);
      else files.push(name);
    }
  };
  walk(folder, '');
  const collision = nameCollision(files);
  if (collision) throw new UntrustedFileError(`deux fichiers joints portent le même nom à la casse près (« ${collision} »)`);
  return files.length;
}
