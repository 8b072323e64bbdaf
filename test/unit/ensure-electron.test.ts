/**
 * scripts/ensure-electron.mjs (run by `npm start`): its pure parts, and the whole script against
 * fake node_modules so that the download and build steps run offline, without Electron.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { electronNativeBinding } from '../../src/main/electron/native-binding';

type Env = Record<string, string | undefined>;
interface RunResult {
  code: number | null;
  output: string;
  timedOut: boolean;
}
/** The script's exports, as the test uses them (the script is plain JavaScript). */
interface EnsureElectron {
  BINDING_FILE: string;
  UserFacingError: new (message: string) => Error;
  readElectronVersion(root: string): string;
  nativeBindingPath(root: string, platform: string, arch: string, version: string): string;
  electronBinaryState(root: string, env: Env, expectedVersion?: string): { present: boolean; path: string | null; reason?: string };
  planActions(state: { electronPresent: boolean; bindingPresent: boolean }): string[];
  electronCacheFile(options: { version: string; platform: string; arch: string; env: Env; home: string }): string;
  prebuildInstallArgs(version: string, arch: string): string[];
  nodeGypArgs(version: string, arch: string): string[];
  nodeGypCandidates(options: { root: string; env: Env; execPath: string; platform: string }): string[];
  buildEnv(env: Env): Env;
  errorSummary(output: string, maxLines?: number): string;
  downloadFailureMessage(options: { version: string; platform: string; arch: string; cacheFile: string; cause?: string }): string;
  buildFailureMessage(options: { version: string; arch: string; target: string; attempts: { label: string; cause: string }[] }): string;
  run(command: string, args: string[], options: { cwd?: string; env?: Env; timeoutMs: number; label: string }): Promise<RunResult>;
  main(root?: string): Promise<void>;
}

const SCRIPT = resolve('scripts/ensure-electron.mjs');
let script: EnsureElectron;
beforeAll(async () => {
  // A computed specifier: the .mjs has no type declarations, the interface above types it.
  script = (await import(pathToFileURL(SCRIPT).href)) as EnsureElectron;
});

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-ensure-'));
  temps.push(dir);
  return dir;
}

function write(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A project with node_modules/electron at `version`, optionally with its binary downloaded. */
function fakeProject(options: { version?: string; electronBinary?: boolean; distVersion?: string } = {}): string {
  const root = tempDir();
  const version = options.version ?? '45.4.1';
  write(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version }));
  if (options.electronBinary) {
    write(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    write(join(root, 'node_modules', 'electron', 'dist', 'electron'), 'binary');
    write(join(root, 'node_modules', 'electron', 'dist', 'version'), `v${options.distVersion ?? version}`);
  }
  return root;
}

describe('versions and paths', () => {
  it('reads the installed Electron version', () => {
    expect(script.readElectronVersion(fakeProject({ version: '45.4.1' }))).toBe('45.4.1');
    const installed = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string };
    expect(script.readElectronVersion(resolve('.'))).toBe(installed.version);
  });

  it('asks for npm install when electron is not in node_modules', () => {
    const root = tempDir();
    expect(() => script.readElectronVersion(root)).toThrow(script.UserFacingError);
    expect(() => script.readElectronVersion(root)).toThrow(/npm install/);
  });

  it('puts the Electron module where the app looks for it', () => {
    const root = join('/opt', 'maillage');
    for (const [platform, arch] of [
      ['win32', 'x64'],
      ['linux', 'x64'],
      ['darwin', 'arm64'],
    ] as const) {
      const fromScript = script.nativeBindingPath(root, platform, arch, '45.4.1');
      expect(fromScript).toBe(electronNativeBinding({ versions: { electron: '45.4.1' }, platform, arch, appRoot: root }));
      expect(fromScript).toBe(join(root, 'native', `${platform}-${arch}-electron-45.4.1`, script.BINDING_FILE));
    }
  });

  it('never targets the Node-ABI module in node_modules', () => {
    expect(script.nativeBindingPath('/p', 'win32', 'x64', '45.4.1')).not.toContain('node_modules');
  });
});

