/**
 * Every file Maillage writes for the user (documents, tables, calendars, catalogues, packages,
 * copies, preferences, attached files) goes through here: written beside its target under a
 * temporary name, then renamed over it, so that a failure (disk full, read-only folder, file open
 * in Word) leaves the previous file as it was, removes the temporary one and says why.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { copyFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../shared/errors';

export async function writeUserFile(path: string, content: Uint8Array | string): Promise<void> {
  await replaceFile(path, (partial) => writeFile(partial, content));
}

/** Copies `source` to `path` (attached files taken into the commission's folder) the same way. */
export async function copyUserFile(source: string, path: string): Promise<void> {
  await replaceFile(path, (partial) => copyFile(source, partial));
}

/** Runs `write` on a temporary name beside `path`, then renames it over `path`. */
export async function replaceFile(path: string, write: (partial: string) => Promise<unknown>): Promise<void> {
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partiel`);
  try {
    await write(partial);
    await rename(partial, path);
  } catch (error) {
    // Cleaning up must not hide the reason of the failure.
    await rm(partial, { force: true }).catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw new ApiError('io', writeFailure(basename(path), (error as NodeJS.ErrnoException).code));
  }
}

function writeFailure(name: string, code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return `Impossible d’enregistrer « ${name} » : le disque est plein. Libérez de la place puis réessayez ; le fichier précédent, s’il existait, est intact.`;
    case 'EROFS':
      return `Impossible d’enregistrer « ${name} » : le disque est en lecture seule. Choisissez un autre dossier.`;
    case 'EBUSY':
    case 'EPERM':
      // Windows refuses to replace a file another program holds open.
      return `Impossible d’enregistrer « ${name} » : le fichier est peut-être ouvert dans Word, Excel ou LibreOffice. Fermez-le puis réessayez.`;
    case 'EACCES':
      return `Impossible d’enregistrer « ${name} » : vous n’avez pas le droit d’écrire dans ce dossier, ou le fichier est ouvert dans un autre programme. Choisissez un autre dossier ou fermez le fichier.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `Impossible d’enregistrer « ${name} » : ce dossier n’existe pas ou plus. Choisissez un autre dossier.`;
    case 'EISDIR':
      return `Impossible d’enregistrer « ${name} » : un dossier porte déjà ce nom. Choisissez un autre nom.`;
    default:
      return `Impossible d’enregistrer « ${name} » à cet endroit : choisissez un autre dossier.`;
  }
}

/**
 * Reads a file from elsewhere without ever holding more than `maxBytes` of it: null when it is
 * larger. The read itself stops at the limit, since a size taken before reading may no longer be
 * true while reading (a file still being written, a pipe). ApiError('io') when it cannot be read.
 */
export function readFileUpTo(path: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new ApiError('io', `Impossible de lire le fichier « ${basename(path)} ».`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ApiError('io', `Impossible de lire « ${basename(path)} » : ce n’est pas un fichier.`);
    if (stat.size > maxBytes) return null;
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return null;
        // It grew since fstat: room for more, never past the limit.
        buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(maxBytes + 1, length * 2) - length)]);
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('io', `Impossible de lire le fichier « ${basename(path)} ».`);
  } finally {
    closeSync(fd);
  }
}
