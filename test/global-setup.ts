import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, cliIsStale } from '../scripts/build-cli.mjs';

/**
 * Before any worker starts (the workers inherit these variables): the CLI tests run the built JavaScript, built
 * once here if a source changed; the random rounds take the run's seed (test/helpers/seed.ts); the demo
 * commissions are generated once per run in a folder of their own (test/helpers/demo-files.ts), and LibreOffice's
 * profiles are kept in another (test/helpers/libreoffice.ts).
 */
export default async function setup(): Promise<(() => void) | undefined> {
  // Each project of vitest.config.ts runs the global setup: the first one does it for the run.
  if (process.env.MAILLAGE_TEST_RUN === String(process.pid)) return undefined;
  process.env.MAILLAGE_TEST_RUN = String(process.pid);
  if (cliIsStale()) await buildCli();
  process.env.MAILLAGE_SEED ??= String(randomInt(2 ** 31));
  console.info(`Random rounds (crash tests, fuzz) seeded with MAILLAGE_SEED=${process.env.MAILLAGE_SEED}: set it to replay them.`);
  const demoCache = mkdtempSync(join(tmpdir(), 'maillage-demos-'));
  process.env.MAILLAGE_DEMO_CACHE = demoCache;
  const profiles = mkdtempSync(join(tmpdir(), 'maillage-lo-profiles-'));
  process.env.MAILLAGE_LO_PROFILES = profiles;
  return () => [demoCache, profiles].forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}
