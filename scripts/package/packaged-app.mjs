/**
 * Runs the main process of a packaged Maillage, extracted from its app.asar, under plain Node with
 * a stand-in `electron` module, and does what a first session in the app does: the window opens on
 * app://, the preload exposes its bridge, the demo commission is created, a bilan with its charts
 * and the minutes of a session are written. Started by scripts/package/run-packaged.ts in a process
 * of its own; prints one line `@@RESULTS@@[…]` with what each step found.
 *
 * Plain JavaScript on purpose: the packaged code must run under Node exactly as it was built, with
 * no TypeScript loader in between. Its only companion is node_modules/electron/index.mjs, which
 * run-packaged.ts writes into the extracted app and which re-exports the stand-in defined here.
 */
/* global Response -- Node's own, as in Electron's main process */
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';

const APP_INDEX_URL = 'app://maillage/index.html';
const INVOKE_CHANNEL = 'maillage:invoke';

/** @type {{ appDir: string, dataDir: string, electronVersion: string, schemaVersion: number }} */
const options = JSON.parse(process.argv[2] ?? '{}');
/** @type {{ step: string, ok: boolean, detail: string }[]} */
const results = [];
const record = (step, ok, detail) => results.push({ step, ok, detail });

// The packaged main picks its SQLite module by Electron's version, as it does inside Electron.
process.versions.electron = options.electronVersion;

const paths = {
  userData: join(options.dataDir, 'userData'),
  logs: join(options.dataDir, 'logs'),
  documents: join(options.dataDir, 'documents'),
};
for (const dir of Object.values(paths)) mkdirSync(dir, { recursive: true });

const state = {
  windows: [],
  errors: [],
  exitCode: undefined,
  appListeners: new Map(),
  protocols: new Map(),
  ipc: new Map(),
  opened: [],
};
const addListener = (map) => (event, listener) => {
  map.set(event, [...(map.get(event) ?? []), listener]);
};

class WebContents {
  handlers = new Map();
  mainFrame = { processId: 1, routingId: 1, url: '' };
  session = { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} };
  on(event, handler) {
    this.handlers.set(event, handler);
    return this;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send() {}
  closeDevTools() {}
}

class BrowserWindow {
  webContents = new WebContents();
  constructor(windowOptions) {
    this.options = windowOptions;
    for (const listener of state.appListeners.get('web-contents-created') ?? []) listener({}, this.webContents);
    state.windows.push(this);
  }
  async loadURL(url) {
    this.url = url;
    this.webContents.mainFrame.url = url;
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
  isMinimized() {
    return false;
  }
  show() {}
  focus() {}
  restore() {}
}

const packageJson = JSON.parse(readFileSync(join(options.appDir, 'package.json'), 'utf8'));

globalThis.__maillageElectronStandIn = {
  app: {
    commandLine: { appendSwitch() {} },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on: addListener(state.appListeners),
    quit() {},
    exit(code) {
      state.exitCode = code;
    },
    isPackaged: true,
    getPath(name) {
      if (!(name in paths)) throw new Error(`app.getPath('${name}') n’est pas prévu par le remplaçant d’Electron`);
      return paths[name];
    },
    getAppPath: () => options.appDir,
    getVersion: () => packageJson.version,
  },
  BrowserWindow,
  protocol: {
    registerSchemesAsPrivileged() {},
    handle(scheme, handler) {
      state.protocols.set(scheme, handler);
    },
  },
  net: {
    // As Electron's net.fetch does for file: URLs, which Node's fetch does not take.
    async fetch(url) {
      return new Response(readFileSync(fileURLToPath(url)));
    },
  },
  ipcMain: {
    handle(channel, handler) {
      state.ipc.set(channel, handler);
    },
    removeHandler(channel) {
      state.ipc.delete(channel);
    },
  },
  dialog: {
    showErrorBox(title, message) {
      state.errors.push(`${title} : ${message}`);
    },
    showMessageBox: async () => ({ response: 0 }),
    showMessageBoxSync: () => 0,
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    // The app proposes a path in Documents: the user accepts it.
    showSaveDialog: async (...args) => ({ canceled: false, filePath: args.at(-1).defaultPath }),
  },
  shell: {
    async openPath(path) {
      state.opened.push(path);
      return '';
    },
    showItemInFolder() {},
    async openExternal() {},
  },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu() {} },
};

async function waitFor(condition, timeoutMs) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) return false;
    await setTimeout(50);
  }
  return true;
}

/** The PNG images of a .docx, by their names in the zip (stored uncompressed in its directory). */
function imagesOf(docx) {
  return new Set(docx.toString('latin1').match(/word\/media\/[\w.-]+\.png/g) ?? []);
}

