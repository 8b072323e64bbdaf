/**
 * Temporary folders of package commands and checks: an exchange package is unpacked (import) or
 * assembled (export), and a file from elsewhere copied to be checked (check, untrusted.ts), in a
 * folder of the system's temporary directory, which holds a whole commission, personal data included. Each is named after its process and removed when the work ends; what a
 * killed process left is removed by the next start of the app and by every CLI command, and a CLI
 * command stopped with Ctrl+C removes its own before it exits.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessRunning } from '../platform/processes';

const WORK_PREFIX = 'maillage-paquet-';
/** Work folders older than this are a killed process's, whatever became of its number (reused by another process). */
const STALE_WORK_MS = 24 * 3600_000;
const PATTERN = new RegExp(`^${WORK_PREFIX}(?:import|export|check)-(\\d+)-`);

/** A temporary folder named after this process, so that another can tell whether it is still in use. */
export function makeWorkFolder(kind: 'import' | 'export' | 'check'): string {
  return mkdtempSync(join(tmpdir(), `${WORK_PREFIX}${kind}-${process.pid}-`));
}

/**
 * Removes the work folders of processes that no longer run, and any older than a day; with
 * `own`, this process's too (it is ending). Returns what was removed.
 */
export function removeStaleWorkFolders(options: { own?: boolean } = {}): string[] {
  let entries: string[];
  let now: number;
  try {
    entries = readdirSync(tmpdir());
    now = diskNow();
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = PATTERN.exec(entry);
    if (!match) continue;
    const path = join(tmpdir(), entry);
    const pid = Number(match[1]);
    try {
      const stale = pid === process.pid ? options.own === true : !isProcessRunning(pid) || now - statSync(path).mtimeMs > STALE_WORK_MS;
      if (!stale) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Another process removed it first, or it is not ours to remove.
    }
  }
  return removed;
}

/**
 * Now on the clock that dated the folders, their disk's: the system's clock may have been set since (or faked,
 * as the tests of New Year's Eve do), and a running process's folder must not look a day old because of it.
 */
function diskNow(): number {
  const probe = makeWorkFolder('check');
  try {
    return statSync(probe).mtimeMs;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
