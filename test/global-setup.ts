import { buildCli, cliIsStale } from '../scripts/build-cli.mjs';

/** The CLI tests run the built JavaScript: build it once, before any worker starts, if a source changed. */
export default async function setup(): Promise<void> {
  if (cliIsStale()) await buildCli();
}
