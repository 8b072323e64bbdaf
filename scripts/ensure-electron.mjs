#!/usr/bin/env node
/**
 * Run by `npm start` (prestart) so that `npm start` works on a fresh checkout:
 *  1. Electron's binary: package.json's `allowScripts` skips Electron's own download at install
 *     (so `npm install` succeeds offline), hence it is fetched here, on first start.
 *  2. better-sqlite3 for Electron's ABI: node_modules keeps the Node build (tests, CLI), the app
 *     needs another build of the same version, kept apart in native/<platform>-<arch>-electron-<version>/
 *     and passed to better-sqlite3 as `nativeBinding` (see src/main/electron/native-binding.ts).
 * When everything is there it prints nothing and exits at once. On failure it explains what to
 * do, in French and English, and exits 1 without a stack trace.
 *
 * Plain Node ESM on purpose: it must run before anything is built. The pure parts are exported
 * for test/unit/ensure-electron.test.ts; `main()` runs only when the file is executed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

export const BINDING_FILE = 'better_sqlite3.node';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const DEFAULT_ELECTRON_MIRROR = 'https://github.com/electron/electron/releases/download/';

/**
 * Upper bounds, so a stalled connection cannot keep `npm start` waiting forever. An unreachable
 * host fails in seconds (refused, unknown name, or fetch's 10 s connect timeout); these caps only
 * matter for a connection that opens and then stalls.
 */
export const TIMEOUTS_MS = {
  electronDownload: 10 * 60_000, // about 100 MB
  prebuildDownload: 2 * 60_000, // about 2 MB
  compile: 15 * 60_000, // headers download + compiling SQLite: 2 to 5 minutes on a laptop
};

/** Thrown for failures the user can act on: printed as is, without a stack trace. */
export class UserFacingError extends Error {}

// ---------------------------------------------------------------------------------------------
// Pure parts (tested under Node)
// ---------------------------------------------------------------------------------------------

export function projectPaths(root) {
  const modules = join(root, 'node_modules');
  return {
    electronDir: join(modules, 'electron'),
    sqliteDir: join(modules, 'better-sqlite3'),
    prebuildInstallBin: join(modules, 'prebuild-install', 'bin.js'),
  };
}

/** The Electron version the project is installed with: the one the app runs under, hence the ABI to build for. */
export function readElectronVersion(root) {
  const file = join(projectPaths(root).electronDir, 'package.json');
  try {
    const version = JSON.parse(readFileSync(file, 'utf8')).version;
    if (typeof version === 'string' && version) return version;
  } catch {
    // Reported below: the cause is always the same, a missing or broken npm install.
  }
  throw new UserFacingError(
    bilingual(
      'Le paquet electron est absent de node_modules : lancez d’abord « npm install ».',
      'The electron package is missing from node_modules: run "npm install" first.',
    ),
  );
}

/**
 * Same layout as src/main/electron/native-binding.ts, which loads the file this script builds, and as
 * electron-builder.ts, which packages it. The release build runs this script on the target platform.
 */
export function nativeBindingPath(root, platform, arch, electronVersion) {
  return join(root, 'native', `${platform}-${arch}-electron-${electronVersion}`, BINDING_FILE);
}

/**
 * Whether Electron's executable is there, following the same rules as the tools that launch it:
 * electron-vite uses ELECTRON_EXEC_PATH when set, otherwise node_modules/electron/path.txt
 * names the executable inside node_modules/electron/dist.
 */
export function electronBinaryState(root, env, expectedVersion) {
  if (env.ELECTRON_EXEC_PATH) {
    const path = env.ELECTRON_EXEC_PATH;
    return existsSync(path) ? { present: true, path } : { present: false, path, reason: 'ELECTRON_EXEC_PATH names a missing file' };
  }
  const { electronDir } = projectPaths(root);
  let executable;
  try {
    executable = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    return { present: false, path: null, reason: 'path.txt is missing' };
  }
  const path = join(electronDir, 'dist', executable);
  if (!existsSync(path)) return { present: false, path, reason: 'path.txt names a missing file' };
  // After an upgrade of the electron package an old dist would run with the wrong ABI.
  const distVersion = readOptional(join(electronDir, 'dist', 'version'))?.trim().replace(/^v/, '');
  if (expectedVersion && distVersion && distVersion !== expectedVersion) {
    return { present: false, path, reason: `dist holds Electron ${distVersion}, not ${expectedVersion}` };
  }
  return { present: true, path };
}

