/**
 * A router on a real commission session in a temporary data folder, with scripted OS dialogs and
 * a controllable clock. Plain TypeScript (no test-runner import) so that integration and e2e tests
 * can share it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/api';
import type { ApiErrorBody, ApiResult } from '../../src/shared/errors';
import { createRouter, type Router } from '../../src/main/api/router';
import type { FileFilter, OsServices } from '../../src/main/platform/os';
import { CommissionSession } from '../../src/main/commission-file/session';

/** Thrown by `call` when the router answers with an error; carries the structured body. */
export class ApiCallError extends Error {
  constructor(
    readonly channel: string,
    readonly body: ApiErrorBody,
  ) {
    super(`${channel} → ${body.code}: ${body.message}`);
    this.name = 'ApiCallError';
  }
}

export interface DialogRecord {
  kind: 'open' | 'save' | 'folder';
  title: string;
  defaultName?: string;
  filters: FileFilter[];
}

/** OS services answering dialogs from queues filled by the test; an unexpected dialog is an error. */
export class FakeOs implements OsServices {
  readonly dialogs: DialogRecord[] = [];
  readonly openedPaths: string[] = [];
  private readonly openAnswers: (string | null)[] = [];
  private readonly saveAnswers: (string | null)[] = [];

  constructor(readonly dataDir: string) {}

  /** The next « open file » or folder dialog returns `path` (null: the user cancels). */
  queueOpenFile(path: string | null): void {
    this.openAnswers.push(path);
  }

  /** The next « save file » dialog returns `path` (null: the user cancels). */
  queueSaveFile(path: string | null): void {
    this.saveAnswers.push(path);
  }

  get pendingDialogs(): number {
    return this.openAnswers.length + this.saveAnswers.length;
  }

  async pickOpenFile(options: { title: string; filters: FileFilter[] }): Promise<string | null> {
    this.dialogs.push({ kind: 'open', title: options.title, filters: options.filters });
    if (this.openAnswers.length === 0) throw new Error(`Unexpected open dialog: ${options.title}`);
    return this.openAnswers.shift()!;
  }

  async pickSaveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null> {
    this.dialogs.push({ kind: 'save', title: options.title, defaultName: options.defaultName, filters: options.filters });
    if (this.saveAnswers.length === 0) throw new Error(`Unexpected save dialog: ${options.title}`);
    return this.saveAnswers.shift()!;
  }

  async pickFolder(options: { title: string }): Promise<string | null> {
    this.dialogs.push({ kind: 'folder', title: options.title, filters: [] });
    if (this.openAnswers.length === 0) throw new Error(`Unexpected folder dialog: ${options.title}`);
    return this.openAnswers.shift()!;
  }

  async openPath(path: string): Promise<void> {
    this.openedPaths.push(path);
  }

  readonly shownInFolder: string[] = [];

  async showInFolder(path: string): Promise<void> {
    this.shownInFolder.push(path);
  }
}

/** A clock that stands still until the test moves it. */
export class TestClock {
  private current: number;

  constructor(start: Date | string = DEFAULT_NOW) {
    this.current = new Date(start).getTime();
  }

  readonly now = (): Date => new Date(this.current);

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  iso(): string {
    return new Date(this.current).toISOString();
  }
}

export const DEFAULT_NOW = '2026-03-05T13:30:00.000Z';

export interface TestRouterOptions {
  /** Reuse an existing data folder (it is then not removed by cleanup). */
  dir?: string;
  /** Start time of the clock; default DEFAULT_NOW. */
  now?: Date | string;
  /** Path of a better-sqlite3 native module, when the runtime needs another one. */
  nativeBinding?: string;
}

export interface TestRouter {
  dir: string;
  session: CommissionSession;
  os: FakeOs;
  clock: TestClock;
  router: Router;
  /** Errors the router logged as internal (a real app would send them to its log). */
  logged: unknown[];
  /** Calls a channel and returns its value, or throws an ApiCallError with the error body. */
  call<C extends ChannelName>(channel: C, ...input: undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>]): Promise<OutputOf<C>>;
  /** Calls a channel that must fail (any channel name and input) and returns the error body. */
  callError(channel: string, input?: unknown): Promise<ApiErrorBody>;
  /** The raw router answer, for any channel name and input. */
  invoke(channel: unknown, input?: unknown): Promise<ApiResult<unknown>>;
  cleanup(): void;
}

export function createTestRouter(options: TestRouterOptions = {}): TestRouter {
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'maillage-'));
  const clock = new TestClock(options.now);
  const session = new CommissionSession(dir, options.nativeBinding, clock.now);
  const os = new FakeOs(dir);
  const logged: unknown[] = [];
  const router = createRouter({ session, os, now: clock.now }, (error) => logged.push(error));

  return {
    dir,
    session,
    os,
    clock,
    router,
    logged,
    async call(channel, ...input) {
      const result = await router.invoke(channel, input[0]);
      if (!result.ok) throw new ApiCallError(channel, result.error);
      return result.value as never;
    },
    async callError(channel, input) {
      const result = await router.invoke(channel, input);
      if (result.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(result.value)}`);
      return result.error;
    },
    invoke: (channel, input) => router.invoke(channel, input),
    cleanup() {
      session.close();
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
