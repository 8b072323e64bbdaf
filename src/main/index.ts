/**
 * Electron entry point: wires the router (shared with the CLI and the tests) to the window, the
 * menu and native dialogs. Everything here is glue; behaviour lives in api/, features/, commission-file/ and spreadsheets/.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRouter } from './api/router';
import { createElectronOs } from './electron/electron-os';
import { COMMAND_CHANNEL, registerIpc, trustedRendererUrls } from './electron/ipc';
import { installMenu } from './electron/menu';
import { resolveNativeBinding } from './electron/native-binding';
import { CommissionSession } from './commission-file/session';
import { createMainWindow, registerAppScheme, rendererSource, serveRenderer } from './electron/window';

// Chromium takes the UI locale from this switch: date inputs then read jj/mm/aaaa, not mm/dd/yyyy.
app.commandLine.appendSwitch('lang', 'fr');

// Bundled to out/main/index.js, next to out/preload and out/renderer.
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const preloadPath = join(outDir, 'preload', 'index.cjs');
const builtRenderer = join(outDir, 'renderer');

let mainWindow: BrowserWindow | null = null;

// Before the app is ready, as Electron requires for a privileged scheme.
registerAppScheme();

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
  const binding = resolveNativeBinding({ versions: process.versions, arch: process.arch, appRoot: app.getAppPath() }, existsSync);
  if (!binding.ok) {
    dialog.showErrorBox('Maillage ne peut pas démarrer', binding.message);
    app.quit();
    return;
  }

  const dataDir = app.getPath('userData');
  const session = new CommissionSession(dataDir, binding.path);
  // Before the window exists, so that its first app.status sees the reopened (or damaged) commission.
  await session.reopenLast();
  // The checkpoint of WAL into the main file happens on close: never skip it.
  app.on('will-quit', () => {
    session.discardImport();
    session.close();
  });

  const os = createElectronOs(() => mainWindow, dataDir);
  const router = createRouter({ session, os, now: () => new Date() });
  const source = rendererSource(process.env['ELECTRON_RENDERER_URL'], app.isPackaged, builtRenderer);
  if (source.kind === 'app') serveRenderer(source.root);
  registerIpc(router, () => mainWindow, trustedRendererUrls(source));

  installMenu({
    isDev: !app.isPackaged,
    isMac: process.platform === 'darwin',
    send: (command) => mainWindow?.webContents.send(COMMAND_CHANNEL, command),
    about: showAbout,
  });

  mainWindow = createMainWindow({ preloadPath, renderer: source });
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

function fatal(error: unknown): void {
  console.error(error);
  dialog.showErrorBox('Maillage ne peut pas démarrer', `Une erreur inattendue est survenue au démarrage :\n${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
}