async function run() {
  await import(pathToFileURL(join(options.appDir, 'out', 'main', 'index.js')).href);
  await waitFor(() => state.windows.length > 0 || state.errors.length > 0 || state.exitCode !== undefined, 60_000);
  if (state.errors.length > 0 || state.windows.length === 0) {
    record('démarrage', false, state.errors.join('\n') || 'aucune fenêtre ouverte en 60 s');
    return;
  }
  const window = state.windows[0];
  const prefs = window.options.webPreferences;
  record('démarrage', true, 'la fenêtre s’ouvre, sans message d’erreur');

  const locked = prefs.sandbox === true && prefs.contextIsolation === true && prefs.nodeIntegration === false && prefs.devTools === false;
  record('fenêtre', locked && window.url === APP_INDEX_URL, `${window.url} ; sandbox, isolation, sans Node ni DevTools : ${locked ? 'oui' : 'non'}`);

  // The preload, from the package, with nothing but what a sandboxed preload gets.
  const preloadInside = !relative(options.appDir, prefs.preload).startsWith('..') && existsSync(prefs.preload);
  const exposed = new Map();
  const preloadModule = { exports: {} };
  try {
    const sandboxedRequire = (id) => {
      if (id !== 'electron') throw new Error(`un préchargement isolé ne peut pas charger ${id}`);
      return { contextBridge: { exposeInMainWorld: (key, api) => exposed.set(key, api) }, ipcRenderer: { invoke: async () => null, on() {}, removeListener() {} } };
    };
    runInNewContext(readFileSync(prefs.preload, 'utf8'), { require: sandboxedRequire, module: preloadModule, exports: preloadModule.exports });
  } catch (error) {
    record('préchargement', false, String(error));
  }
  const bridge = Object.keys(exposed.get('maillage') ?? {}).sort().join(', ');
  if (!results.some((r) => r.step === 'préchargement')) {
    record('préchargement', preloadInside && bridge === 'invoke, onCommand', `${relative(options.appDir, prefs.preload)} expose window.maillage { ${bridge} }`);
  }

  // The renderer, through app:// only.
  const serve = state.protocols.get('app');
  const fetchApp = async (url) => serve({ url });
  const index = await fetchApp(APP_INDEX_URL);
  const html = await index.text();
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  let assetsOk = assets.length > 0;
  for (const asset of assets) {
    const response = await fetchApp(`app://maillage/${asset}`);
    const expected = readFileSync(join(options.appDir, 'out', 'renderer', asset));
    assetsOk &&= response.status === 200 && Buffer.from(await response.arrayBuffer()).equals(expected);
  }
  const refused = [];
  for (const url of ['app://maillage/..%2f..%2fmain%2findex.js', 'app://maillage/..%2fpreload%2findex.cjs', 'app://autre/index.html']) {
    refused.push(`${url} → ${(await fetchApp(url)).status}`);
  }
  const refusedOk = refused.every((line) => line.endsWith('404'));
  record('app://', index.status === 200 && html.includes('<div id="root">') && assetsOk && refusedOk, `index.html et ${assets.length} fichiers servis ; ${refused.join(', ')}`);

  // The API, as the page calls it; another sender is refused.
  const handler = state.ipc.get(INVOKE_CHANNEL);
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  const invoke = (channel, input) => handler(event, channel, input);
  const stranger = await handler({ sender: window.webContents, senderFrame: { ...window.webContents.mainFrame, url: 'https://example.org/' } }, 'app.status', undefined);
  record('IPC', stranger.ok === false, `un appel d’une autre page est refusé : ${stranger.ok === false ? 'oui' : 'non'}`);

  const demo = await invoke('app.openDemo', undefined);
  const demoFile = join(paths.userData, 'commissions', 'demonstration.maillage');
  if (!demo.ok || !existsSync(demoFile)) {
    record('démonstration', false, demo.ok ? `${demoFile} absent` : demo.error.message);
    return;
  }
  // Read with the packaged better-sqlite3 and SQLite module, as the app loads them.
  const requireFromApp = createRequire(join(options.appDir, 'package.json'));
  const Database = requireFromApp('better-sqlite3');
  const binding = join(options.appDir, 'native', `${process.platform}-${process.arch}-electron-${options.electronVersion}`, 'better_sqlite3.node');
  const db = new Database(demoFile, { readonly: true, nativeBinding: binding });
  const version = db.pragma('user_version', { simple: true });
  const count = (table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  const catalogue = count('catalogue_nodes');
  const partners = count('partners');
  const meetingsCount = count('meetings');
  db.close();
  record(
    'démonstration',
    version === options.schemaVersion && catalogue > 0 && partners > 0 && meetingsCount > 0,
    `schéma ${version} (${options.schemaVersion} migrations dans les sources), ${catalogue} mesures du catalogue, ${partners} structures, ${meetingsCount} séances`,
  );

  const to = new Date();
  const from = new Date(to.getTime() - 365 * 24 * 3600 * 1000);
  const report = await invoke('reports.generate', { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) });
  if (!report.ok || !report.value) {
    record('bilan', false, report.ok ? 'aucun fichier' : report.error.message);
  } else {
    const charts = imagesOf(readFileSync(report.value.filePath)).size;
    record('bilan', charts > 0, `${relative(options.dataDir, report.value.filePath)}, ${charts} graphiques`);
  }

  const sessions = await invoke('meetings.list', undefined);
  const now = to.toISOString().slice(0, 16);
  const held = sessions.ok ? sessions.value.filter((m) => m.startsAt < now && m.agendaCount > 0 && m.presentCount > 0) : [];
  const minutes = held.length > 0 ? await invoke('meetings.export', { id: held[0].id, document: 'compte_rendu' }) : null;
  if (!minutes?.ok || !minutes.value) {
    record('compte rendu', false, minutes ? (minutes.ok ? 'aucun fichier' : minutes.error.message) : 'aucune séance tenue dans la démonstration');
  } else {
    const bytes = readFileSync(minutes.value.path);
    record('compte rendu', bytes.subarray(0, 2).toString('latin1') === 'PK' && bytes.length > 5_000, `${relative(options.dataDir, minutes.value.path)}, ${bytes.length} octets`);
  }

  for (const listener of state.appListeners.get('will-quit') ?? []) listener();
}

try {
  await run();
} catch (error) {
  record('exécution', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
}
process.stdout.write(`\n@@RESULTS@@${JSON.stringify(results)}\n`);
process.exit(0);
