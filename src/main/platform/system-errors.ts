/**
 * The one table from system error codes (Node's errno, SQLite's result codes, extended ones
 * included) to what went wrong, and the French messages that say it: for the commission file
 * (opening it, writing to it) and for a file the user chose (an export, an import, a copy). The
 * router, the CLI, atomic writes and the opening of a commission all read it.
 *
 * Only a failed integrity check (or a file SQLite itself calls corrupt) is « endommagé »: a busy,
 * read-only, full or missing file is reported as such, and nothing is moved, replaced or restored
 * for it.
 */
import { accessSync, closeSync, constants, existsSync, openSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type SystemProblem =
  | 'missing'
  | 'busy'
  | 'read-only'
  | 'access-denied'
  | 'disk-full'
  | 'disk-error'
  | 'cannot-open'
  | 'damaged'
  | 'is-directory'
  | 'name-too-long'
  | 'invalid-name';

/** What opening or writing a commission can meet. */
export type OpenProblem = Exclude<SystemProblem, 'access-denied' | 'name-too-long' | 'invalid-name'>;

const NOTHING_CHANGED = 'Le fichier n’a pas été modifié.';

export const openProblemMessages: Record<OpenProblem, string> = {
  missing:
    'Le fichier de cette commission est introuvable : il a peut-être été déplacé, renommé ou supprimé, ou le disque qui le contient (clé USB, lecteur réseau) n’est pas branché. Rebranchez le disque, ou ouvrez le fichier là où il se trouve.',
  busy: `Un autre programme est en train d’écrire dans cette commission. Fermez Maillage sur l’autre poste (ou le programme qui l’utilise), attendez un instant puis réessayez. ${NOTHING_CHANGED}`,
  'read-only': `Cette commission est en lecture seule (fichier, dossier ou disque protégé en écriture) : Maillage ne peut pas y enregistrer. Copiez-la dans un dossier où vous pouvez écrire, par exemple Documents, puis ouvrez la copie. ${NOTHING_CHANGED}`,
  'disk-full': `Le disque qui contient cette commission est plein. Libérez de la place (videz la corbeille, supprimez des fichiers inutiles), puis réessayez. ${NOTHING_CHANGED}`,
  'disk-error': `Le disque ne répond pas correctement (erreur de lecture ou d’écriture). Vérifiez que la clé USB ou le lecteur réseau est bien branché, puis réessayez. ${NOTHING_CHANGED}`,
  'cannot-open': `Maillage ne peut pas ouvrir ce fichier : vérifiez qu’il est toujours à sa place et que vous avez le droit d’écrire dans son dossier, puis réessayez. ${NOTHING_CHANGED}`,
  'is-directory': 'C’est un dossier qui porte ce nom, pas un fichier de commission : choisissez le fichier « .maillage » lui-même.',
  damaged: 'Le fichier de cette commission est endommagé : Maillage ne peut pas l’ouvrir sans risquer d’aggraver les dégâts.',
};

/** The problem named by a Node (errno) or SQLite code, extended codes included (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE…). */
export function problemOfCode(code: unknown): SystemProblem | null {
  if (typeof code !== 'string') return null;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
    case 'SQLITE_FULL':
      return 'disk-full';
    case 'EROFS':
    case 'SQLITE_PERM':
      return 'read-only';
    case 'EACCES':
    case 'EPERM':
      return 'access-denied';
    case 'EBUSY':
      return 'busy';
    case 'EIO':
      return 'disk-error';
    case 'EISDIR':
    case 'ERR_FS_EISDIR':
    case 'SQLITE_CANTOPEN_ISDIR':
      return 'is-directory';
    case 'ENAMETOOLONG':
      return 'name-too-long';
    case 'EINVAL':
      return 'invalid-name';
    case 'SQLITE_NOTADB':
      return 'damaged';
  }
  const family = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  switch (family) {
    case 'SQLITE_READONLY':
      return 'read-only';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'busy';
    case 'SQLITE_IOERR':
      return 'disk-error';
    case 'SQLITE_CORRUPT':
      return 'damaged';
    case 'SQLITE_CANTOPEN':
      return 'cannot-open';
    default:
      return null;
  }
}

/**
 * The problem behind a failure to open or write the commission at `path`. SQLite says only
 * « cannot open » for a missing file, a read-only folder or a read-only disk, and « I/O error »
 * for a disk too full to grow its files: the file system is asked which it is.
 */
export function openProblemOf(path: string, error: unknown): OpenProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  const problem = asOpenProblem(problemOfCode(code));
  if ((problem === 'disk-error' || problem === 'cannot-open') && freeBytes(dirname(path)) < FULL_BELOW) return 'disk-full';
  if (problem !== 'cannot-open' && problem !== 'read-only') return problem;
  if (!existsSync(path)) return 'missing';
  if (isDirectory(path)) return 'is-directory';
  return writeProbe(path, 'r+') ?? writeProbe(dirname(path), null) ?? problem;
}

/** The problem as opening or writing the commission meets it. */
export function asOpenProblem(problem: SystemProblem | null): OpenProblem | null {
  if (problem === 'access-denied') return 'read-only';
  if (problem === 'name-too-long' || problem === 'invalid-name') return 'cannot-open';
  return problem;
}

/** Below this much free space a disk is full for Maillage: a backup or a WAL could not be written. */
const FULL_BELOW = 1024 * 1024;

function freeBytes(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function writeProbe(path: string, mode: 'r+' | null): OpenProblem | null {
  try {
    if (mode) closeSync(openSync(path, mode));
    else accessSync(path, constants.W_OK);
    return null;
  } catch (error) {
    return asOpenProblem(problemOfCode((error as NodeJS.ErrnoException).code)) ?? 'cannot-open';
  }
}

/**
 * Why a file the user chose could not be written (or read), naming it when `name` is given: the
 * previous file, if any, is intact (atomic writes), and the user is told what to do.
 */
export function fileProblemMessage(problem: SystemProblem, name: string | null): string {
  const subject = name ? `Impossible d’enregistrer « ${name} »` : 'Impossible d’utiliser cet emplacement';
  switch (problem) {
    case 'disk-full':
      return `${subject} : le disque est plein. Libérez de la place puis réessayez ; le fichier précédent, s’il existait, est intact.`;
    case 'read-only':
      return `${subject} : le disque ou le dossier est en lecture seule. Choisissez un autre dossier.`;
    case 'busy':
      // Windows refuses to replace a file another program holds open.
      return `${subject} : le fichier est peut-être ouvert dans Word, Excel ou LibreOffice. Fermez-le puis réessayez.`;
    case 'access-denied':
      return `${subject} : vous n’avez pas le droit d’écrire à cet endroit, ou le fichier est ouvert dans un autre programme. Choisissez un autre dossier ou fermez le fichier.`;
    case 'missing':
      return `${subject} : ce dossier ou ce fichier n’existe pas ou plus. Choisissez un autre emplacement.`;
    case 'is-directory':
      return `${subject} : un dossier porte déjà ce nom. Choisissez un nom de fichier.`;
    case 'name-too-long':
      return `${subject} : ce nom de fichier est trop long. Choisissez-en un plus court.`;
    case 'invalid-name':
      return `${subject} : ce nom de fichier n’est pas valable. Choisissez-en un autre.`;
    case 'disk-error':
      return `${subject} : le disque ne répond pas correctement. Vérifiez que la clé USB ou le lecteur réseau est bien branché, puis réessayez.`;
    default:
      return `${subject} à cet endroit : choisissez un autre dossier.`;
  }
}
