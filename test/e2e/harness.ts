/**
 * End-to-end harness: the built renderer (out/renderer) in the system Chromium, with
 * window.maillage bridged by Playwright to the real main-side router on a temporary database.
 * The fake OS answers file dialogs from a queue the test fills, as a user would pick files.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MenuCommand } from '../../src/shared/api';
import { createRouter } from '../../src/main/api/router';
import type { OsServices } from '../../src/main/platform/os';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { generateDemo } from '../../src/main/features/demo';
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

/** Module scripts do not load from file:// in Chromium, so the built renderer is served on loopback. */
async function serveRenderer(): Promise<Server> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  const server = createServer((req, res) => {
    const path = normalize(join(RENDERER_DIR, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path === RENDERER_DIR || path.endsWith('/') ? join(RENDERER_DIR, 'index.html') : path;
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
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
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  setup?: (session: CommissionSession, dataDir: string) => unknown;
}

/** A harness opened on a commission just created, with nothing in it but the national frameworks, as `maillage init` makes one. */
export function newCommission(departmentCode: string): HarnessOptions {
  return { setup: (session) => session.create({ departmentCode, name: null }, new Date()) };
}

/** A harness opened on a demo commission of this size, generated for today, as `maillage demo` makes one. */
export function demoCommission(size: 'small' | 'large'): HarnessOptions {
  return {
    setup: (session, dataDir) => {
      const file = join(dataDir, size === 'large' ? 'grande-demo.maillage' : 'demo.maillage');
      const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, new Date());
      generateDemo(db, { size, today: new Date() });
      db.close();
      return session.open(file);
    },
  };
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
    openPath: async (path) => void openedPaths.push(path),
    showInFolder: async (path) => void shownInFolder.push(path),
  };
  await options.setup?.(session, dataDir);
  const router = createRouter({ session, os, now: () => new Date() });

  const server = await serveRenderer();
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1440, height: 900 } });
  // Scripts run by tsx (npm run bench:ui) are compiled with esbuild's keepNames, which wraps functions in
  // __name(): the functions this file hands to the page need that helper there too.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  // Answers cross as JSON text, the way Electron's IPC copies plain data in one native pass: Playwright's own
  // serialiser walks an object value by value and takes seconds on the large demo's lists, which the app never does.
  await context.exposeBinding('__maillageInvoke', async (_source, channel: unknown, input: unknown) => JSON.stringify(await router.invoke(channel, input)));
  // Same shape as the preload's bridge (src/preload/index.ts).
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const listeners = new Set<(command: string) => void>();
    w.__maillageCommand = (command: string) => listeners.forEach((l) => l(command));
    w.maillage = {
      invoke: async (channel: string, input: unknown) => JSON.parse(await (w.__maillageInvoke as (c: string, i: unknown) => Promise<string>)(channel, input)) as unknown,
      onCommand: (listener: (command: string) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/index.html`);

  return {
    page,
    session,
    dataDir,
    dialogAnswers,
    openedPaths,
    shownInFolder,
    errors,
    menu: (command) => page.evaluate((c) => (window as unknown as { __maillageCommand: (c: string) => void }).__maillageCommand(c), command),
    async screenshot(name) {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
      session.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
