/**
 * How Maillage is packaged (`npm run package`, electron-builder 26). `scripts/package-check.ts`
 * builds with the same configuration, through `packagingConfig`, and verifies what comes out.
 *
 * - Only what the app runs is packed: the bundles in out/ (docx and zod are inside out/main), the
 *   runtime modules electron-builder collects from `dependencies`, and the SQLite module built for
 *   the target in native/<platform>-<arch>-electron-<version>/ (src/main/electron/native-binding.ts).
 * - Nothing is rebuilt: `npmRebuild` would compile better-sqlite3 in node_modules against Node's
 *   headers, replacing the build the tests and the CLI use with one Electron cannot load.
 * - Windows: a per-user installer that needs no administrator rights, an MSI for IT departments
 *   (per machine, fixed upgrade code), and a portable build. Fuses lock the executable down.
 *   docs/deploiement.md says what each of these means for an IT department.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration, FileSet } from 'electron-builder';
import { unneededPackageNames } from './scripts/package/dependencies';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** The Electron the app is packaged with: the one in node_modules, whose ABI the SQLite module is built for. */
export const electronVersion: string = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

export type TargetPlatform = 'win32' | 'linux';

/** Same layout as src/main/electron/native-binding.ts and scripts/ensure-electron.mjs; `${arch}` is the target's. */
export function nativeFolder(platform: TargetPlatform, arch = '${arch}', version = electronVersion): string {
  return `native/${platform}-${arch}-electron-${version}`;
}

/** The Electron that `npm install` (npm 10) or `npm start` downloaded, when it is there: no second download. */
function installedElectronDist(): string | undefined {
  const dist = join(ROOT, 'node_modules', 'electron', 'dist');
  return existsSync(join(dist, 'version')) ? dist : undefined;
}

export interface PackagingOptions {
  /** An unpacked Electron to build from: by default the installed one, else electron-builder downloads it. */
  electronDist?: string;
  /**
   * The Electron version the SQLite module in native/ was built for, when it is not the real one:
   * the check's stand-in Electron carries Node's build of it under a version of its own, so that
   * `npm start` never finds it.
   */
  nativeVersion?: string;
}

/**
 * Electron's fuses, switches written into its executable at packaging time that no setting can
 * turn back (docs/deploiement.md says what each forbids): no running as plain Node, no
 * NODE_OPTIONS nor --inspect, the app only from its app.asar and only if the asar is the one
 * signed into the executable, cookies encrypted, file:// without extra rights.
 */
export const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

/**
 * Never changes: Windows Installer recognises a newer MSI of Maillage by it and replaces the older
 * one (docs/deploiement.md).
 */
export const MSI_UPGRADE_CODE = '053E8370-EF34-414C-8B6D-DEAB963C206E';

export function packagingConfig(options: PackagingOptions = {}): Configuration {
  // A file set rather than a pattern: the platform in the folder's name is the target's, which no
  // file macro gives (`${platform}` is the build machine's, `${os}` says « win », not « win32 »).
  const native = (platform: TargetPlatform): FileSet => {
    const folder = nativeFolder(platform, '${arch}', options.nativeVersion);
    return { from: folder, to: folder, filter: ['better_sqlite3.node'] };
  };

  return {
    appId: 'fr.maillage.desktop',
    productName: 'Maillage',
    copyright: 'Projet Maillage',
    directories: { output: 'dist', buildResources: 'resources/icons' },
    files: [
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      '!**/*.map',
      // Bundled into out/main, or used only at install (scripts/package/dependencies.ts).
      ...unneededPackageNames(ROOT).map((name) => `!**/node_modules/${name}{,/**}`),
      // The app loads its own build from native/: better-sqlite3's sources and its Node build are dead weight.
      '!node_modules/better-sqlite3/{src,deps,build,binding.gyp}{,/**}',
      // resvg ships one package per platform: only the target's (`${os}` is « win » or « linux »).
      '!node_modules/@resvg/resvg-js-!(${os}*-${arch}-*){,/**}',
      '!node_modules/**/{README,CHANGELOG,HISTORY}*',
      '!node_modules/**/*.{md,markdown,ts,mts,cts,map}',
    ],
    asar: true,
    asarUnpack: ['native/**'],
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    // Chromium's interface strings: French, and the English it falls back to.
    electronLanguages: ['fr', 'en-US'],
    // No auto-update, no upload: Maillage never connects to anything.
    publish: null,
    electronDist: options.electronDist ?? installedElectronDist(),
    electronFuses: { ...FUSES },

    win: {
      target: [
        { target: 'nsis', arch: ['x64'] },
        { target: 'msi', arch: ['x64'] },
        { target: 'portable', arch: ['x64'] },
      ],
      icon: 'resources/icons/maillage.ico',
      // Objects only: a bare pattern here would make electron-builder pack the whole project.
      files: [native('win32')],
      // Signed when CSC_LINK (a .pfx file or its base64) and CSC_KEY_PASSWORD are set, unsigned otherwise.
      signtoolOptions: { signingHashAlgorithms: ['sha256'], rfc3161TimeStampServer: 'http://timestamp.digicert.com' },
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      allowToChangeInstallationDirectory: true,
      // Per user without asking (resources/installer/installer.nsh): no page offers « all users », which needs rights.
      include: 'resources/installer/installer.nsh',
      installerLanguages: ['fr_FR'],
      language: '1036',
      multiLanguageInstaller: false,
      // Uninstalling removes the program, never the commissions and their backups.
      deleteAppDataOnUninstall: false,
      shortcutName: 'Maillage',
      uninstallDisplayName: 'Maillage',
      installerIcon: 'resources/icons/maillage.ico',
      uninstallerIcon: 'resources/icons/maillage.ico',
      artifactName: 'Maillage-${version}-installation.${ext}',
    },
    msi: {
      perMachine: true,
      upgradeCode: MSI_UPGRADE_CODE,
      runAfterFinish: false,
      shortcutName: 'Maillage',
      artifactName: 'Maillage-${version}-${arch}.${ext}',
    },
    portable: {
      artifactName: 'Maillage-${version}-portable.${ext}',
      requestExecutionLevel: 'user',
    },

    linux: {
      target: ['dir', 'deb'],
      icon: 'resources/icons/png',
      executableName: 'maillage',
      category: 'Office',
      synopsis: 'Commissions départementales de lutte contre la prostitution',
      maintainer: 'Projet Maillage',
      files: [native('linux')],
    },
  };
}

export default packagingConfig();
