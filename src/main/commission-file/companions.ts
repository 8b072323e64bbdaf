/**
 * A commission is more than its « .maillage » file: SQLite's journal files beside it (-wal, -shm,
 * -journal), its lock, the staging folder of a replacement, and the folder of its attached files
 * and backups. An export, a copy or a document written over any of them would damage it, so every
 * path the user gives for writing (a save dialog, a CLI --out) is checked here first.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { stagingDir } from './backups';
import { filesDir } from './commission';
import { lockPath } from './lock';

/** null when writing `target` leaves the commission at `dbPath` alone, else why not (French). */
export function companionProblem(target: string, dbPath: string): string | null {
  const wanted = canonical(target);
  const db = canonical(dbPath);
  const companions = [db, ...['-wal', '-shm', '-journal'].map((suffix) => db + suffix), canonical(lockPath(dbPath)), canonical(stagingDir(dbPath))];
  if (companions.includes(wanted) || sameFile(target, dbPath))
    return 'Ce fichier fait partie de la commission ouverte : l’écraser l’endommagerait. Choisissez un autre nom ou un autre dossier.';
  const inside = relative(canonical(filesDir(dbPath)), wanted);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    return 'Le dossier des fichiers et des sauvegardes de la commission ouverte est réservé à Maillage : enregistrez ailleurs, par exemple dans Documents.';
  return null;
}

/**
 * The absolute path, with the links of its folder resolved and, where names ignore case (Windows,
 * macOS), lower-cased: two spellings of one file compare equal.
 */
function canonical(path: string): string {
  const absolute = resolve(path);
  let folder = dirname(absolute);
  try {
    folder = realpathSync.native(folder);
  } catch {
    // A folder that does not exist yet holds nothing of the commission's.
  }
  const full = resolve(folder, basename(absolute));
  return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
}

/** Two names of one file (a hard link, a name in another case on a case-insensitive disk). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.ino !== 0 && x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}