describe('electronBinaryState', () => {
  it('is missing without path.txt (npm install skipped the download)', () => {
    expect(script.electronBinaryState(fakeProject(), {}, '45.4.1')).toMatchObject({ present: false });
  });

  it('is present when path.txt names an existing executable of the right version', () => {
    const root = fakeProject({ electronBinary: true });
    expect(script.electronBinaryState(root, {}, '45.4.1')).toEqual({
      present: true,
      path: join(root, 'node_modules', 'electron', 'dist', 'electron'),
    });
  });

  it('is missing when path.txt names a file that is gone', () => {
    const root = fakeProject({ electronBinary: true });
    rmSync(join(root, 'node_modules', 'electron', 'dist', 'electron'));
    expect(script.electronBinaryState(root, {}, '45.4.1')).toMatchObject({ present: false, reason: 'path.txt names a missing file' });
  });

  it('is missing when dist holds another Electron version (after an upgrade)', () => {
    const root = fakeProject({ electronBinary: true, distVersion: '44.0.0' });
    expect(script.electronBinaryState(root, {}, '45.4.1')).toMatchObject({ present: false });
  });

  it('follows ELECTRON_EXEC_PATH like electron-vite does', () => {
    const root = fakeProject();
    const executable = join(root, 'elsewhere', 'electron');
    write(executable, 'binary');
    expect(script.electronBinaryState(root, { ELECTRON_EXEC_PATH: executable }, '45.4.1')).toEqual({ present: true, path: executable });
    expect(script.electronBinaryState(root, { ELECTRON_EXEC_PATH: `${executable}-missing` }, '45.4.1')).toMatchObject({ present: false });
  });
});

describe('planActions', () => {
  it('does nothing when everything is there, so `npm start` starts at once', () => {
    expect(script.planActions({ electronPresent: true, bindingPresent: true })).toEqual([]);
  });

  it('downloads Electron first, then builds the module, only what is missing', () => {
    expect(script.planActions({ electronPresent: false, bindingPresent: false })).toEqual(['download-electron', 'build-native']);
    expect(script.planActions({ electronPresent: false, bindingPresent: true })).toEqual(['download-electron']);
    expect(script.planActions({ electronPresent: true, bindingPresent: false })).toEqual(['build-native']);
  });
});

