/**
 * Reads a file to import in a worker thread: a large or hostile file never blocks the app's main
 * process (which serves the window's every call), and what reading it took goes with the thread.
 *
 * The worker's code (worker.ts) is a file of its own, which each build puts beside the code that
 * starts it, found here by its name:
 * - the app (electron-vite): out/main/spreadsheet-worker.js, an input of electron.vite.config.ts;
 * - the CLI (esbuild): out/cli/spreadsheet-worker.cjs, an entry of scripts/build-cli.mjs;
 * - from source (vitest, tsx for bench/): no built file beside this one, so worker.ts itself runs,
 *   through tsx's require hook (tsx is a development dependency, as is running from source).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { ApiError } from '../../shared/errors';
import { unreadable, type RawTable } from './table';
import type { WorkerAnswer } from './worker';

const BUILT = ['spreadsheet-worker.js', 'spreadsheet-worker.cjs'];

/** The worker's heap: well above what IMPORT_LIMITS let a file take, a last guard should one slip through. */
const HEAP_MB = 256;

function startWorker(options: WorkerOptions): Worker {
  const here = import.meta.dirname;
  const built = BUILT.map((name) => join(here, name)).find((path) => existsSync(path));
  if (built) return new Worker(built, options);
  const tsx = createRequire(join(here, 'worker.ts')).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(join(here, 'worker.ts'))});`, { ...options, eval: true });
}

/** The table of the file at `path`, read off the main thread (reader.ts says how). */
export function readImportTable(path: string, fileName: string): Promise<RawTable> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ workerData: { path, fileName }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      done();
      void worker.terminate();
    };
    worker.once('message', (answer: WorkerAnswer) =>
      settle(() => {
        if (answer.ok) resolve(answer.table);
        else if ('error' in answer) reject(new ApiError(answer.error.code, answer.error.message, answer.error.details));
        else reject(new Error(`Reading ${fileName} failed in its worker: ${answer.unexpected}`));
      }),
    );
    worker.once('error', (error: NodeJS.ErrnoException) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? unreadable(fileName, 'il est trop volumineux pour être lu. Découpez-le en plusieurs fichiers.') : error)),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`The worker reading ${fileName} stopped (${code}) without an answer.`))));
  });
}
