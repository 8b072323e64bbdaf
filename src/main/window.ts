/**
 * The one application window, locked down along Electron's security checklist: the renderer
 * gets no Node, runs sandboxed in an isolated world, reaches main only through the preload's
 * `window.maillage`, cannot navigate away, open windows, or obtain any permission.
 */
import { BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';

/** Where the renderer comes from: electron-vite's dev server in development, the built files otherwise. */
export type RendererSource = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** The dev server only when electron-vite started us with one (`npm start`), never in a packaged app. */
export function rendererSource(devServerUrl: string | undefined, isPackaged: boolean, builtIndex: string): RendererSource {
  return devServerUrl && !isPackaged ? { kind: 'url', url: devServerUrl } : { kind: 'file', path: builtIndex };
}

export interface MainWindowOptions {
  preloadPath: string;
  renderer: RendererSource;
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
    },
  });
  hardenWebContents(window.webContents);
  denyAllPermissions(window.webContents.session);
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

  if (options.renderer.kind === 'url') void window.loadURL(options.renderer.url);
  else void window.loadFile(options.renderer.path);
  return window;
}

/**
 * The app is a single page: any navigation would replace it with content that then holds
 * `window.maillage`. Links to the web open in the user's browser instead.
 */
export function hardenWebContents(contents: WebContents): void {
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
export function denyAllPermissions(session: Session): void {
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
