/**
 * `npm run package:check`: builds the unpacked app for this machine's platform into dist/ with the
 * packaging configuration (electron-builder.ts), then verifies it and starts it from inside the
 * package. Runs anywhere, Electron installed or not:
 * - with Electron (ELECTRON_DIST names an unpacked Electron, or node_modules/electron holds the
 *   downloaded one): the package is the one users would get, with the SQLite module that
 *   scripts/ensure-electron.mjs (or the release build) made in native/ for that Electron;
 * - without: a stand-in Electron folder and Node's SQLite module stand in (scripts/package/stand-in.ts).
 * Exit code 1, with what is wrong, when any check fails. CI runs it after the tests.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronVersion, nativeFolder, type TargetPlatform } from '../electron-builder';
import { buildUnpacked } from './package/build';
import { fuseProblems, packagedExecutable } from './package/fuses';
import { resolveRoot, runPackagedApp } from './package/run-packaged';
import { makeStandInElectron, prepareStandInSqlite, standInVersion } from './package/stand-in';
import { megabytes, PAYLOAD_LIMIT_BYTES, verifyPackage } from './package/verify';

/** The downloaded Electron in node_modules, when it is there and of the installed version. */
function installedElectron(root: string): string | null {
  const dist = join(root, 'node_modules', 'electron', 'dist');
  try {
    const executable = readFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'utf8').trim();
    const version = readFileSync(join(dist, 'version'), 'utf8').trim().replace(/^v/, '');
    return existsSync(join(dist, executable)) && version === electronVersion ? dist : null;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const root = resolveRoot();
  const platform = process.platform;
  if (platform !== 'linux' && platform !== 'win32') {
    console.error(`✖ Maillage se construit pour Windows et Linux, pas pour ${platform}.`);
    return 1;
  }
  const target: TargetPlatform = platform;
  const arch = process.arch;
  const work = mkdtempSync(join(tmpdir(), 'maillage-verification-'));
  try {
    const realElectron = process.env['ELECTRON_DIST'] || installedElectron(root);
    let electronDist: string;
    let nativeVersion: string;
    if (realElectron) {
      electronDist = realElectron;
      nativeVersion = electronVersion;
      const sqlite = join(root, nativeFolder(target, arch), 'better_sqlite3.node');
      if (!existsSync(sqlite)) {
        console.error(`✖ Le module SQLite pour Electron ${electronVersion} manque : ${sqlite}\n  Lancez « node scripts/ensure-electron.mjs » pour le préparer.`);
        return 1;
      }
      console.log(`Electron ${electronVersion} : ${electronDist}`);
    } else {
      electronDist = join(work, 'electron');
      nativeVersion = standInVersion(electronVersion);
      makeStandInElectron(electronDist, target, electronVersion);
      prepareStandInSqlite(root, target, arch, electronVersion);
      console.log(`Electron ${electronVersion} n’est pas installé : construction avec un remplaçant (dossier Electron et module SQLite de Node).`);
    }

    console.log(`Construction de l’application non empaquetée pour ${target}-${arch} (electron-builder --dir)…`);
    const built = buildUnpacked({ root, platform: target, arch, outputDir: join(root, 'dist'), electronDist, nativeVersion });
    if (!built.ok) {
      console.error(`✖ electron-builder a échoué :\n${built.output}`);
      return 1;
    }
    const { appOutDir } = built;

    const verification = verifyPackage(root, appOutDir, { platform: target, arch, nativeVersion });
    const fuses = await fuseProblems(packagedExecutable(appOutDir, target));
    const problems = [...verification.problems, ...fuses];
    const unpacked = verification.files.filter((file) => file.unpacked).map((file) => file.path);
    console.log(`Paquet : ${verification.files.length} fichiers dans app.asar, dont ${unpacked.length} hors de l’archive (${unpacked.join(', ')}).`);
    console.log(`Poids de l’application (app.asar et app.asar.unpacked) : ${megabytes(verification.payloadBytes)} (limite ${megabytes(PAYLOAD_LIMIT_BYTES)}).`);
    console.log(`Fusibles de ${packagedExecutable(appOutDir, target)} : ${fuses.length === 0 ? 'conformes à electron-builder.ts' : `${fuses.length} écart(s)`}.`);

    console.log('Démarrage de l’application depuis le paquet (processus principal sous Node, Electron remplacé)…');
    const steps = runPackagedApp({ root, appOutDir, nativeVersion, substituteNodeSqlite: Boolean(realElectron) });
    for (const step of steps) console.log(`  ${step.ok ? '✔' : '✖'} ${step.step} : ${step.detail}`);
    problems.push(...steps.filter((step) => !step.ok).map((step) => `Au démarrage depuis le paquet, « ${step.step} » a échoué.`));

    if (problems.length > 0) {
      console.error(`✖ ${problems.length} problème(s) :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    console.log(`✔ Paquet vérifié : ${appOutDir}`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
