/**
 * Proves that the packaged app starts from inside its package: app.asar is extracted (with its
 * unpacked files) to a temporary folder, a stand-in `electron` module is put beside its modules,
 * and scripts/package/packaged-app.mjs runs the packaged main process under Node in a child process.
 * Nothing of the project is on the way: the code, the migrations, the catalogue, the demo data and
 * the runtime modules all come from the package.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, uncache } from '@electron/asar';
import { resourcesDir } from './verify';

export interface StepResult {
  step: string;
  ok: boolean;
  detail: string;
}

export interface RunOptions {
  /** The project: its migrations are counted, its Node build of SQLite may stand in for Electron's. */
  root: string;
  appOutDir: string;
  /** The version in the name of the packaged native/ folder; the packaged main is told it runs under that Electron. */
  nativeVersion: string;
  /**
   * The packaged SQLite module is built for Electron's ABI, which Node cannot load: replace it in the
   * extracted copy by the project's Node build (its platform and presence are checked by verify.ts).
   * Not needed with the stand-in Electron, whose module is the Node build already.
   */
  substituteNodeSqlite: boolean;
}

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'packaged-app.mjs');
const MARKER = '@@RESULTS@@';
const STAND_IN_NAMES = ['app', 'BrowserWindow', 'protocol', 'net', 'ipcMain', 'dialog', 'shell', 'Menu'];

/** Migrations in the sources: the demo made by the packaged main must reach that schema. */
export function sourceSchemaVersion(root: string): number {
  return readdirSync(join(root, 'src', 'main', 'db', 'migrations')).filter((name) => /^\d{4}-.*\.ts$/.test(name)).length;
}

export function runPackagedApp(options: RunOptions): StepResult[] {
  const work = mkdtempSync(join(tmpdir(), 'maillage-paquet-'));
  try {
    const appDir = join(work, 'app');
    const archive = join(resourcesDir(options.appOutDir), 'app.asar');
    uncache(archive);
    extractAll(archive, appDir);

    const standIn = join(appDir, 'node_modules', 'electron');
    mkdirSync(standIn, { recursive: true });
    writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'electron', type: 'module', exports: './index.mjs' }));
    writeFileSync(
      join(standIn, 'index.mjs'),
      `// Stand-in written by scripts/package/run-packaged.ts: re-exports what packaged-app.mjs defined.\n` +
        `const electron = globalThis.__maillageElectronStandIn;\n` +
        `export const { ${STAND_IN_NAMES.join(', ')} } = electron;\nexport default electron;\n`,
    );
    if (options.substituteNodeSqlite) {
      const packaged = join(appDir, 'native', `${process.platform}-${process.arch}-electron-${options.nativeVersion}`, 'better_sqlite3.node');
      copyFileSync(join(options.root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), packaged);
    }

    const childOptions = { appDir, dataDir: join(work, 'donnees'), electronVersion: options.nativeVersion, schemaVersion: sourceSchemaVersion(options.root) };
    const child = spawnSync(process.execPath, [CHILD, JSON.stringify(childOptions)], {
      // Anywhere but the project, so that nothing resolves from it by accident.
      cwd: work,
      encoding: 'utf8',
      timeout: 5 * 60_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith(MARKER));
    if (!line) {
      const output = `${child.stdout}\n${child.stderr}`.trim().split('\n').slice(-15).join('\n');
      return [{ step: 'exécution', ok: false, detail: `le processus s’est arrêté sans résultat (code ${child.status ?? child.signal}) :\n${output}` }];
    }
    return JSON.parse(line.slice(MARKER.length)) as StepResult[];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function resolveRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}
