/**
 * End-to-end harness: the built renderer (out/renderer) in the system Chromium, with
 * window.maillage bridged by Playwright to the real main-side router on a temporary database.
 * The fake OS answers file dialogs from a queue the test fills, as a user would pick files.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MenuCommand } from '../../src/shared/api';
import { createRouter, type Router } from '../../src/main/api/router';
import type { OsServices } from '../../src/main/platform/os';
import { copyDemo } from '../helpers/demo-files';
import { keepOnFailure } from '../helpers/failure-pages';
import { CommissionSession } from '../../src/main/commission-file/session';

const RENDERER_DIR = resolve('out/renderer');
export const ARTIFACTS_DIR = resolve('test-artifacts');

const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--lang=fr-FR',
];

function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return path;
}

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** A harness's router, and the calls of each document its page loads, taken in the order they were made, as Electron's IPC keeps them. */
interface Endpoint {
  router: Router;
  documents: Map<string, { next: number; waiting: Map<number, () => void> }>;
}

/** The open harnesses of the worker, by the id their page sends with each call. */
const endpoints = new Map<string, Endpoint>();

/**
 * Module scripts do not load from file:// in Chromium, so the built renderer is served on loopback. The same
 * server carries the page's API calls (POST /__invoke/<harness id>): the answer crosses as one JSON text, a
 * native copy as with Electron's IPC (about 5 ms for the large demo's 650 KB directory). Playwright's bindings
 * travel through the DevTools protocol, which escapes and parses the text again on each side: 150 ms and more
 * for the same answer, a wait the app never has.
 */
async function serveRenderer(): Promise<Server> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'POST' && pathname.startsWith('/__invoke/')) return void answerInvoke(endpoints.get(pathname.slice('/__invoke/'.length)), req, res);
    const path = normalize(join(RENDERER_DIR, pathname));
    const file = path === RENDERER_DIR || path.endsWith('/') ? join(RENDERER_DIR, 'index.html') : path;
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  // Shared by the worker's harnesses: it must not keep a script alive that is done with them.
  server.unref();
  return server;
}

async function answerInvoke(endpoint: Endpoint | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!endpoint) return void res.writeHead(410).end();
  const { page, seq, channel, input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { page: string; seq: number; channel: unknown; input: unknown };
  let calls = endpoint.documents.get(page);
  if (!calls) endpoint.documents.set(page, (calls = { next: 0, waiting: new Map() }));
  // Each call comes on its own connection: one that overtook an earlier call waits for it to be handed over.
  if (seq !== calls.next) await new Promise<void>((turn) => calls.waiting.set(seq, turn));
  const answer = endpoint.router.invoke(channel, input);
  calls.next = seq + 1;
  calls.waiting.get(calls.next)?.();
  calls.waiting.delete(calls.next);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await answer));
}

export interface Harness {
  page: Page;
  session: CommissionSession;
  dataDir: string;
  /** Paths the next file dialogs will answer (null = the user cancels). */
  dialogAnswers: (string | null)[];
  openedPaths: string[];
  /** Files whose folder the app asked the system to show. */
  shownInFolder: string[];
  errors: string[];
  /** Simulates a click in the Electron menu (Fichier › …). */
  menu(command: MenuCommand): Promise<void>;
  /** Waits for the data the page asked for to be answered and painted (see settled() below). */
  settled(): Promise<void>;
  /** A PNG of the page in test-artifacts/, taken only when MAILLAGE_SCREENSHOTS=1 (its path, or null). */
  screenshot(name: string): Promise<string | null>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  setup?: (session: CommissionSession, dataDir: string) => unknown;
}

/** A harness opened on a commission just created, with nothing in it but the national frameworks, as `maillage init` makes one. */
export function newCommission(departmentCode: string): HarnessOptions {
  return { setup: (session) => session.create({ departmentCode, name: null }, new Date()) };
}

/** A harness opened on a demo commission of this size, generated for today (in Paris), as `maillage demo` makes one. */
export function demoCommission(size: 'small' | 'large'): HarnessOptions {
  return { setup: (session, dataDir) => session.open(copyDemo(size, new Date(), dataDir)) };
}

/** Screenshots are for a person to look at: taken on request, and of a failing test's page. */
export const SCREENSHOTS = process.env.MAILLAGE_SCREENSHOTS === '1';

/**
 * One Chromium per test worker, launched on first use and kept for the files the worker runs (vitest.config.ts
 * does not isolate the e2e files): each harness gets its own browser context, as fresh as a new browser (no
 * storage, cookies or cache shared) for a fifth of the launch's time. Playwright closes the browser when the
 * worker exits.
 */
let browser: Promise<Browser> | null = null;
let server: Promise<Server> | null = null;

