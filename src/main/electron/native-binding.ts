/**
 * Which better-sqlite3 native module the app loads. Node (tests, CLI) and Electron have different
 * native ABIs, so one .node file cannot serve both: the Node one stays in node_modules, the Electron
 * one is built by scripts/ensure-electron.mjs into native/electron-<version>-<arch>/. The layout
 * must stay identical to that script's (test/unit/ensure-electron.test.ts checks they agree).
 */
import { join } from 'node:path';

export interface RuntimeInfo {
  /** `process.versions`: `electron` is set only when running inside Electron. */
  versions: Readonly<Record<string, string | undefined>>;
  /** `process.arch`. */
  arch: string;
  /** Folder holding package.json and native/ (Electron: `app.getAppPath()`). */
  appRoot: string;
}

export const BINDING_FILE = 'better_sqlite3.node';

export function nativeBindingDir(electronVersion: string, arch: string): string {
  return join('native', `electron-${electronVersion}-${arch}`);
}

/** The Electron-ABI module to pass as `nativeBinding`, or undefined under plain Node (use node_modules'). */
export function electronNativeBinding(info: RuntimeInfo): string | undefined {
  const electron = info.versions['electron'];
  if (!electron) return undefined;
  return join(info.appRoot, nativeBindingDir(electron, info.arch), BINDING_FILE);
}

/** French explanation for the user when the Electron-ABI module is missing: the app cannot open any commission without it. */
export function missingNativeBindingMessage(bindingPath: string): string {
  return [
    'Le module SQLite compilé pour Electron est introuvable :',
    bindingPath,
    '',
    'Maillage ne peut pas ouvrir de commission sans lui. Fermez Maillage puis lancez « npm start » ' +
      'depuis le dossier du projet : la commande prépare ce module automatiquement ' +
      '(une connexion Internet est nécessaire la première fois).',
  ].join('\n');
}

/**
 * The binding to use, or the message to show when it is missing. Checked at startup rather than at
 * the first query so the user gets an explanation instead of a cryptic « NODE_MODULE_VERSION » error.
 */
export function resolveNativeBinding(
  info: RuntimeInfo,
  exists: (path: string) => boolean,
): { ok: true; path: string | undefined } | { ok: false; path: string; message: string } {
  const path = electronNativeBinding(info);
  if (path === undefined || exists(path)) return { ok: true, path };
  return { ok: false, path, message: missingNativeBindingMessage(path) };
}
