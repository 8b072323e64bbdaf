/**
 * Which better-sqlite3 native module the app loads. Node (tests, CLI) and Electron have different
 * native ABIs, so one .node file cannot serve both: the Node one stays in node_modules, the Electron
 * one lives in native/<platform>-<arch>-electron-<version>/, made by scripts/ensure-electron.mjs for
 * development and by the release build for the target it packages. The platform is in the name so
 * that a Windows package can never pick up a Linux file left in the folder. The layout must stay
 * identical to that script's (test/unit/ensure-electron.test.ts checks they agree) and to the
 * packaging configuration's (electron-builder.ts).
 */
import { join } from 'node:path';

export interface RuntimeInfo {
  /** `process.versions`: `electron` is set only when running inside Electron. */
  versions: Readonly<Record<string, string | undefined>>;
  /** `process.platform` and `process.arch`. */
  platform: string;
  arch: string;
  /** Folder holding package.json and native/ (Electron: `app.getAppPath()`, the app.asar of an installed app). */
  appRoot: string;
  /** Installed by a user (`app.isPackaged`), as opposed to run from the project by a developer. */
  packaged: boolean;
}

export const BINDING_FILE = 'better_sqlite3.node';

export function nativeBindingDir(platform: string, arch: string, electronVersion: string): string {
  return join('native', `${platform}-${arch}-electron-${electronVersion}`);
}

/** The Electron-ABI module to pass as `nativeBinding`, or undefined under plain Node (use node_modules'). */
export function electronNativeBinding(info: Omit<RuntimeInfo, 'packaged'>): string | undefined {
  const electron = info.versions['electron'];
  if (!electron) return undefined;
  return join(info.appRoot, nativeBindingDir(info.platform, info.arch, electron), BINDING_FILE);
}

/**
 * What the user reads when the module is missing or does not load. An installed app's user can
 * neither build nor move a file: they can reinstall, or hand the log to their IT department.
 */
export function nativeBindingMessage(problem: 'missing' | 'unloadable', bindingPath: string, packaged: boolean): string {
  if (packaged) {
    return [
      'Maillage ne peut pas ouvrir les commissions : son moteur de base de données (SQLite) est absent ou ne fonctionne pas sur cet ordinateur.',
      '',
      'Réinstallez Maillage ou contactez votre service informatique.',
      '',
      'Vos commissions et leurs sauvegardes ne sont pas touchées.',
    ].join('\n');
  }
  const what =
    problem === 'missing'
      ? 'Le module SQLite compilé pour Electron est introuvable :'
      : 'Le module SQLite n’a pas pu être chargé (il a sans doute été compilé pour une autre version d’Electron) :';
  const fix =
    problem === 'missing'
      ? 'Fermez Maillage puis lancez « npm start » depuis le dossier du projet : la commande prépare ce module automatiquement ' +
        '(une connexion Internet est nécessaire la première fois).'
      : 'Fermez Maillage, supprimez ce fichier, puis lancez « npm start » depuis le dossier du projet : la commande le prépare à nouveau.';
  return [what, bindingPath, '', `Maillage ne peut pas ouvrir de commission sans lui. ${fix}`].join('\n');
}

export type NativeBinding =
  | { ok: true; path: string | undefined }
  | { ok: false; path: string; message: string; /** For the log file, never shown as such. */ detail: string };

/**
 * Loads the binding once at startup, so that a missing or wrong module is explained before any
 * window opens instead of failing at the first query with « NODE_MODULE_VERSION » or « not a valid
 * Win32 application ».
 */
export function loadNativeBinding(info: RuntimeInfo, io: { exists: (path: string) => boolean; load: (path: string) => void }): NativeBinding {
  const path = electronNativeBinding(info);
  if (path === undefined) return { ok: true, path };
  const where = `Electron ${info.versions['electron']} ${info.platform}-${info.arch}`;
  if (!io.exists(path)) return { ok: false, path, message: nativeBindingMessage('missing', path, info.packaged), detail: `${where}: ${path} is missing` };
  try {
    io.load(path);
    return { ok: true, path };
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false, path, message: nativeBindingMessage('unloadable', path, info.packaged), detail: `${where}: ${path} could not be loaded: ${cause}` };
  }
}