/** What is left to do before Electron can start; empty when everything is in place. */
export function planActions({ electronPresent, bindingPresent }) {
  const actions = [];
  if (!electronPresent) actions.push('download-electron');
  if (!bindingPresent) actions.push('build-native');
  return actions;
}

export function electronZipName(version, platform, arch) {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/**
 * Where @electron/get looks for the zip before downloading it, so a user without access to the
 * download host can copy the zip there: `<cache root>/<sha256 of the URL's folder>/<zip>`.
 * Mirrors @electron/get 5 (Cache.getCacheDirectory) for the default URL and ELECTRON_MIRROR.
 */
export function electronCacheFile({ version, platform, arch, env, home }) {
  const mirror = env.npm_config_electron_mirror || env.ELECTRON_MIRROR || DEFAULT_ELECTRON_MIRROR;
  const url = new URL(`${mirror}v${version}/${electronZipName(version, platform, arch)}`);
  url.hash = '';
  url.search = '';
  url.pathname = url.pathname.slice(0, url.pathname.lastIndexOf('/'));
  const folder = createHash('sha256').update(url.toString()).digest('hex');
  return join(electronCacheRoot({ platform, env, home }), folder, electronZipName(version, platform, arch));
}

function electronCacheRoot({ platform, env, home }) {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

export function prebuildInstallArgs(version, arch) {
  return ['--runtime', 'electron', '--target', version, '--arch', arch];
}

export function nodeGypArgs(version, arch) {
  return ['rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`];
}

/**
 * Where node-gyp may be, best first: npm passes its own to scripts (npm_config_node_gyp), a local
 * install, then the copy bundled with npm next to the running node.
 */
export function nodeGypCandidates({ root, env, execPath, platform }) {
  const nodeDir = dirname(execPath);
  const bundled =
    platform === 'win32'
      ? join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
      : join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return [env.npm_config_node_gyp, join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), bundled].filter(
    (candidate) => typeof candidate === 'string' && candidate.length > 0,
  );
}

/**
 * npm exports its config to scripts as npm_config_*, and node-gyp and prebuild-install read them
 * as defaults: a `nodedir` in ~/.npmrc would make node-gyp compile against Node's headers instead
 * of Electron's, giving a module Electron refuses to load. Drop every build-target setting.
 */
const TARGET_SETTINGS = ['nodedir', 'target', 'target_arch', 'arch', 'runtime', 'disturl', 'dist_url', 'build_from_source', 'platform', 'libc'];
export function buildEnv(env) {
  const blocked = new Set(TARGET_SETTINGS.map((name) => `npm_config_${name}`));
  return Object.fromEntries(Object.entries(env).filter(([key]) => !blocked.has(key.toLowerCase().replaceAll('-', '_'))));
}

/** Lines that say nothing about why a child failed: stack frames and node-gyp's environment report. */
const NOISE = [/^\s*(gyp ERR! stack\s+)?at\s/, /^\s*\^+\s*$/, /^gyp info /, /^gyp ERR! (System|command|cwd|node -v|node-gyp -v|not ok)\b/];

/** The useful lines of a failed child's output: no stack frames, only the end. */
export function errorSummary(output, maxLines = 12) {
  const lines = String(output)
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim().length > 0 && !NOISE.some((pattern) => pattern.test(line)));
  return lines.slice(-maxLines).join('\n');
}

export function bilingual(french, english) {
  return `${french}\n(EN) ${english}`;
}

export function downloadFailureMessage({ version, platform, arch, cacheFile, cause }) {
  const zip = electronZipName(version, platform, arch);
  return [
    `✖ Impossible de télécharger Electron ${version} (${platform}-${arch}) : le serveur de téléchargement d’Electron est injoignable.`,
    cause ? `  Cause : ${indent(cause, '          ').trimStart()}` : null,
    '  Que faire :',
    '   • vérifiez la connexion Internet, puis relancez « npm start » ;',
    '   • derrière un proxy : définissez HTTPS_PROXY, avec NODE_USE_ENV_PROXY=1 (Node ≥ 22.21) ou ELECTRON_GET_USE_PROXY=1',
    '     (ce dernier demande le paquet « undici ») ;',
    '   • via un miroir : ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start ;',
    `   • hors ligne : copiez ${zip} (récupéré ailleurs) ici :`,
    `       ${cacheFile}`,
    '     puis relancez « npm start » (voir la documentation de @electron/get : https://github.com/electron/get#how-it-works) ;',
    `   • ou désignez un Electron ${version} déjà installé : ELECTRON_EXEC_PATH=/chemin/vers/electron npm start.`,
    '',
    `(EN) Could not download Electron ${version}: the Electron download host could not be reached.`,
    '     Check the network and run "npm start" again; behind a proxy set HTTPS_PROXY (with NODE_USE_ENV_PROXY=1 on',
    '     Node >= 22.21, or ELECTRON_GET_USE_PROXY=1 with the undici package); or set ELECTRON_MIRROR; or copy',
    `     ${zip} into the @electron/get cache path above; or set ELECTRON_EXEC_PATH to an Electron ${version} executable.`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}

export function buildFailureMessage({ version, arch, target, attempts }) {
  return [
    `✖ Impossible de préparer better-sqlite3 pour Electron ${version} (${arch}).`,
    ...attempts.map((attempt) => `  ${attempt.label} : ${indent(attempt.cause || 'échec sans message', '    ').trimStart()}`),
    '  Que faire :',
    '   • le module précompilé se télécharge depuis github.com et les en-têtes d’Electron depuis electronjs.org :',
    '     vérifiez la connexion Internet (ou HTTPS_PROXY), puis relancez « npm start » ;',
    '   • la compilation demande Python 3 et un compilateur C++ (Linux : build-essential ; macOS : xcode-select --install ;',
    '     Windows : Visual Studio Build Tools, charge « Développement Desktop en C++ ») ;',
    `   • ou copiez un better_sqlite3.node compilé pour Electron ${version} ici : ${target}`,
    '',
    `(EN) Could not get better-sqlite3 for Electron ${version}: the prebuilt download (github.com) and the build from`,
    '     source (Electron headers from electronjs.org, Python 3 and a C++ compiler) both failed; see the causes above.',
    `     You may also copy an Electron-ABI better_sqlite3.node to ${target}.`,
  ].join('\n');
}

function indent(text, prefix) {
  return String(text)
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function readOptional(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Side effects
// ---------------------------------------------------------------------------------------------

/**
 * Runs a child with its output captured (shown only on failure) and a hard time limit. The child
 * gets its own process group on POSIX so that a timeout also stops what it started (make, g++…).
 */
export function run(command, args, { cwd, env = process.env, timeoutMs, label }) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const ownGroup = process.platform !== 'win32';
    let output = '';
    let timedOut = false;
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup, windowsHide: true });
    const keep = (chunk) => {
      // The end of the output is what explains a failure; a compiler can print megabytes.
      output = (output + chunk.toString()).slice(-64_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const stop = () => {
      try {
        if (ownGroup) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    // A long step that prints nothing looks like a hang: say it is still going.
    const heartbeat = setInterval(() => {
      console.log(`  … ${label} : toujours en cours (${Math.round((Date.now() - started) / 1000)} s)`);
    }, 30_000);
    // The child is outside the terminal's process group, so Ctrl+C on `npm start` reaches only us:
    // pass it on rather than leave a download or a compiler running.
    const interrupt = () => {
      stop();
      process.exit(130);
    };
    process.once('SIGINT', interrupt);
    const finish = (result) => {
      clearTimeout(timer);
      clearInterval(heartbeat);
      process.removeListener('SIGINT', interrupt);
      resolvePromise({ ...result, output, timedOut });
    };
    child.on('error', (error) => finish({ code: null, signal: null, spawnError: error.message }));
    child.on('close', (code, signal) => finish({ code, signal }));
  });
}

function failureCause(result, timeoutMs) {
  if (result.spawnError) return result.spawnError;
  if (result.timedOut) return `délai dépassé (${Math.round(timeoutMs / 60_000)} min) / timed out`;
  return errorSummary(result.output) || `code de sortie ${result.code ?? result.signal}`;
}

async function downloadElectron(root, version) {
  const { electronDir } = projectPaths(root);
  console.log(`Electron ${version} n’est pas encore installé : téléchargement (environ 100 Mo)…`);
  const result = await run(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    timeoutMs: TIMEOUTS_MS.electronDownload,
    label: 'téléchargement d’Electron',
  });
  const state = electronBinaryState(root, process.env, version);
  if (result.code === 0 && state.present) {
    console.log(`Electron ${version} est installé.`);
    return;
  }
  throw new UserFacingError(
    downloadFailureMessage({
      version,
      platform: process.platform,
      arch: process.arch,
      cacheFile: electronCacheFile({ version, platform: process.platform, arch: process.arch, env: process.env, home: homedir() }),
      cause: failureCause(result, TIMEOUTS_MS.electronDownload),
    }),
  );
}

async function buildNativeBinding(root, version, arch) {
  const { sqliteDir, prebuildInstallBin } = projectPaths(root);
  const target = nativeBindingPath(root, process.platform, arch, version);
  console.log(`Préparation de better-sqlite3 pour Electron ${version} (${arch})…`);
  // Work on a copy: building in node_modules would replace the Node-ABI module tests and the CLI load.
  const work = mkdtempSync(join(tmpdir(), 'maillage-sqlite-'));
  try {
    const copy = join(work, 'better-sqlite3');
    const skipped = [join(sqliteDir, 'build'), join(sqliteDir, 'node_modules')];
    cpSync(sqliteDir, copy, { recursive: true, filter: (source) => !skipped.some((dir) => isInside(source, dir)) });
    const env = buildEnv(process.env);
    const built = join(copy, 'build', 'Release', BINDING_FILE);
    const attempts = [];

    const prebuilt = await run(process.execPath, [prebuildInstallBin, ...prebuildInstallArgs(version, arch)], {
      cwd: copy,
      env,
      timeoutMs: TIMEOUTS_MS.prebuildDownload,
      label: 'téléchargement du module précompilé',
    });
    if (!(prebuilt.code === 0 && existsSync(built))) {
      attempts.push({ label: 'Module précompilé (prebuild-install)', cause: failureCause(prebuilt, TIMEOUTS_MS.prebuildDownload) });
      const nodeGyp = nodeGypCandidates({ root, env: process.env, execPath: process.execPath, platform: process.platform }).find((candidate) =>
        existsSync(candidate),
      );
      if (!nodeGyp) {
        attempts.push({ label: 'Compilation (node-gyp)', cause: 'node-gyp introuvable (il est normalement fourni avec npm) / node-gyp not found' });
      } else {
        console.log('  Pas de module précompilé : compilation depuis les sources (2 à 5 minutes)…');
        const compiled = await run(process.execPath, [nodeGyp, ...nodeGypArgs(version, arch)], {
          cwd: copy,
          env,
          timeoutMs: TIMEOUTS_MS.compile,
          label: 'compilation de better-sqlite3',
        });
        if (!(compiled.code === 0 && existsSync(built))) {
          attempts.push({ label: 'Compilation (node-gyp)', cause: failureCause(compiled, TIMEOUTS_MS.compile) });
        }
      }
    }
    if (!existsSync(built)) throw new UserFacingError(buildFailureMessage({ version, arch, target, attempts }));

    mkdirSync(dirname(target), { recursive: true });
    // Copy then rename: an interrupted copy must never look like a usable module on the next start.
    copyFileSync(built, `${target}.partial`);
    renameSync(`${target}.partial`, target);
    console.log(`better-sqlite3 pour Electron ${version} est prêt : ${relative(root, target)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function isInside(path, dir) {
  return path === dir || path.startsWith(dir + sep);
}

export async function main(root = resolve(dirname(fileURLToPath(import.meta.url)), '..')) {
  const version = readElectronVersion(root);
  const arch = process.arch;
  const electron = electronBinaryState(root, process.env, version);
  // electron-vite would still launch that path: downloading into node_modules would not help.
  if (!electron.present && process.env.ELECTRON_EXEC_PATH) {
    throw new UserFacingError(
      bilingual(
        `ELECTRON_EXEC_PATH désigne un fichier introuvable : ${process.env.ELECTRON_EXEC_PATH}. Corrigez ce chemin ou retirez la variable.`,
        `ELECTRON_EXEC_PATH names a missing file: ${process.env.ELECTRON_EXEC_PATH}. Fix the path or unset it.`,
      ),
    );
  }
  const bindingPresent = existsSync(nativeBindingPath(root, process.platform, arch, version));
  for (const action of planActions({ electronPresent: electron.present, bindingPresent })) {
    if (action === 'download-electron') await downloadElectron(root, version);
    if (action === 'build-native') await buildNativeBinding(root, version, arch);
  }
}

const executedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (executedDirectly) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof UserFacingError ? error.message : `✖ ensure-electron : ${error?.message ?? error}`);
      process.exit(1);
    },
  );
}
