/**
 * Documents a commission keeps in its files folder (a protocol's signed file, a session's pièces
 * jointes): copied in under a name of their own, recorded by a path relative to the folder, opened
 * and removed only when that path stays inside it. Backups and exchange packages carry the whole
 * folder; untrusted.ts checks these stored paths in files from elsewhere.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { stripInvisible } from '../../shared/text';
import { copyUserFile } from '../platform/files';
import { filesDir } from './commission';
import { resolveInside } from './untrusted';

const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Copies `source` into « <commission>-fichiers/<folder>/ » as « <prefix>-<its name> » and returns the
 * relative path to record. Refused (French message) when its type is not in `extensions` or it is too large.
 */
export async function storeFile(dbPath: string, folder: string, prefix: string, source: string, extensions: readonly string[], typesText: string): Promise<string> {
  // Without bidi controls or zero-width characters, the name shows what the file is (shared/text.ts).
  const name = stripInvisible(basename(source));
  const ext = extname(name).slice(1).toLowerCase();
  if (!extensions.includes(ext)) throw new ApiError('validation', `Joignez ${typesText}.`);
  let size: number;
  try {
    size = statSync(source).size;
  } catch {
    throw new ApiError('io', `Impossible de lire le fichier « ${basename(source)} ».`);
  }
  if (size > MAX_FILE_BYTES) throw new ApiError('validation', 'Le document dépasse 100 Mo : enregistrez-en une version plus légère.');
  const safeName = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- characters Windows refuses in file names
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .slice(-120);
  const relative = `${folder}/${prefix}-${safeName}`;
  mkdirSync(join(filesDir(dbPath), folder), { recursive: true });
  await copyUserFile(source, join(filesDir(dbPath), relative));
  return relative;
}

/** The absolute path of a stored document, refused if the database names a place outside the folder, or missing. */
export function storedFilePath(dbPath: string, relative: string): string {
  const path = resolveInside(filesDir(dbPath), relative);
  if (!existsSync(path)) throw new ApiError('io', `Le document joint « ${basename(relative)} » est introuvable dans le dossier de la commission. Joignez-le de nouveau.`);
  return path;
}

/** Deletes a file the database names, only if it is inside the commission's folder. */
export function removeStoredFile(dbPath: string, relative: string): void {
  try {
    rmSync(resolveInside(filesDir(dbPath), relative), { force: true });
  } catch {
    // A name pointing elsewhere is never acted upon; the row no longer names it anyway.
  }
}
