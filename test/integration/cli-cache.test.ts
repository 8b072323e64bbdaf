/** The CLI launcher's code cache (src/main/cli/launcher.ts), on a copy of the built CLI so that no other test shares its cache. */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliAt } from '../helpers/cli';

// Inside the project, so that the copy finds node_modules as the real one does.
const copy = resolve(dirname(CLI), '..', `cli-cache-test-${process.pid}`);
const launcher = join(copy, 'index.cjs');
const cache = join(copy, 'maillage.init.cache');
let dir: string;
beforeAll(() => {
  cpSync(dirname(CLI), copy, { recursive: true, filter: (path) => !path.endsWith('.cache') });
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-cache-'));
});
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

const init = (name: string) => cliAt(launcher, 'init', '--db', join(dir, `${name}.maillage`), '--department', '33');

describe('the CLI’s code cache', () => {
  it('is written beside the bundle by a command that worked, one per command and one for help, never by a failed one', { timeout: 60_000 }, async () => {
    // From no cache at all, whatever the other test left.
    for (const file of readdirSync(copy)) if (file.endsWith('.cache')) rmSync(join(copy, file));
    const refused = await cliAt(launcher, 'init', '--db', join(dir, 'x.maillage'), '--department', '99');
    expect(refused.code).toBe(1);
    expect((await cliAt(launcher, 'init', '--help')).code).toBe(0);
    expect(existsSync(cache)).toBe(false);
    expect(readFileSync(join(copy, 'maillage.help.cache')).length).toBeGreaterThan(1_000);
    expect((await init('a')).code).toBe(0);
    expect(readFileSync(cache).length).toBeGreaterThan(10_000);
    expect(existsSync(join(copy, 'maillage.check.cache'))).toBe(false);
  });

  it('is remade, and the command works, when the cache is damaged or another bundle’s', { timeout: 60_000 }, async () => {
    if (!existsSync(cache)) expect((await init('b')).code).toBe(0);
    const good = readFileSync(cache);
    const digest = good.subarray(0, 32);
    // The right digest before code V8 refuses.
    writeFileSync(cache, Buffer.concat([digest, Buffer.from('pas du code compilé')]));
    const damaged = await init('c');
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toBe('');
    expect(readFileSync(cache).length).toBeGreaterThan(10_000);
    // Another bundle's or another Node's cache: not given to V8 at all.
    writeFileSync(cache, Buffer.concat([Buffer.alloc(32), good.subarray(32)]));
    expect((await init('d')).code).toBe(0);
    expect(readFileSync(cache).subarray(0, 32).equals(digest)).toBe(true);
  });
});
