/**
 * The Electron glue, with `electron` mocked (the binary is never needed): window hardening, the
 * IPC sender check, the preload's surface, the app's startup wiring, and the renderer's CSP.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { menuCommands, type MaillageBridge } from '../../src/shared/api';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const state = {
    windows: [] as FakeWindow[],
    exposed: new Map<string, unknown>(),
    ipcMainHandlers: new Map<string, Listener>(),
    rendererListeners: new Map<string, Listener[]>(),
    appListeners: new Map<string, Listener[]>(),
    switches: [] as [string, string | undefined][],
    menu: null as unknown,
    userData: '',
    protocolHandlers: new Map<string, Listener>(),
  };

  class FakeContents {
    handlers = new Map<string, Listener>();
    windowOpenHandler: Listener | null = null;
    mainFrame = { processId: 4, routingId: 1, url: '' };
    session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    send = vi.fn();
    closeDevTools = vi.fn();
    on(event: string, handler: Listener) {
      this.handlers.set(event, handler);
      return this;
    }
    setWindowOpenHandler(handler: Listener) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeWindow {
    webContents = new FakeContents();
    loadURL = vi.fn(async () => undefined);
    loadFile = vi.fn(async () => undefined);
    show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
      // As Electron does for every webContents it creates.
      for (const listener of state.appListeners.get('web-contents-created') ?? []) listener({}, this.webContents);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    isDestroyed() {
      return false;
    }
  }

  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };

  const module = {
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, handler: Listener) => state.protocolHandlers.set(scheme, handler)),
    },
    net: { fetch: vi.fn(async (url: string) => new Response(`contenu de ${url}`)) },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(), showMessageBoxSync: vi.fn(() => 1), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn((menu: unknown) => (state.menu = menu)) },
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => state.ipcMainHandlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => state.ipcMainHandlers.delete(channel)),
    },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'from main' })),
      on: vi.fn(on(state.rendererListeners)),
      removeListener: vi.fn((event: string, listener: Listener) => {
        state.rendererListeners.set(
          event,
          (state.rendererListeners.get(event) ?? []).filter((l) => l !== listener),
        );
      }),
    },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => state.exposed.set(key, api)) },
    app: {
      commandLine: { appendSwitch: vi.fn((name: string, value?: string) => state.switches.push([name, value])) },
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(() => Promise.resolve()),
      on: vi.fn(on(state.appListeners)),
      quit: vi.fn(),
      exit: vi.fn(),
      isPackaged: false,
      getPath: vi.fn(() => state.userData),
      getAppPath: vi.fn(() => '/app'),
      getVersion: vi.fn(() => '0.1.0'),
    },
  };
  return { state, module, FakeWindow, FakeContents };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { APP_INDEX_URL, createMainWindow, isExternalWebUrl, lockDownEveryWebContents, rendererFileFor, rendererSource } = await import('../../src/main/electron/window');
const { COMMAND_CHANNEL, INVOKE_CHANNEL, REFUSED, isTrustedSender, registerIpc, trustedRendererUrls } = await import('../../src/main/electron/ipc');
const { menuTemplate } = await import('../../src/main/electron/menu');

type FakeWindow = InstanceType<typeof electron.FakeWindow>;
const PRELOAD = '/app/out/preload/index.cjs';
const BUILT_RENDERER = '/app/out/renderer';

function newWindow(renderer = rendererSource(undefined, false, BUILT_RENDERER), devTools = false): FakeWindow {
  createMainWindow({ preloadPath: PRELOAD, renderer, devTools });
  return electron.state.windows.at(-1)!;
}

// What src/main/index.ts does before the app is ready (the startup tests below check that it does).
lockDownEveryWebContents({ devTools: false });

beforeEach(() => {
  electron.module.shell.openExternal.mockClear();
});

describe('BrowserWindow', () => {
  it('isolates and sandboxes the renderer, without Node, with our preload', () => {
    const window = newWindow();
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(window.options['title']).toMatch(/^Maillage/);
    expect((newWindow(undefined, true).options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(true);
  });

  it('applies the same limits to every other webContents, and closes DevTools opened outside development', () => {
    const contents = new electron.FakeContents();
    for (const listener of electron.state.appListeners.get('web-contents-created')!) listener({}, contents);
    const event = { preventDefault: vi.fn() };
    contents.handlers.get('will-navigate')!(event, 'file:///etc/passwd');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'about:blank' })).toEqual({ action: 'deny' });
    expect(contents.handlers.has('will-attach-webview')).toBe(true);
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(contents.session.setPermissionCheckHandler).toHaveBeenCalled();
    contents.handlers.get('devtools-opened')!();
    expect(contents.closeDevTools).toHaveBeenCalled();
  });

  it('loads the built index.html from app:// in production, never file://, and the dev server only in development', () => {
    const window = newWindow();
    expect(window.loadURL).toHaveBeenCalledWith('app://maillage/index.html');
    expect(window.loadFile).not.toHaveBeenCalled();
    const dev = newWindow(rendererSource('http://localhost:5173', false, BUILT_RENDERER));
    expect(dev.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    expect(rendererSource('http://localhost:5173', true, BUILT_RENDERER)).toEqual({ kind: 'app', root: BUILT_RENDERER });
  });

  it('serves app:// only from the built renderer folder', () => {
    expect(rendererFileFor('app://maillage/index.html', BUILT_RENDERER)).toBe(resolve(BUILT_RENDERER, 'index.html'));
    expect(rendererFileFor('app://maillage/', BUILT_RENDERER)).toBe(resolve(BUILT_RENDERER, 'index.html'));
    expect(rendererFileFor('app://maillage/assets/index-abc.js?v=1#x', BUILT_RENDERER)).toBe(resolve(BUILT_RENDERER, 'assets', 'index-abc.js'));
    // The URL parser already folds « .. » segments: they cannot climb above the folder.
    expect(rendererFileFor('app://maillage/../../main/index.js', BUILT_RENDERER)).toBe(resolve(BUILT_RENDERER, 'main', 'index.js'));
    expect(rendererFileFor('app://maillage/%2e%2e/%2e%2e/etc/passwd', BUILT_RENDERER)).toBe(resolve(BUILT_RENDERER, 'etc', 'passwd'));
    for (const url of [
      'app://maillage/assets/..%2f..%2fpreload%2findex.cjs',
      'app://maillage/a%5c..%5c..%5cx',
      'app://maillage/%00',
      'app://autre/index.html',
      'file:///app/out/renderer/index.html',
      'https://maillage/index.html',
      'pas une url',
    ]) {
      expect(rendererFileFor(url, BUILT_RENDERER), url).toBeNull();
    }
  });

  it('asks before a window holding unsaved changes closes or reloads, and stays unless the user agrees', () => {
    const unload = newWindow().webContents.handlers.get('will-prevent-unload')!;
    const stay = { preventDefault: vi.fn() };
    electron.module.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    unload(stay);
    expect(stay.preventDefault).not.toHaveBeenCalled();
    const leave = { preventDefault: vi.fn() };
    electron.module.dialog.showMessageBoxSync.mockReturnValueOnce(0);
    unload(leave);
    // Preventing Electron's default (keeping the page) is what lets it unload.
    expect(leave.preventDefault).toHaveBeenCalled();
    expect(electron.module.dialog.showMessageBoxSync).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ buttons: ['Quitter sans enregistrer', 'Rester'] }));
  });

  it('denies every navigation, sending web links to the system browser only', () => {
    const navigate = newWindow().webContents.handlers.get('will-navigate')!;
    for (const url of ['https://example.org/page', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share']) {
      const event = { preventDefault: vi.fn() };
      navigate(event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(electron.module.shell.openExternal.mock.calls).toEqual([['https://example.org/page']]);
  });

  it('denies new windows and webviews', () => {
    const contents = newWindow().webContents;
    for (const url of ['https://example.org/', 'http://example.org/', 'file:///C:/Windows/system32/calc.exe', 'ms-msdt:/id', 'about:blank']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.module.shell.openExternal.mock.calls).toEqual([['https://example.org/'], ['http://example.org/']]);
    const attach = { preventDefault: vi.fn() };
    contents.handlers.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    expect(isExternalWebUrl('not a url')).toBe(false);
  });

  it('refuses every permission request and check', () => {
    const { session } = newWindow().webContents;
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as Listener;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as Listener;
    expect(check({}, 'media')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const fileIndex = APP_INDEX_URL;
  const prod = trustedRendererUrls({ kind: 'app', root: '/app/out/renderer' });
  const dev = trustedRendererUrls({ kind: 'url', url: 'http://localhost:5173/' });

  it('accepts our page in its main frame', () => {
    expect(prod).toEqual([fileIndex]);
    expect(isTrustedSender(fileIndex, true, prod)).toBe(true);
    expect(isTrustedSender(`${fileIndex}#/partenaires?id=1`, true, prod)).toBe(true);
    expect(dev).toEqual(['http://localhost:5173']);
    expect(isTrustedSender('http://localhost:5173/', true, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/src/main.tsx#x', true, dev)).toBe(true);
  });

  it('refuses our page in a subframe', () => {
    expect(isTrustedSender(fileIndex, false, prod)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', false, dev)).toBe(false);
  });

  it('refuses any other page', () => {
    for (const url of [
      'app://maillage/other.html',
      'app://evil/index.html',
      pathToFileURL('/app/out/renderer/index.html').href,
      'file:///tmp/index.html',
      'file://evil-host/app/out/renderer/index.html',
      'https://example.org/',
      'http://localhost:5174/',
      'https://localhost:5173/',
      'about:blank',
      'data:text/html,<script>1</script>',
      '',
      'not a url',
    ]) {
      expect(isTrustedSender(url, true, prod), url).toBe(false);
    }
    expect(isTrustedSender(undefined, true, prod)).toBe(false);
    expect(isTrustedSender(fileIndex, true, dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, prod)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, [])).toBe(false);
  });
});

describe('IPC adapter', () => {
  const router = { invoke: vi.fn(async (): Promise<unknown> => ({ ok: true, value: 'ok' })) };
  const fileIndex = APP_INDEX_URL;
  let window: FakeWindow;
  let handler: Listener;

  beforeAll(() => {
    window = newWindow();
    window.webContents.mainFrame.url = fileIndex;
    registerIpc(router as never, () => window as never, [fileIndex]);
    handler = electron.state.ipcMainHandlers.get(INVOKE_CHANNEL)!;
  });
  beforeEach(() => router.invoke.mockClear());

  it('passes calls from our main frame to the router', async () => {
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(handler(event, 'partners.list', undefined)).resolves.toEqual({ ok: true, value: 'ok' });
    expect(router.invoke).toHaveBeenCalledWith('partners.list', undefined);
  });

  it('refuses, without calling the router, a subframe, another window, a destroyed frame or another page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const other = new electron.FakeWindow({});
    const events = [
      { sender: window.webContents, senderFrame: { processId: 4, routingId: 7, url: fileIndex } },
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
      { sender: window.webContents, senderFrame: null },
      { sender: window.webContents, senderFrame: { ...window.webContents.mainFrame, url: 'https://example.org/' } },
    ];
    for (const event of events) expect(await handler(event, 'partners.list', undefined)).toEqual(REFUSED);
    expect(REFUSED).toEqual({ ok: false, error: { code: 'internal', message: 'Appel refusé.' } });
    expect(router.invoke).not.toHaveBeenCalled();
  });
});

describe('preload', () => {
  let bridge: MaillageBridge;
  const { ipcRenderer, contextBridge } = electron.module;

  beforeAll(async () => {
    await import('../../src/preload/index');
    bridge = electron.state.exposed.get('maillage') as MaillageBridge;
  });
  beforeEach(() => ipcRenderer.invoke.mockClear());

  it('exposes window.maillage with invoke and onCommand only, never ipcRenderer', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.state.exposed.keys()]).toEqual(['maillage']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onCommand']);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipcRenderer.invoke);
    }
  });

  it('refuses a channel outside the contract without calling ipcRenderer', async () => {
    for (const channel of ['fs.readFile', 'constructor', '__proto__', 'maillage:invoke', '']) {
      await expect(bridge.invoke(channel as never)).resolves.toEqual({
        ok: false,
        error: { code: 'unknown_channel', message: 'Opération inconnue.' },
      });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('forwards contract channels on the channel main listens to', async () => {
    await expect(bridge.invoke('partners.get', { id: 'x' })).resolves.toEqual({ ok: true, value: 'from main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, 'partners.get', { id: 'x' });
  });

  it('turns an IPC failure into a structured French error', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error('No handler registered'));
    const result = await bridge.invoke('app.status');
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).toMatch(/communication avec Maillage/);
  });

  it('relays only known menu commands, without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onCommand(listener);
    const relays = electron.state.rendererListeners.get(COMMAND_CHANNEL)!;
    expect(relays).toHaveLength(1);
    const fakeEvent = { sender: ipcRenderer };
    for (const command of [...menuCommands, 'quit', 42, null, { command: 'open' }]) relays[0]!(fakeEvent, command);
    expect(listener.mock.calls).toEqual(menuCommands.map((command) => [command]));
    unsubscribe();
    expect(electron.state.rendererListeners.get(COMMAND_CHANNEL)).toEqual([]);
  });
});

describe('menu', () => {
  function items(isDev: boolean, isMac = false) {
    const send = vi.fn();
    const template = menuTemplate({ isDev, isMac, send, about: vi.fn() });
    const flat = template.flatMap((menu) => [menu, ...((menu.submenu as unknown[] | undefined) ?? [])]) as { label?: string; role?: string; click?: () => void }[];
    return { template, flat, send };
  }

  it('is French and sends only contract commands to the renderer', () => {
    const { template, flat, send } = items(false);
    expect(template.map((menu) => menu.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
    for (const label of ['Nouvelle commission…', 'Ouvrir…', 'Enregistrer une copie…', 'Quitter', 'Annuler', 'Rétablir', 'Couper', 'Copier', 'Coller', 'Tout sélectionner', 'À propos de Maillage']) {
      expect(flat.some((item) => item.label === label), label).toBe(true);
    }
    for (const item of flat) if (item.click && item.label !== 'À propos de Maillage') item.click();
    expect(send.mock.calls.map(([command]) => command).sort()).toEqual([...menuCommands].sort());
  });

  it('offers reload and developer tools in development only', () => {
    const roles = (isDev: boolean) => items(isDev).flat.map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
  });
});

describe('app startup (src/main/index.ts)', () => {
  const userData = mkdtempSync(join(tmpdir(), 'maillage-electron-'));
  afterAll(() => rmSync(userData, { recursive: true, force: true }));

  let lockDownsBefore = 0;
  beforeAll(async () => {
    electron.state.userData = userData;
    electron.state.ipcMainHandlers.clear();
    electron.state.windows.length = 0;
    lockDownsBefore = electron.state.appListeners.get('web-contents-created')?.length ?? 0;
    await import('../../src/main/index');
    await vi.waitFor(() => expect(electron.state.windows).toHaveLength(1));
  });

  it('asks Chromium for French (date inputs in jj/mm/aaaa) and allows a single instance', () => {
    expect(electron.state.switches).toContainEqual(['lang', 'fr']);
    expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.state.appListeners.get('second-instance')).toHaveLength(1);
  });

  it('creates the hardened window with the CommonJS preload, wires IPC and the menu', () => {
    const prefs = electron.state.windows[0]!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['preload']).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(prefs['sandbox']).toBe(true);
    // Started without the dev server, as `electron-vite preview` and the installed app are: no DevTools.
    expect(prefs['devTools']).toBe(false);
    expect(electron.state.appListeners.get('web-contents-created')).toHaveLength(lockDownsBefore + 1);
    expect(electron.state.ipcMainHandlers.has(INVOKE_CHANNEL)).toBe(true);
    expect(electron.state.menu).not.toBeNull();
    expect(electron.module.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('answers through the router, and closes the database on quit', async () => {
    const window = electron.state.windows[0]!;
    window.webContents.mainFrame.url = APP_INDEX_URL;
    const handler = electron.state.ipcMainHandlers.get(INVOKE_CHANNEL)!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(handler(event, 'app.status', undefined)).resolves.toEqual({ ok: true, value: { commission: null, damaged: null, unavailable: null } });
    await expect(handler(event, 'app.openDemo', undefined)).resolves.toMatchObject({ ok: true });
    for (const listener of electron.state.appListeners.get('will-quit') ?? []) listener();
    await expect(handler(event, 'partners.list', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'no_commission' } });
  });

  it('registers app:// as privileged before the app is ready and serves only the renderer folder', async () => {
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const serve = electron.state.protocolHandlers.get('app')!;
    const found = (await serve({ url: 'app://maillage/index.html' })) as Response;
    expect(await found.text()).toMatch(/^contenu de file:.*[\\/]renderer[\\/]index\.html$/);
    const refused = (await serve({ url: 'app://maillage/..%2f..%2fmain%2findex.js' })) as Response;
    expect(refused.status).toBe(404);
  });

  it('sends menu commands to the window on the channel the preload listens to', () => {
    const fichier = (electron.state.menu as { label: string; submenu: { label?: string; click?: () => void }[] }[])[0]!;
    fichier.submenu.find((item) => item.label === 'Ouvrir…')!.click!();
    expect(electron.state.windows[0]!.webContents.send).toHaveBeenCalledWith(COMMAND_CHANNEL, 'open');
  });
});

describe('build configuration', () => {
  it('bundles the preload as CommonJS with its dependencies, as a sandboxed preload requires', async () => {
    const { default: config } = await import('../../electron.vite.config');
    const preload = (config as { preload: { build: { externalizeDeps: unknown; rollupOptions: { output: Record<string, unknown> } } } }).preload.build;
    expect(preload.externalizeDeps).toBe(false);
    expect(preload.rollupOptions.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
  });

  it.skipIf(!existsSync('out/preload/index.cjs'))('builds a preload that runs with nothing but require("electron")', () => {
    const exposed = new Map<string, unknown>();
    const sandboxedRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: electron.module.ipcRenderer };
    };
    const module = { exports: {} };
    runInNewContext(readFileSync('out/preload/index.cjs', 'utf8'), { require: sandboxedRequire, module, exports: module.exports });
    expect(Object.keys(exposed.get('maillage') as object).sort()).toEqual(['invoke', 'onCommand']);
  });
});

describe('Content-Security-Policy of the renderer', () => {
  function csp(file: string): Map<string, string[]> {
    const html = readFileSync(file, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta, `${file} must declare a CSP meta`).not.toBeNull();
    return new Map(
      meta![1]!
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!, values]),
    );
  }

  function expectStrict(policy: Map<string, string[]>) {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    for (const [name, values] of policy) {
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(values, name).not.toContain('*');
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  }

  it('is strict in src/renderer/index.html', () => {
    expectStrict(csp('src/renderer/index.html'));
  });

  it.skipIf(!existsSync('out/renderer/index.html'))('survives the build', () => {
    expectStrict(csp('out/renderer/index.html'));
  });
});
