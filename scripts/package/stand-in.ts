/**
 * What `npm run package:check` builds with when Electron's binary is not installed (it cannot be
 * downloaded here): a stand-in Electron folder, and Node's build of the SQLite module standing in
 * for Electron's. Both say what they are; neither can pass for the real thing outside the check.
 */
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SENTINEL } from '@electron/fuses/dist/constants';
import { nativeFolder, type TargetPlatform } from '../../electron-builder';

/** The version the stand-in's SQLite module is filed under: never the real one, so `npm start` never loads it. */
export function standInVersion(electronVersion: string): string {
  return `${electronVersion}-stand-in`;
}

/**
 * Electron's fuse wire as an unpackaged Electron 45 carries it: the sentinel, the wire's version (1),
 * its length, then one byte per fuse ('1' on, '0' off) in @electron/fuses' order. electron-builder
 * flips it in the stand-in as in the real executable, and the check reads it back.
 */
const DEFAULT_FUSES = '10110001';

/**
 * An unpacked Electron as electron-builder expects it for Linux: the executable (here a script
 * that says it is a stand-in, with Electron's fuse wire inside), locales, resources/, version.
 */
export function makeStandInElectron(dir: string, platform: TargetPlatform, electronVersion: string): void {
  if (platform !== 'linux') {
    throw new Error(
      'Sans Electron installé, la vérification ne sait construire que pour Linux : sous Windows, installez Electron ' +
        '(npm ci le télécharge) ou indiquez son dossier dans ELECTRON_DIST.',
    );
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from(`#!/bin/sh\necho "Remplaçant d’Electron ${electronVersion} pour npm run package:check : ce n’est pas Electron." >&2\nexit 1\n# `),
      Buffer.from(SENTINEL, 'latin1'),
      Buffer.from([1, DEFAULT_FUSES.length]),
      Buffer.from(DEFAULT_FUSES, 'latin1'),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(executable, 0o755);
  // electron-builder keeps the locales electronLanguages names and deletes the others.
  for (const locale of ['fr', 'en-US', 'de']) writeFileSync(join(dir, 'locales', `${locale}.pak`), '');
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Remplaçant d’Electron pour la vérification du paquet.\n');
}

/** Node's build of better-sqlite3, filed where the packaging configuration looks for the stand-in's. */
export function prepareStandInSqlite(root: string, platform: TargetPlatform, arch: string, electronVersion: string): string {
  const folder = join(root, nativeFolder(platform, arch, standInVersion(electronVersion)));
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(folder, 'better_sqlite3.node'));
  return folder;
}
