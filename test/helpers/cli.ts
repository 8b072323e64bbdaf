/**
 * The CLI as a user runs it: a child process of the built JavaScript (out/cli, made fresh by
 * test/global-setup.ts), checked by its exit code and its output.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'out/cli/index.cjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The non-empty lines of stderr. */
  stderrLines: string[];
}

export function cli(...args: string[]): Promise<CliRun> {
  return cliAt(CLI, ...args);
}

/** The CLI of another folder (a copy of out/cli). */
export function cliAt(script: string, ...args: string[]): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, MAILLAGE_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, stderrLines: stderr.split('\n').filter((l) => l.trim() !== '') }));
  });
}