async function sharedBrowser(): Promise<Browser> {
  const current = browser && (await browser.catch(() => null));
  if (current?.isConnected()) return current;
  browser = chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  return browser;
}

/** Closes the worker's Chromium and renderer server: for scripts that must exit (npm run bench:ui), not for tests. */
export async function stopBrowser(): Promise<void> {
  const [current, listening] = await Promise.all([browser?.catch(() => null), server]);
  browser = server = null;
  await current?.close();
  if (listening) await new Promise((ok) => listening.close(ok));
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-e2e-'));
  const session = new CommissionSession(dataDir);
  const dialogAnswers: (string | null)[] = [];
  const openedPaths: string[] = [];
  const shownInFolder: string[] = [];
  const os: OsServices = {
    dataDir,
    pickOpenFile: async () => dialogAnswers.shift() ?? null,
    pickSaveFile: async () => dialogAnswers.shift() ?? null,
    pickFolder: async () => dialogAnswers.shift() ?? null,
    openPath: async (path) => void openedPaths.push(path),
    showInFolder: async (path) => void shownInFolder.push(path),
  };
  await options.setup?.(session, dataDir);
  const router = createRouter({ session, os, now: () => new Date() });

  server ??= serveRenderer();
  const { port } = (await server).address() as AddressInfo;
  const context = await (await sharedBrowser()).newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1440, height: 900 } });
  // Scripts run by tsx (npm run bench:ui) are compiled with esbuild's keepNames, which wraps functions in
  // __name(): the functions this file hands to the page need that helper there too.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  const harnessId = randomUUID();
  endpoints.set(harnessId, { router, documents: new Map() });
  // Same shape as the preload's bridge (src/preload/index.ts), counting the calls under way for settled().
  await context.addInitScript((id: string) => {
    const w = window as unknown as Record<string, unknown> & { __maillagePending: number };
    const listeners = new Set<(command: string) => void>();
    w.__maillagePending = 0;
    const page = crypto.randomUUID();
    let calls = 0;
    w.__maillageCommand = (command: string) => listeners.forEach((l) => l(command));
    w.maillage = {
      invoke: async (channel: string, input: unknown) => {
        w.__maillagePending++;
        try {
          const answer = await fetch(`/__invoke/${id}`, { method: 'POST', body: JSON.stringify({ page, seq: calls++, channel, input }) });
          return (await answer.json()) as unknown;
        } finally {
          w.__maillagePending--;
        }
      },
      onCommand: (listener: (command: string) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }, harnessId);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`http://127.0.0.1:${port}/index.html`);

  const capture = async (path: string) => {
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path });
    return path;
  };
  /** Whatever MAILLAGE_SCREENSHOTS says, a failing test's page is kept, in test-artifacts/echecs/. */
  const keepFailure = async (testName: string) => {
    const name = testName.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80);
    const path = await capture(join(ARTIFACTS_DIR, 'echecs', `${name}.png`)).catch(() => null);
    if (path) console.error(`Page at the failure: ${relative(process.cwd(), path)}`);
  };
  const harness: Harness = {
    page,
    session,
    dataDir,
    dialogAnswers,
    openedPaths,
    shownInFolder,
    errors,
    menu: (command) => page.evaluate((c) => (window as unknown as { __maillageCommand: (c: string) => void }).__maillageCommand(c), command),
    settled: () => settled(page),
    screenshot: (name) => (SCREENSHOTS ? capture(join(ARTIFACTS_DIR, `${name}.png`)) : Promise.resolve(null)),
    async close() {
      forget();
      endpoints.delete(harnessId);
      // Closed in the afterEach of a failing test: its page is kept here (test/setup.ts keeps those still open).
      const failed = await failingTest();
      if (failed) await keepFailure(failed);
      await context.close();
      session.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const forget = keepOnFailure(keepFailure);
  return harness;
}

/**
 * Waits for the data: every call the page made through the bridge answered, nothing left « Chargement… », and
 * two frames painted since, in a row (what `networkidle` cannot see, the bridge being no network).
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __maillageQuietFrames: number }).__maillageQuietFrames = 0));
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __maillagePending: number; __maillageQuietFrames: number };
      const quiet = w.__maillagePending === 0 && !document.querySelector('.loading');
      w.__maillageQuietFrames = quiet ? w.__maillageQuietFrames + 1 : 0;
      return w.__maillageQuietFrames >= 2;
    },
    undefined,
    { polling: 'raf' },
  );
}

/** The name of the vitest test under way if it has failed (closing in its afterEach), else null. */
async function failingTest(): Promise<string | null> {
  if (!process.env.VITEST) return null;
  const { TestRunner } = await import('vitest');
  const test = TestRunner.getCurrentTest();
  return test?.result?.state === 'fail' ? test.name : null;
}
