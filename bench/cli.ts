import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildCli, CLI_BUNDLE, cliIsStale } from '../scripts/build-cli.mjs';
import { measure, type Benchmark } from './lib';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

/**
 * Every CLI test and script pays the CLI's start-up: `--help` loads no command, so it is that cost
 * alone. Through npm, npm's own start-up comes on top; Node's empty start-up is the floor.
 */
export const cliBenchmarks: Benchmark = async () => {
  if (cliIsStale()) await buildCli();
  return [
    await measure('Node sans rien faire (plancher)', 15, () => run(process.execPath, ['-e', '0'])),
    await measure('CLI --help (node out/cli/index.cjs)', 15, () => run(process.execPath, [CLI_BUNDLE, '--help'])),
    await measure('CLI --help par npm run cli', 15, () => run('npm', ['run', '--silent', 'cli', '--', '--help'], { cwd: ROOT })),
  ];
};
