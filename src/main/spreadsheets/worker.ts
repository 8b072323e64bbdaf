/**
 * Entry of the worker thread that read-in-worker.ts starts for each file to import: reads it and
 * posts its table, or the French message that refuses it. Each build makes it a file of its own
 * (see read-in-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError, type ApiErrorBody } from '../../shared/errors';
import type { RawTable } from './table';
import { readTableFile } from './reader';

export type WorkerAnswer = { ok: true; table: RawTable } | { ok: false; error: ApiErrorBody } | { ok: false; unexpected: string };

const { path, fileName } = workerData as { path: string; fileName: string };
readTableFile(path, fileName).then(
  (table) => parentPort!.postMessage({ ok: true, table } satisfies WorkerAnswer),
  (error: unknown) =>
    parentPort!.postMessage((error instanceof ApiError ? { ok: false, error: error.toBody() } : { ok: false, unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) }) satisfies WorkerAnswer),
);
