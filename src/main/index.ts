/**
 * Electron entry point: wires the router (shared with the CLI and the tests) to the window, the
 * menu and native dialogs. Everything here is glue; behaviour lives in api/, features/, commission-file/ and spreadsheets/.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRouter } from './api/router';
import { createElectronOs } from './electron/electron-os';
import { COMMAND_CHANNEL, registerIpc, trustedRendererUrls } from './electron/ipc';
import { installMenu } from './electron/menu';
import { loadNativeBinding } from './electron/native-binding';
import { withLogReference, writeLog } from './electron/startup-log';
import { CommissionSession } from './commission-file/session';
import { createMainWindow, lockDownEveryWebContents, registerAppScheme, rendererSource, serveRenderer } from './electron/window';

// Chromium takes the UI locale from this switch: date inputs then read jj/mm/aaaa, not mm/dd/yyyy.
app.commandLine.appendSwitch('lang', 'fr');

// Bundled to out/main/index.js, next to out/preload and out/renderer.
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const preloadPath = join(outDir, 'preload', 'index.cjs');
const source = rendererSource(process.env['ELECTRON_RENDERER_URL'], app.isPackaged, join(outDir, 'renderer'));
// Development is `npm start` (the dev server): DevTools and reload belong there only. The built app,
// packaged or run with `electron-vite preview`, behaves as users get it.
const development = source.kind === 'url';

let mainWindow: BrowserWindow | null = null;

// Before the app is ready, as Electron requires for a privileged scheme, and before any webContents exists.
registerAppScheme();
lockDownEveryWebContents({ devTools: development });

// Two instances would open the same SQLite file and both write the preferences: focus the first one instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  const binding = loadNativeBinding(
    { versions: process.versions, platform: process.platform, arch: process.arch, appRoot: app.getAppPath(), packaged: app.isPackaged },
    { exists: existsSync, load: createRequire(import.meta.url) },
  );
  if (!binding.ok) {
    dialog.showErrorBox('Maillage ne peut pas démarrer', withLogReference(binding.message, writeLog(app.getPath('logs'), binding.detail)));
    app.quit();
    return;
  }

  const dataDir = app.getPath('userData');
  const session = new CommissionSession(dataDir, binding.path);
  // Not awaited: nothing may keep the window from showing (a large commission's daily backup takes
  // seconds). The window's first app.status waits for it, under « Ouverture de la commission… ».
  void session.reopenLast();
  // The checkpoint of WAL into the main file happens on close: never skip it.
  app.on('will-quit', () => {
    session.discardImport();
    session.close();
  });

  const os = createElectronOs(() => mainWindow, dataDir);
  const router = createRouter({ session, os, now: () => new Date() });
  if (source.kind === 'app') serveRenderer(source.root);
  registerIpc(router, () => mainWindow, trustedRendererUrls(source));

  installMenu({
    isDev: development,
    isMac: process.platform === 'darwin',
    send: (command) => mainWindow?.webContents.send(COMMAND_CHANNEL, command),
    about: showAbout,
  });

  mainWindow = createMainWindow({ preloadPath, renderer: source, devTools: development });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // One window holds the open commission: closing it ends the app, macOS included.
  app.on('window-all-closed', () => app.quit());
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'À propos de Maillage',
    message: `Maillage ${app.getVersion()}`,
    detail:
      'L’outil des commissions départementales de lutte contre la prostitution, le proxénétisme et la traite des êtres humains aux fins d’exploitation sexuelle.\n\n' +
      `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
    buttons: ['Fermer'],
  };
  if (mainWindow) void dialog.showMessageBox(mainWindow, options);
  else void dialog.showMessageBox(options);
}

/** A failure nothing above expected: the user gets a sentence, the log gets the stack. */
function fatal(error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(detail);
  const log = writeLog(app.getPath('logs'), `Startup failed: ${detail}`);
  dialog.showErrorBox(
    'Maillage ne peut pas démarrer',
    withLogReference('Une erreur inattendue est survenue au démarrage. Relancez Maillage ; si cela se reproduit, réinstallez-le ou contactez votre service informatique.', log),
  );
  app.exit(1);
}
