/**
 * The technical side of a failure the user is told about in plain French: written to a log file
 * that the user can hand to their IT department, so that no dialog shows a path to a .node file,
 * an error code or a stack trace.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE = 'maillage.log';

/** Appends `detail` to `<logsDir>/maillage.log`; the file's path, or null if even that failed (a full disk, a read-only profile). */
export function writeLog(logsDir: string, detail: string, now: Date = new Date()): string | null {
  const file = join(logsDir, LOG_FILE);
  try {
    mkdirSync(logsDir, { recursive: true });
    appendFileSync(file, `[${now.toISOString()}] ${detail.trimEnd()}\n`);
    return file;
  } catch {
    return null;
  }
}

/** The user's message, followed by where the technical detail went when it could be written. */
export function withLogReference(message: string, logFile: string | null): string {
  return logFile ? `${message}\n\nDétail technique, pour votre service informatique : ${logFile}` : message;
}
