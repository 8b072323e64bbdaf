/**
 * Builds the unpacked app (electron-builder's `--dir`) with the project's packaging configuration,
 * in a child process whose long output is shown only when it fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagingConfig, type PackagingOptions, type TargetPlatform } from '../../electron-builder';

export interface BuildOptions extends PackagingOptions {
  root: string;
  platform: TargetPlatform;
  arch: string;
  /** Where electron-builder writes: `dist/` for the check, a temporary folder for the tests. */
  outputDir: string;
}

/** electron-builder's name for the unpacked app of a target. */
export function unpackedDir(outputDir: string, platform: TargetPlatform, arch: string): string {
  const os = platform === 'win32' ? 'win' : 'linux';
  return join(outputDir, arch === 'x64' ? `${os}-unpacked` : `${os}-${arch}-unpacked`);
}

export function buildUnpacked(options: BuildOptions): { ok: true; appOutDir: string } | { ok: false; output: string } {
  const { root, platform, arch, outputDir, ...packaging } = options;
  const base = packagingConfig(packaging);
  // Passed as a file: a configuration object would be merged into electron-builder.ts, file lists and all.
  const work = mkdtempSync(join(tmpdir(), 'maillage-builder-'));
  try {
    const configFile = join(work, 'electron-builder.json');
    writeFileSync(configFile, JSON.stringify({ ...base, directories: { ...base.directories, output: outputDir } }));
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--dir', platform === 'win32' ? '--win' : '--linux', `--${arch}`, '--config', configFile, '--publish', 'never'],
      { cwd: root, encoding: 'utf8', timeout: 10 * 60_000 },
    );
    if (result.status !== 0) return { ok: false, output: `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n') };
    return { ok: true, appOutDir: unpackedDir(outputDir, platform, arch) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
