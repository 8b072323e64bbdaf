/**
 * Every file Maillage writes for the user (documents, tables, calendars, catalogues, packages,
 * copies, preferences, attached files) goes through here: written beside its target under a
 * temporary name, flushed to the disk, then renamed over it, so that a failure (disk full,
 * read-only folder, file open in Word) or a power cut leaves the previous file as it was, removes
 * the temporary one and says why.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { copyFile, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { fileProblemMessage, problemOfCode } from './system-errors';

export async function writeUserFile(path: string, content: Uint8Array | string): Promise<void> {
  await replaceFile(path, (partial) => writeFile(partial, content));
}

/** Copies `source` to `path` (attached files taken into the commission's folder) the same way. */
export async function copyUserFile(source: string, path: string): Promise<void> {
  await replaceFile(path, (partial) => copyFile(source, partial));
}

/** The temporary name `replaceFile` writes `path` under (hidden, and named after this process). */
export function partialPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.partiel`);
}

/** Runs `write` on a temporary name beside `path`, flushes it to the disk, then renames it over `path`. */
export async function replaceFile(path: string, write: (partial: string) => Promise<unknown>): Promise<void> {
  const partial = partialPathOf(path);
  try {
    await write(partial);
    await flushToDisk(partial);
    await rename(partial, path);
  } catch (error) {
    // Cleaning up must not hide the reason of the failure.
    await rm(partial, { force: true }).catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw new ApiError('io', fileProblemMessage(problemOfCode((error as NodeJS.ErrnoException).code) ?? 'cannot-open', basename(path)));
  }
}

/**
 * fsync: without it a rename can reach the disk before the data it names, and a power cut then
 * leaves an empty or truncated file where the previous one was.
 */
export async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
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
