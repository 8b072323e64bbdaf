/**
 * The packaging configuration (electron-builder.ts) and the pure parts of the package check:
 * what the issue asks of the installers, the native folder's layout, which modules are runtime
 * ones, and how a native file's target is read from its header.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { electronVersion, FUSES, MSI_UPGRADE_CODE, nativeFolder, packagingConfig } from '../../electron-builder';
import { nativeBindingDir } from '../../src/main/electron/native-binding';
import { binaryTarget, describeTarget, readHeader } from '../../scripts/package/binary';
import { BUNDLED_DEPENDENCIES, INSTALL_ONLY, runtimePackages, unneededPackageNames } from '../../scripts/package/dependencies';
import { makeStandInElectron, standInVersion } from '../../scripts/package/stand-in';
import { peHeader } from '../helpers/binaries';

describe('electron-builder.ts', () => {
  it('packs only the built app, asar with native modules unpacked, without rebuilding or publishing', () => {
    expect(config.productName).toBe('Maillage');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['native/**']);
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
    const files = (config.files as string[]).filter((f) => typeof f === 'string');
    expect(files.filter((f) => !f.startsWith('!'))).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**']);
    for (const name of [...BUNDLED_DEPENDENCIES, ...INSTALL_ONLY]) expect(files).toContain(`!**/node_modules/${name}{,/**}`);
    // The author and product name electron-builder writes into the executable come from package.json too.
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { productName: string; author: { name: string } };
    expect(manifest.productName).toBe('Maillage');
    expect(manifest.author.name).toBeTruthy();
  });

  it('never lists a bare pattern per platform: electron-builder would then pack the whole project', () => {
    for (const platform of [config.win, config.linux]) {
      expect(platform?.files).toBeDefined();
      for (const entry of platform!.files as unknown[]) expect(typeof entry).toBe('object');
    }
  });

  it('files the SQLite module of the target where the app and ensure-electron look for it', () => {
    expect(nativeFolder('win32', 'x64')).toBe(nativeBindingDir('win32', 'x64', electronVersion).split('\\').join('/'));
    expect(config.win?.files).toEqual([{ from: nativeFolder('win32'), to: nativeFolder('win32'), filter: ['better_sqlite3.node'] }]);
    expect(nativeFolder('linux')).toBe(`native/linux-\${arch}-electron-${electronVersion}`);
    const standIn = packagingConfig({ nativeVersion: standInVersion(electronVersion) });
    expect(standIn.linux?.files).toEqual([{ from: `native/linux-\${arch}-electron-${electronVersion}-stand-in`, to: `native/linux-\${arch}-electron-${electronVersion}-stand-in`, filter: ['better_sqlite3.node'] }]);
  });

  it('installs per user without elevation in French, with an MSI per machine for IT and a portable build', () => {
    expect((config.win?.target as { target: string }[]).map((t) => t.target)).toEqual(['nsis', 'msi', 'portable']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, allowToChangeInstallationDirectory: true, installerLanguages: ['fr_FR'], deleteAppDataOnUninstall: false });
    expect(readFileSync(config.nsis!.include!, 'utf8')).toMatch(/!macro customInstallMode\s+StrCpy \$isForceCurrentInstall "1"/);
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: MSI_UPGRADE_CODE });
    expect(MSI_UPGRADE_CODE).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(config.linux?.target).toEqual(['dir', 'deb']);
    expect(config.win?.icon).toBe('resources/icons/maillage.ico');
    expect(binaryTarget(readHeader('resources/icons/maillage.ico'))).toBeNull();
    expect(readFileSync('resources/icons/maillage.ico').readUInt16LE(2)).toBe(1);
  });

  it('sets every fuse the issue names', () => {
    expect(config.electronFuses).toEqual(FUSES);
    expect(FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('runtime modules', () => {
  it('are the non-bundled dependencies and what they need, without install-time tools', () => {
    const runtime = [...runtimePackages('.')].map((id) => id.slice(0, id.lastIndexOf('@')));
    for (const name of ['better-sqlite3', 'bindings', 'exceljs', 'jszip', '@resvg/resvg-js']) expect(runtime).toContain(name);
    for (const name of ['docx', 'zod', 'prebuild-install', 'electron', 'react']) expect(runtime).not.toContain(name);
    expect(unneededPackageNames('.')).toEqual(expect.arrayContaining(['docx', 'zod', 'prebuild-install']));
    expect(unneededPackageNames('.')).not.toContain('exceljs');
  });
});

describe('binaryTarget', () => {
  it('reads ELF, PE and Mach-O headers', () => {
    const node = binaryTarget(readHeader(process.execPath));
    expect(node).toMatchObject({ platform: process.platform, arch: process.arch });
    expect(binaryTarget(readHeader(resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node')))).toEqual(node);
    expect(binaryTarget(peHeader())).toEqual({ format: 'pe', platform: 'win32', arch: 'x64' });
    expect(binaryTarget(peHeader(0xaa64))).toEqual({ format: 'pe', platform: 'win32', arch: 'arm64' });
    const elfArm = Buffer.from(readHeader(process.execPath));
    elfArm.writeUInt16LE(0xb7, 18);
    expect(binaryTarget(elfArm)).toEqual({ format: 'elf', platform: 'linux', arch: 'arm64' });
    const machO = Buffer.alloc(16);
    machO.writeUInt32LE(0xfeedfacf, 0);
    machO.writeUInt32LE(0x0100000c, 4);
    expect(binaryTarget(machO)).toEqual({ format: 'mach-o', platform: 'darwin', arch: 'arm64' });
    expect(binaryTarget(Buffer.from('{"name":"x"}'))).toBeNull();
    expect(describeTarget(null)).toMatch(/pas un binaire/);
  });
});

describe('the stand-in Electron', () => {
  it('is made for Linux only, and says so for Windows', () => {
    expect(() => makeStandInElectron(join('/tmp', 'jamais-cree'), 'win32', electronVersion)).toThrow(/ELECTRON_DIST/);
  });
});
