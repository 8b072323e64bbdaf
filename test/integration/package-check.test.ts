/**
 * `npm run package:check` against packages built here with the stand-in Electron: the package as
 * built passes, and each verification fails when what it guards is broken — a source file packed,
 * a native file for another platform, a packaged main that cannot find its migrations.
 * Linux only: the stand-in Electron is a Linux one (on Windows the real one is used).
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPackageWithOptions, extractAll } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronVersion } from '../../electron-builder';
import { buildUnpacked } from '../../scripts/package/build';
import { fuseProblems, packagedExecutable } from '../../scripts/package/fuses';
import { runPackagedApp } from '../../scripts/package/run-packaged';
import { makeStandInElectron, prepareStandInSqlite, standInVersion } from '../../scripts/package/stand-in';
import { PAYLOAD_LIMIT_BYTES, resourcesDir, verifyPackage } from '../../scripts/package/verify';
import { peHeader } from '../helpers/binaries';

const root = resolve('.');
const arch = process.arch;
const nativeVersion = standInVersion(electronVersion);
const target = { platform: 'linux', arch, nativeVersion } as const;
const sqlitePath = `native/linux-${arch}-electron-${nativeVersion}/better_sqlite3.node`;

describe.runIf(process.platform === 'linux')('the package check', () => {
  const work = mkdtempSync(join(tmpdir(), 'maillage-paquet-test-'));
  let built = '';
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    const electronDist = join(work, 'electron');
    makeStandInElectron(electronDist, 'linux', electronVersion);
    prepareStandInSqlite(root, 'linux', arch, electronVersion);
    const result = buildUnpacked({ root, platform: 'linux', arch, outputDir: join(work, 'dist'), electronDist, nativeVersion });
    if (!result.ok) throw new Error(result.output);
    built = result.appOutDir;
  }, 180_000);

  /**
   * Another app folder whose app.asar holds the built one's files as `change` left them; native
   * modules unpacked unless `unpack` is false. Only resources/ is made: nothing else is read.
   */
  async function repacked(name: string, change: (appDir: string) => void, unpack = true): Promise<string> {
    const extracted = join(work, `${name}-extrait`);
    extractAll(join(resourcesDir(built), 'app.asar'), extracted);
    change(extracted);
    const app = join(work, name);
    await createPackageWithOptions(extracted, join(resourcesDir(app), 'app.asar'), unpack ? { unpack: '*.node' } : {});
    return app;
  }

  it('passes the package as built: contents, native files, size, fuses, and the app started from inside it', async () => {
    const verification = verifyPackage(root, built, target);
    expect(verification.problems).toEqual([]);
    expect(verification.payloadBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(verification.files.filter((f) => f.unpacked).map((f) => f.path)).toContain(sqlitePath);
    expect(await fuseProblems(packagedExecutable(built, 'linux'))).toEqual([]);
    const steps = runPackagedApp({ root, appOutDir: built, nativeVersion, substituteNodeSqlite: false });
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(steps.map((s) => s.step)).toEqual(['démarrage', 'fenêtre', 'préchargement', 'app://', 'IPC', 'démonstration', 'bilan', 'compte rendu']);
  }, 120_000);

  it('fails when a source file, a source map or the docs are packed', async () => {
    const app = await repacked('avec-sources', (dir) => {
      mkdirSync(join(dir, 'src', 'main'), { recursive: true });
      copyFileSync(join(root, 'src', 'main', 'index.ts'), join(dir, 'src', 'main', 'index.ts'));
      writeFileSync(join(dir, 'out', 'main', 'index.js.map'), '{}');
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'docs', 'deploiement.md'), '# Déploiement');
    });
    const { problems } = verifyPackage(root, app, target);
    expect(problems).toEqual([
      expect.stringMatching(/^docs\/deploiement\.md n’a rien à faire dans le paquet/),
      expect.stringMatching(/^out\/main\/index\.js\.map n’est pas du code exécuté/),
      expect.stringMatching(/^src\/main\/index\.ts n’a rien à faire dans le paquet/),
    ]);
  }, 60_000);

  it('fails when a native file is built for another platform, or left in the archive', async () => {
    const windows = join(work, 'module-windows');
    cpSync(resourcesDir(built), resourcesDir(windows), { recursive: true });
    writeFileSync(join(resourcesDir(windows), 'app.asar.unpacked', sqlitePath), peHeader());
    expect(verifyPackage(root, windows, target).problems).toEqual([`${sqlitePath} est un binaire PE win32-x64, pas linux-${arch} : le paquet visé ne pourrait pas le charger.`]);

    // The same package checked as a Windows one: every native file is an ELF.
    const asWindows = verifyPackage(root, built, { ...target, platform: 'win32' });
    expect(asWindows.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${sqlitePath.replace(/\./g, '\\.')} est un binaire ELF linux-${arch}, pas win32-${arch}`)),
        expect.stringMatching(/^node_modules\/@resvg\/resvg-js-linux-x64-gnu\/resvgjs\.linux-x64-gnu\.node est un binaire ELF linux-x64, pas win32-x64/),
        expect.stringMatching(/^Le moteur de dessin des graphiques pour win32-x64 .* manque/),
        expect.stringMatching(/^@resvg\/resvg-js-linux-x64-gnu@.* est le moteur de dessin d’une autre plateforme/),
      ]),
    );

    // Rewritten without unpacking anything: Electron could not load the modules from there.
    const packed = await repacked('module-dans-archive', () => undefined, false);
    expect(verifyPackage(root, packed, target).problems).toContain(`${sqlitePath} est un fichier natif resté dans app.asar : il doit être dans app.asar.unpacked.`);
  }, 60_000);

  it('fails when the packaged main cannot find its migrations', async () => {
    const app = await repacked('sans-migrations', (dir) => {
      const main = join(dir, 'out', 'main', 'index.js');
      const code = readFileSync(main, 'utf8');
      // The bundle's list of migrations, emptied before the schema version is taken from it.
      const emptied = code.replace(/^var LATEST_VERSION = migrations\.length;$/m, 'migrations.length = 0;\nvar LATEST_VERSION = migrations.length;');
      expect(emptied).not.toBe(code);
      writeFileSync(main, emptied);
    });
    // What is packed is still what should be: only starting the app shows the fault.
    expect(verifyPackage(root, app, target).problems).toEqual([]);
    const steps = runPackagedApp({ root, appOutDir: app, nativeVersion, substituteNodeSqlite: false });
    const demo = steps.find((s) => s.step === 'démonstration');
    expect(demo?.ok).toBe(false);
    expect(steps.find((s) => s.step === 'démarrage')?.ok).toBe(true);
  }, 120_000);
});
