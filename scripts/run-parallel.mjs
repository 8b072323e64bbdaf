/**
 * `node scripts/run-parallel.mjs typecheck lint build`: runs these npm scripts side by side (tsc and ESLint each
 * keep one core busy; on two cores the checks take the time of the longest rather than of all of them), prints
 * each one's output whole when it ends, and fails if any failed. `npm test` calls it before vitest.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? '✓' : '✗'} npm run ${script} (${seconds} s)\n${Buffer.concat(output).toString()}`);
      done(code === 0);
    });
  });
}

const results = await Promise.all(process.argv.slice(2).map(run));
if (results.includes(false)) process.exitCode = 1;