describe('electronCacheFile (where to copy the zip offline)', () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const zip = 'electron-v45.4.1-linux-x64.zip';
  const base = { version: '45.4.1', platform: 'linux', arch: 'x64', home: '/home/ana' };

  it('matches @electron/get: cache root / sha256 of the URL folder / zip name', () => {
    const folder = sha('https://github.com/electron/electron/releases/download/v45.4.1');
    expect(script.electronCacheFile({ ...base, env: {} })).toBe(join('/home/ana/.cache/electron', folder, zip));
    expect(script.electronCacheFile({ ...base, env: { XDG_CACHE_HOME: '/cache' } })).toBe(join('/cache/electron', folder, zip));
    expect(script.electronCacheFile({ ...base, env: { electron_config_cache: '/c' } })).toBe(join('/c', folder, zip));
  });

  it('follows ELECTRON_MIRROR, which changes the folder', () => {
    const folder = sha('https://npmmirror.com/mirrors/electron/v45.4.1');
    expect(script.electronCacheFile({ ...base, env: { ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' } })).toBe(
      join('/home/ana/.cache/electron', folder, zip),
    );
  });

  it('uses the macOS and Windows cache folders', () => {
    expect(script.electronCacheFile({ ...base, platform: 'darwin', env: {} })).toContain(join('Library', 'Caches', 'electron'));
    expect(script.electronCacheFile({ ...base, platform: 'win32', env: { LOCALAPPDATA: 'C:/Users/ana/AppData/Local' } })).toContain(
      join('C:/Users/ana/AppData/Local', 'electron', 'Cache'),
    );
  });
});

describe('native build commands', () => {
  it('asks prebuild-install and node-gyp for Electron’s ABI, not Node’s', () => {
    expect(script.prebuildInstallArgs('45.4.1', 'x64')).toEqual(['--runtime', 'electron', '--target', '45.4.1', '--arch', 'x64']);
    expect(script.nodeGypArgs('45.4.1', 'arm64')).toEqual([
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=45.4.1',
      '--arch=arm64',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it('drops npm settings that would build against Node’s headers (a nodedir in ~/.npmrc)', () => {
    const env = script.buildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.19.0',
      npm_config_runtime: 'node',
      npm_config_build_from_source: 'true',
      npm_config_cache: '/root/.npm',
      HTTPS_PROXY: 'http://proxy:3128',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/root/.npm', HTTPS_PROXY: 'http://proxy:3128' });
  });

  it('prefers the node-gyp npm passes to scripts, then a local one, then npm’s own', () => {
    const candidates = script.nodeGypCandidates({
      root: '/p',
      env: { npm_config_node_gyp: '/npm/node-gyp.js' },
      execPath: '/usr/bin/node',
      platform: 'linux',
    });
    expect(candidates).toEqual([
      '/npm/node-gyp.js',
      join('/p', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      join('/usr', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    ]);
    expect(script.nodeGypCandidates({ root: '/p', env: {}, execPath: '/usr/bin/node', platform: 'linux' })).toHaveLength(2);
  });
});

describe('messages', () => {
  it('keeps the cause of a failure and drops stack frames', () => {
    const output = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at async downloadArtifact (file:///x/index.js:154:12)',
      'gyp info it worked if it ends with ok',
      'gyp ERR! stack at go (/npm/node-gyp/lib/install.js:244:21)',
      'gyp ERR! not ok',
    ].join('\n');
    expect(script.errorSummary(output)).toBe('TypeError: fetch failed');
  });

  it('tells, in French and English, how to get Electron without the download host', () => {
    const message = script.downloadFailureMessage({
      version: '45.4.1',
      platform: 'linux',
      arch: 'x64',
      cacheFile: '/home/ana/.cache/electron/abc/electron-v45.4.1-linux-x64.zip',
      cause: 'TypeError: fetch failed',
    });
    expect(message).toContain('Impossible de télécharger Electron 45.4.1');
    expect(message).toContain('TypeError: fetch failed');
    for (const hint of ['ELECTRON_MIRROR', 'HTTPS_PROXY', 'ELECTRON_EXEC_PATH', '/home/ana/.cache/electron/abc/electron-v45.4.1-linux-x64.zip', 'npm start']) {
      expect(message).toContain(hint);
    }
    expect(message).toContain('(EN) Could not download Electron 45.4.1');
    expect(message).not.toMatch(/^\s+at\s/m);
  });

  it('lists both attempts when the module cannot be prepared', () => {
    const message = script.buildFailureMessage({
      version: '45.4.1',
      arch: 'x64',
      target: '/p/native/win32-x64-electron-45.4.1/better_sqlite3.node',
      attempts: [
        { label: 'Module précompilé (prebuild-install)', cause: 'getaddrinfo ENOTFOUND github.com' },
        { label: 'Compilation (node-gyp)', cause: 'gyp ERR! configure error' },
      ],
    });
    expect(message).toContain('ENOTFOUND github.com');
    expect(message).toContain('configure error');
    expect(message).toContain('/p/native/win32-x64-electron-45.4.1/better_sqlite3.node');
    expect(message).toMatch(/Python 3 et un compilateur C\+\+/);
  });
});

describe('run', () => {
  it('captures the output of a failing child', async () => {
    const result = await script.run(process.execPath, ['-e', 'console.error("boom"); process.exit(3)'], { timeoutMs: 10_000, label: 'test' });
    expect(result).toMatchObject({ code: 3, timedOut: false });
    expect(result.output).toContain('boom');
  });

  it('stops a child that outlives its time limit, so `npm start` cannot hang', async () => {
    const started = Date.now();
    const result = await script.run(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { timeoutMs: 300, label: 'test' });
    expect(result.timedOut).toBe(true);
    expect(result.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a command that cannot be started', async () => {
    const result = await script.run(join(tempDir(), 'no-such-program'), [], { timeoutMs: 1_000, label: 'test' });
    expect(result.code).toBeNull();
  });
});

describe('the script, against fake node_modules', () => {
  /** A project where the script is copied, so that it takes that folder as its root. */
  function project(options: { electronBinary: boolean; installJs?: string; prebuildInstall?: string; nodeGyp?: string }): { root: string; env: Env } {
    const root = fakeProject({ electronBinary: options.electronBinary });
    mkdirSync(join(root, 'scripts'));
    copyFileSync(SCRIPT, join(root, 'scripts', 'ensure-electron.mjs'));
    write(join(root, 'node_modules', 'electron', 'install.js'), options.installJs ?? 'process.exit(0)');
    write(join(root, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
    write(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'NODE-ABI');
    write(join(root, 'node_modules', 'prebuild-install', 'bin.js'), options.prebuildInstall ?? 'process.exit(1)');
    const nodeGyp = join(root, 'fake-node-gyp.js');
    write(nodeGyp, options.nodeGyp ?? 'process.exit(1)');
    const env: Env = { ...process.env, npm_config_node_gyp: nodeGyp, npm_config_nodedir: '/usr' };
    delete env['ELECTRON_EXEC_PATH'];
    return { root, env };
  }

  function runScript(root: string, env: Env) {
    return spawnSync(process.execPath, [join(root, 'scripts', 'ensure-electron.mjs')], { env, encoding: 'utf8', timeout: 30_000 });
  }

  /** Stands for a successful prebuild-install or node-gyp: writes the module where they do, with what it saw. */
  const writesModule = `
    const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
    const seen = { args: process.argv.slice(2), hadNodeBuild: existsSync('build'), nodedir: process.env.npm_config_nodedir ?? null };
    mkdirSync('build/Release', { recursive: true });
    writeFileSync('build/Release/better_sqlite3.node', JSON.stringify(seen));
  `;

  it('fails cleanly, in a few seconds, when Electron cannot be downloaded', () => {
    const installJs = 'console.error("TypeError: fetch failed\\n    at FetchDownloader.download (file:///x.js:46:30)"); process.exit(1);';
    const { root, env } = project({ electronBinary: false, installJs });
    const result = runScript(root, env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Impossible de télécharger Electron 45.4.1');
    expect(result.stderr).toContain('Cause : TypeError: fetch failed');
    expect(result.stderr).toContain('(EN) Could not download Electron');
    expect(result.stderr).not.toMatch(/^\s+at\s/m);
    expect(existsSync(join(root, 'native'))).toBe(false);
  });

  it('uses the prebuilt Electron module when available, on a copy, leaving node_modules alone', () => {
    const { root, env } = project({ electronBinary: true, prebuildInstall: writesModule });
    const result = runScript(root, env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const built = JSON.parse(readFileSync(join(root, 'native', `${process.platform}-${process.arch}-electron-45.4.1`, 'better_sqlite3.node'), 'utf8')) as Record<string, unknown>;
    expect(built).toEqual({ args: ['--runtime', 'electron', '--target', '45.4.1', '--arch', process.arch], hadNodeBuild: false, nodedir: null });
    expect(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('NODE-ABI');
    // Nothing left to do on the next start: it exits at once, silently.
    const again = runScript(root, env);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('compiles with node-gyp against Electron’s headers when there is no prebuilt module', () => {
    const { root, env } = project({ electronBinary: true, prebuildInstall: 'process.exit(1)', nodeGyp: writesModule });
    const result = runScript(root, env);
    expect(result.status).toBe(0);
    const built = JSON.parse(readFileSync(join(root, 'native', `${process.platform}-${process.arch}-electron-45.4.1`, 'better_sqlite3.node'), 'utf8')) as { args: string[]; nodedir: unknown };
    expect(built.args).toContain('--dist-url=https://electronjs.org/headers');
    expect(built.args).toContain('--target=45.4.1');
    expect(built.nodedir).toBeNull();
  });

  it('explains both failures when the module can be neither downloaded nor compiled', () => {
    const { root, env } = project({
      electronBinary: true,
      prebuildInstall: 'console.error("prebuild-install warn install getaddrinfo ENOTFOUND github.com"); process.exit(1)',
      nodeGyp: 'console.error("gyp ERR! configure error"); process.exit(1)',
    });
    const result = runScript(root, env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Impossible de préparer better-sqlite3 pour Electron 45.4.1');
    expect(result.stderr).toContain('ENOTFOUND github.com');
    expect(result.stderr).toContain('gyp ERR! configure error');
    expect(existsSync(join(root, 'native', `${process.platform}-${process.arch}-electron-45.4.1`, 'better_sqlite3.node'))).toBe(false);
  });

  it('stops at once when ELECTRON_EXEC_PATH names a missing file, since electron-vite would launch it', () => {
    const { root, env } = project({ electronBinary: true });
    const result = runScript(root, { ...env, ELECTRON_EXEC_PATH: join(root, 'missing-electron') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ELECTRON_EXEC_PATH désigne un fichier introuvable');
    expect(existsSync(join(root, 'native'))).toBe(false);
  });

  it('does nothing when Electron and its module are in place', async () => {
    const root = fakeProject({ electronBinary: true });
    write(script.nativeBindingPath(root, process.platform, process.arch, '45.4.1'), 'module');
    await expect(script.main(root)).resolves.toBeUndefined();
  });
});
