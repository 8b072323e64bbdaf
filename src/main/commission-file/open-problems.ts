/**
 * Why a commission file cannot be opened or written, in plain French with what to do next. Only a
 * failed integrity check (or a file SQLite itself calls corrupt) is « endommagé »: a busy, read-only,
 * full or missing file is reported as such, and nothing is moved, replaced or restored for it.
 */
import { accessSync, closeSync, constants, existsSync, openSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

export type OpenProblem = 'missing' | 'busy' | 'read-only' | 'disk-full' | 'disk-error' | 'cannot-open' | 'damaged';

const NOTHING_CHANGED = 'Le fichier n’a pas été modifié.';

export const openProblemMessages: Record<OpenProblem, string> = {
  missing:
    'Le fichier de cette commission est introuvable : il a peut-être été déplacé, renommé ou supprimé, ou le disque qui le contient (clé USB, lecteur réseau) n’est pas branché. Rebranchez le disque, ou ouvrez le fichier là où il se trouve.',
  busy: `Un autre programme est en train d’écrire dans cette commission. Fermez Maillage sur l’autre poste (ou le programme qui l’utilise), attendez un instant puis réessayez. ${NOTHING_CHANGED}`,
  'read-only': `Cette commission est en lecture seule (fichier, dossier ou disque protégé en écriture) : Maillage ne peut pas y enregistrer. Copiez-la dans un dossier où vous pouvez écrire, par exemple Documents, puis ouvrez la copie. ${NOTHING_CHANGED}`,
  'disk-full': `Le disque qui contient cette commission est plein. Libérez de la place (videz la corbeille, supprimez des fichiers inutiles), puis réessayez. ${NOTHING_CHANGED}`,
  'disk-error': `Le disque ne répond pas correctement (erreur de lecture ou d’écriture). Vérifiez que la clé USB ou le lecteur réseau est bien branché, puis réessayez. ${NOTHING_CHANGED}`,
  'cannot-open': `Maillage ne peut pas ouvrir ce fichier : vérifiez qu’il est toujours à sa place et que vous avez le droit d’écrire dans son dossier, puis réessayez. ${NOTHING_CHANGED}`,
  damaged: 'Le fichier de cette commission est endommagé : Maillage ne peut pas l’ouvrir sans risquer d’aggraver les dégâts.',
};

/** The problem named by a Node (errno) or SQLite code, extended codes included (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE…). */
export function problemOfCode(code: unknown): OpenProblem | null {
  if (typeof code !== 'string') return null;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return 'disk-full';
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
    case 'SQLITE_PERM':
      return 'read-only';
    case 'EBUSY':
      return 'busy';
    case 'EIO':
      return 'disk-error';
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
 * « cannot open » for a missing file, a read-only folder or a read-only disk: the file system is
 * asked which it is.
 */
export function openProblemOf(path: string, error: unknown): OpenProblem | null {
  const problem = problemOfCode((error as { code?: unknown } | null)?.code);
  // SQLite reports a full disk as an I/O error when it cannot grow its shared-memory file.
  if ((problem === 'disk-error' || problem === 'cannot-open') && freeBytes(dirname(path)) < FULL_BELOW) return 'disk-full';
  if (problem !== 'cannot-open' && problem !== 'read-only') return problem;
  if (!existsSync(path)) return 'missing';
  const probe = writeProbe(path, 'r+') ?? writeProbe(dirname(path), null);
  return probe ?? problem;
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

function writeProbe(path: string, mode: 'r+' | null): OpenProblem | null {
  try {
    if (mode) closeSync(openSync(path, mode));
    else accessSync(path, constants.W_OK);
    return null;
  } catch (error) {
    return problemOfCode((error as NodeJS.ErrnoException).code) ?? 'cannot-open';
  }
}
