/**
 * Checks an unpacked app as electron-builder left it (dist/linux-unpacked, dist/win-unpacked):
 * what app.asar holds, which files sit beside it unpacked, what each native file is built for, and
 * the size of the app's own payload. Every rule says, when broken, which file breaks it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile, getRawHeader, uncache } from '@electron/asar';
import { binaryTarget, describeTarget, readHeader } from './binary';
import { runtimePackages } from './dependencies';

export interface Target {
  platform: 'linux' | 'win32';
  arch: string;
  /** The Electron version in the name of the native/ folder the app loads SQLite from. */
  nativeVersion: string;
}

export interface AppFile {
  /** Inside the app, with forward slashes and no leading slash: `out/main/index.js`. */
  path: string;
  size: number;
  unpacked: boolean;
}

export interface Verification {
  problems: string[];
  /** app.asar and app.asar.unpacked: what the app adds to Electron. */
  payloadBytes: number;
  files: AppFile[];
}

/** Under this, and the installer stays small enough to mail or put on any share. */
export const PAYLOAD_LIMIT_BYTES = 40_000_000;

const APP_FOLDERS = new Set(['out', 'node_modules', 'native', 'package.json']);
const OUT_FOLDERS = new Set(['main', 'preload', 'renderer']);
const REQUIRED = ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const NATIVE_NAME = /\.(node|dll|so|dylib|exe)$/i;
const NOT_RUNTIME = /\.(map|md|markdown|[cm]?tsx?)$/i;
const PACKAGE_MANIFEST = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/;

export function resourcesDir(appOutDir: string): string {
  return join(appOutDir, 'resources');
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

/** Every file of app.asar, packed or unpacked, from its header. */
export function listAppFiles(archive: string): AppFile[] {
  // @electron/asar keeps each archive's header in memory: a rewritten archive must be read afresh.
  uncache(archive);
  const files: AppFile[] = [];
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else if (child.link === undefined) files.push({ path, size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archive).header as HeaderNode, '');
  return files;
}

function readAppFile(resources: string, file: AppFile): Buffer {
  return file.unpacked ? readFileSync(join(resources, 'app.asar.unpacked', file.path)) : extractFile(join(resources, 'app.asar'), file.path);
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

export function verifyPackage(root: string, appOutDir: string, target: Target): Verification {
  const resources = resourcesDir(appOutDir);
  const archive = join(resources, 'app.asar');
  const files = listAppFiles(archive);
  const paths = new Set(files.map((file) => file.path));
  const problems: string[] = [];

  for (const required of REQUIRED) if (!paths.has(required)) problems.push(`${required} manque dans app.asar.`);

  for (const file of files) {
    const [top, second] = file.path.split('/');
    const outside = !APP_FOLDERS.has(top!) || (top === 'out' && !OUT_FOLDERS.has(second!));
    if (outside) problems.push(`${file.path} n’a rien à faire dans le paquet : seuls out/main, out/preload, out/renderer, native/ et les modules d’exécution y vont.`);
    else if (NOT_RUNTIME.test(file.path)) problems.push(`${file.path} n’est pas du code exécuté (source, carte de source ou documentation) : il n’a rien à faire dans le paquet.`);
  }

  // Runtime modules: exactly the closure of `dependencies`, less what is bundled or install-only.
  const expected = runtimePackages(root);
  const packed = new Set<string>();
  for (const file of files.filter((f) => PACKAGE_MANIFEST.test(f.path))) {
    const { name, version } = JSON.parse(readAppFile(resources, file).toString('utf8')) as { name: string; version: string };
    packed.add(`${name}@${version}`);
  }
  for (const id of [...packed].filter((id) => !expected.has(id)).sort()) problems.push(`Module inutile à l’exécution dans le paquet : ${id}.`);
  for (const id of [...expected].filter((id) => !packed.has(id)).sort()) problems.push(`Module nécessaire à l’exécution absent du paquet : ${id}.`);

  // Native files: outside the archive (Electron loads them from disk), and built for the target.
  const wanted = `${target.platform}-${target.arch}`;
  for (const file of files) {
    const nativeByName = NATIVE_NAME.test(file.path);
    if (!file.unpacked) {
      if (nativeByName) problems.push(`${file.path} est un fichier natif resté dans app.asar : il doit être dans app.asar.unpacked.`);
      continue;
    }
    const onDisk = join(resources, 'app.asar.unpacked', file.path);
    if (!existsSync(onDisk)) {
      problems.push(`${file.path} est annoncé hors de l’archive mais absent de app.asar.unpacked.`);
      continue;
    }
    const found = binaryTarget(readHeader(onDisk));
    if ((nativeByName || found) && `${found?.platform}-${found?.arch}` !== wanted) {
      problems.push(`${file.path} est un binaire ${describeTarget(found)}, pas ${wanted} : le paquet visé ne pourrait pas le charger.`);
    }
  }

  const sqlite = `native/${target.platform}-${target.arch}-electron-${target.nativeVersion}/better_sqlite3.node`;
  if (!paths.has(sqlite)) problems.push(`Le module SQLite que l’application charge manque : ${sqlite}.`);
  for (const other of files.filter((f) => f.path.startsWith('native/') && f.path !== sqlite)) {
    problems.push(`${other.path} : native/ ne doit contenir que le module SQLite de la cible (${sqlite}).`);
  }

  const resvg = [...packed].filter((id) => id.startsWith('@resvg/resvg-js-'));
  const resvgWanted = `@resvg/resvg-js-${wanted}-`;
  if (!resvg.some((id) => id.startsWith(resvgWanted))) problems.push(`Le moteur de dessin des graphiques pour ${wanted} (${resvgWanted}…) manque : les bilans n’auraient pas de graphiques.`);
  for (const id of resvg.filter((id) => !id.startsWith(resvgWanted))) problems.push(`${id} est le moteur de dessin d’une autre plateforme que ${wanted}.`);

  const unpackedDir = join(resources, 'app.asar.unpacked');
  const payloadBytes = statSync(archive).size + (files.some((f) => f.unpacked) ? folderBytes(unpackedDir) : 0);
  if (payloadBytes >= PAYLOAD_LIMIT_BYTES) problems.push(`L’application pèse ${megabytes(payloadBytes)}, au-delà des ${megabytes(PAYLOAD_LIMIT_BYTES)} permis.`);

  return { problems, payloadBytes, files };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} Mo`;
}
