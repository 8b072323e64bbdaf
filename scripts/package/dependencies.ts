/**
 * Which installed packages the packaged app needs at run time: the closure of package.json's
 * `dependencies` through node_modules, as Node resolves them (nested node_modules first), less the
 * ones bundled into out/main and the ones only `npm install` uses. electron-builder.ts excludes the
 * rest; scripts/package-check.ts verifies that the package holds exactly these. Packages are told
 * apart by name and version, not by folder: electron-builder lays node_modules out anew in the package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Bundled into out/main by electron-vite (electron.vite.config.ts): packing them again only adds weight. */
export const BUNDLED_DEPENDENCIES = ['docx', 'zod'];
/** Used by better-sqlite3's install script to fetch a Node build; the app loads its own from native/. */
export const INSTALL_ONLY = ['prebuild-install'];

interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The folder `name` resolves to from `fromDir`, as Node looks it up: the nearest node_modules upwards, not above `root`. */
function resolvePackage(root: string, fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || relative(root, dir).startsWith('..')) return null;
  }
}

export interface InstalledPackage {
  name: string;
  version: string;
}

/** `name@version`, how packages are compared. */
export function packageId({ name, version }: InstalledPackage): string {
  return `${name}@${version}`;
}

/**
 * The installed packages reachable from `names`, by folder. Optional dependencies that are not
 * installed (another platform's resvg) are skipped.
 */
export function packageClosure(root: string, names: readonly string[], skip: readonly string[] = []): Map<string, InstalledPackage> {
  const found = new Map<string, InstalledPackage>();
  const visit = (fromDir: string, name: string): void => {
    if (skip.includes(name)) return;
    const dir = resolvePackage(root, fromDir, name);
    if (!dir || found.has(dir)) return;
    const { version = '', dependencies = {}, optionalDependencies = {} } = manifest(dir);
    found.set(dir, { name, version });
    for (const dependency of new Set([...Object.keys(dependencies), ...Object.keys(optionalDependencies)])) visit(dir, dependency);
  };
  for (const name of names) visit(root, name);
  return found;
}

function runtimeClosure(root: string): Map<string, InstalledPackage> {
  const { dependencies = {} } = manifest(root);
  const roots = Object.keys(dependencies).filter((name) => !BUNDLED_DEPENDENCIES.includes(name));
  return packageClosure(root, roots, INSTALL_ONLY);
}

/** What the packaged app loads from node_modules, as `name@version`. */
export function runtimePackages(root: string): Set<string> {
  return new Set([...runtimeClosure(root).values()].map(packageId));
}

/** Names of the packages electron-builder would collect from `dependencies` that the app does not need under any version. */
export function unneededPackageNames(root: string): string[] {
  const { dependencies = {} } = manifest(root);
  const needed = new Set([...runtimeClosure(root).values()].map(({ name }) => name));
  const all = [...packageClosure(root, Object.keys(dependencies)).values()].map(({ name }) => name);
  return [...new Set(all)].filter((name) => !needed.has(name)).sort();
}
