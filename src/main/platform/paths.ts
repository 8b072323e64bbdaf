/**
 * Checks of paths that come from elsewhere (a commission file, a command line, a dialog): by their
 * text alone, so that checking a path never reaches the network or a device.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * A Windows network path (« \\serveur\partage\x.docx », « //serveur/… », « \\?\UNC\… »): asking
 * whether it exists makes Windows contact that host, and send it the user's credentials.
 */
export function isNetworkPath(path: string): boolean {
  return /^[\\/]{2}/.test(path);
}

// Windows opens a device, not a file, for these names, whatever their extension or folder.
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** The name is one Windows reserves for a device (« CON », « com1.docx »). */
export function isDeviceName(name: string): boolean {
  return DEVICE_NAME.test(name.replace(/[. ]+$/, ''));
}

/** null when Maillage may write a file the user named at `path`, else why not (French). */
export function targetPathProblem(path: string): string | null {
  if (path.includes('\0')) return 'Ce nom de fichier n’est pas valable : choisissez-en un autre.';
  if (isDeviceName(basename(path))) return `« ${basename(path)} » est un nom que Windows réserve à un périphérique : choisissez un autre nom de fichier.`;
  return null;
}

/**
 * existsSync for a path read from a commission: a network path is never probed (it counts as
 * absent), so that a file from elsewhere cannot make Maillage contact a host of its choosing.
 */
export function localFileExists(path: string): boolean {
  return !isNetworkPath(path) && existsSync(path);
}
