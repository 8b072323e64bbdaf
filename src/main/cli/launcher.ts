/**
 * What `node out/cli/index.cjs` runs: the CLI bundle (maillage.cjs) compiled with the V8 code cache
 * its command left at its previous run. A process started for one document spends much of its time
 * compiling the functions it calls, and Node 20 keeps no compile cache of its own (module.enableCompileCache
 * came with Node 22). Each command has its cache file beside the bundle, as trusted as the bundle
 * itself; it starts with a digest of the bundle and of V8's version, so a rebuilt bundle or another
 * Node never takes a cache that is not its own: a new one is written at exit instead.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'maillage.cjs');
const source = readFileSync(bundle, 'utf8');
const digest = createHash('sha256').update(process.versions.v8).update(source).digest();

// Help, the CLI's or a command's, has a cache of its own: left in a command's, it would be all its real runs found.
const [command, ...options] = process.argv.slice(2);
const help = command === undefined || ['--help', '-h', 'help'].includes(command) || options.includes('--help') || options.includes('-h');
const key = help ? 'help' : command;
const cacheFile = /^[a-z][a-z-]*$/.test(key) ? join(__dirname, `maillage.${key}.cache`) : null;

function readCache(): Buffer | undefined {
  if (!cacheFile) return undefined;
  try {
    const cache = readFileSync(cacheFile);
    return cache.subarray(0, digest.length).equals(digest) ? cache.subarray(digest.length) : undefined;
  } catch {
    return undefined;
  }
}

const cachedData = readCache();
const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new Script(wrapper, { filename: bundle, cachedData });

if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
  // At exit the cache holds every function the command compiled, not only the bundle's top level.
  process.once('exit', (code) => {
    // A run that failed may have stopped early: its cache would hold little, and a mistyped command none.
    if (code !== 0) return;
    const partial = `${cacheFile}.${process.pid}.partiel`;
    try {
      writeFileSync(partial, Buffer.concat([digest, script.createCachedData()]));
      renameSync(partial, cacheFile);
    } catch {
      // A folder one may not write to, or a full disk, leaves the CLI as it was, only slower to start.
      try {
        rmSync(partial, { force: true });
      } catch {
        // Nothing was written.
      }
    }
  });
}

const bundleModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundleModule.exports, createRequire(bundle), bundleModule, bundle, __dirname);
