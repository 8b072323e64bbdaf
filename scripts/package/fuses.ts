/** Reads back the fuses electron-builder wrote into the packaged executable and compares them with electron-builder.ts. */
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FUSES, type TargetPlatform } from '../../electron-builder';

const WIRE_INDEX: Record<keyof typeof FUSES, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The states as the wire stores them: the characters '0' and '1'. */
const ON = 0x31;
const OFF = 0x30;

export function packagedExecutable(appOutDir: string, platform: TargetPlatform): string {
  return join(appOutDir, platform === 'win32' ? 'Maillage.exe' : 'maillage');
}

export async function fuseProblems(executable: string): Promise<string[]> {
  const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
  const problems: string[] = [];
  for (const [fuse, wanted] of Object.entries(FUSES) as [keyof typeof FUSES, boolean][]) {
    const state = wire[WIRE_INDEX[fuse]];
    if (state !== (wanted ? ON : OFF)) {
      problems.push(`Fusible ${fuse} : ${state === ON ? 'activé' : state === OFF ? 'désactivé' : `état ${state}`} dans l’exécutable, ${wanted ? 'activé' : 'désactivé'} attendu.`);
    }
  }
  return problems;
}
