/**
 * The one application window, locked down along Electron's security checklist: the renderer
 * gets no Node, runs sandboxed in an isolated world, reaches main only through the preload's
 * `window.maillage`, cannot navigate away, open windows, or obtain any permission.
 */
import { app, BrowserWindow, dialog, net, protocol, shell, type Session, type WebContents } from 'electron';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The built renderer is served from app://maillage/, a privileged scheme of our own, rather than
 * file:// (Electron's security checklist): a file: page shares its origin with every local file,
 * and any file: URL it were navigated to would look like ours. Only files under the built renderer
 * folder are served.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'maillage';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Where the renderer comes from: electron-vite's dev server in development, the built files otherwise. */
export type RendererSource = { kind: 'url'; url: string } | { kind: 'app'; root: string };

/** The dev server only when electron-vite started us with one (`npm start`), never in a packaged app. */
export function rendererSource(devServerUrl: string | undefined, isPackaged: boolean, builtRoot: string): RendererSource {
  return devServerUrl && !isPackaged ? { kind: 'url', url: devServerUrl } : { kind: 'app', root: builtRoot };
}

/** Must run before the app is ready: app:// then behaves as a secure, standard origin (CSP 'self', fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The file under `root` an app:// URL names, or null for anything else (another host, « .. », a malformed URL). */
export function rendererFileFor(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(resolve(root), file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? null : file;
}

/** Serves app:// from the built renderer folder; anything outside it is « not found ». */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = rendererFileFor(request.url, root);
    return file ? net.fetch(pathToFileURL(file).href) : new Response('Introuvable', { status: 404 });
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  renderer: RendererSource;
  /** Development only (`npm start`): the built app, packaged or previewed, cannot open them. */
  devTools: boolean;
}

/** Shown until the renderer sets document.title (then Electron follows the page's title). */
export const INITIAL_TITLE = 'Maillage – chargement…';

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: INITIAL_TITLE,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown once painted, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The renderer holds unsaved changes (its beforeunload said so): Electron shows nothing by itself, so ask here.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Quitter sans enregistrer', 'Rester'],
      defaultId: 1,
      cancelId: 1,
      title: 'Modifications non enregistrées',
      message: 'Des modifications n’ont pas été enregistrées.',
      detail: 'Si vous quittez maintenant, elles seront perdues.',
    });
    if (choice === 0) event.preventDefault();
  });

  void window.loadURL(options.renderer.kind === 'url' ? options.renderer.url : APP_INDEX_URL);
  return window;
}

/**
 * The same limits for every webContents the app ever gets, the window's included: one a future
 * feature, a bug or a page would create must not be the way around them. Registered before the
 * app is ready, so that no webContents exists before it.
 */
export function lockDownEveryWebContents(options: { devTools: boolean }): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    denyAllPermissions(contents.session);
    // webPreferences.devTools covers our window; this covers any other webContents.
    if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}

/**
 * The app is a single page: any navigation would replace it with content that then holds
 * `window.maillage`. Links to the web open in the user's browser instead.
 */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Camera, microphone, geolocation, notifications, clipboard reads…: the app needs none. */
function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Only web pages go to the system browser: file:, smb:, custom schemes… could launch programs. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function openExternally(url: string): void {
  if (isExternalWebUrl(url)) void shell.openExternal(url);
}
