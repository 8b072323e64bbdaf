import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, assert, describe, expect, it } from 'vitest';
import { electronNativeBinding, loadNativeBinding, nativeBindingMessage } from '../../src/main/electron/native-binding';
import { LOG_FILE, withLogReference, writeLog } from '../../src/main/electron/startup-log';

const appRoot = join('/opt', 'maillage', 'resources', 'app.asar');
const underElectron = { versions: { node: '22.20.0', electron: '45.4.1' }, platform: 'win32', arch: 'x64', appRoot, packaged: true };
const underNode = { versions: { node: '20.19.0' }, platform: 'linux', arch: 'x64', appRoot, packaged: false };
const expected = join(appRoot, 'native', 'win32-x64-electron-45.4.1', 'better_sqlite3.node');
const loads = { exists: () => true, load: () => undefined };

describe('electronNativeBinding', () => {
  it('points under Electron at the module built for that platform, architecture and Electron version', () => {
    expect(electronNativeBinding(underElectron)).toBe(expected);
    expect(electronNativeBinding({ ...underElectron, platform: 'linux', arch: 'arm64' })).toBe(
      join(appRoot, 'native', 'linux-arm64-electron-45.4.1', 'better_sqlite3.node'),
    );
  });

  it('leaves plain Node (tests, CLI) on the module in node_modules', () => {
    expect(electronNativeBinding(underNode)).toBeUndefined();
    expect(electronNativeBinding({ ...underNode, versions: { electron: '' } })).toBeUndefined();
    expect(electronNativeBinding({ versions: process.versions, platform: process.platform, arch: process.arch, appRoot })).toBeUndefined();
  });
});

describe('loadNativeBinding', () => {
  it('loads the Electron module once, at startup', () => {
    const loaded: string[] = [];
    expect(loadNativeBinding(underElectron, { exists: () => true, load: (path) => void loaded.push(path) })).toEqual({ ok: true, path: expected });
    expect(loaded).toEqual([expected]);
  });

  it('needs no file under Node', () => {
    expect(loadNativeBinding(underNode, { exists: () => false, load: () => assert.fail('nothing to load') })).toEqual({ ok: true, path: undefined });
  });

  it('tells the user of an installed app what they can do, and keeps the technical detail for the log', () => {
    const missing = loadNativeBinding(underElectron, { ...loads, exists: () => false });
    const broken = loadNativeBinding(underElectron, {
      ...loads,
      load: () => {
        throw new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 127');
      },
    });
    for (const result of [missing, broken]) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toContain('Réinstallez Maillage ou contactez votre service informatique.');
      expect(result.message).toContain('Vos commissions et leurs sauvegardes ne sont pas touchées.');
      // A secretary gets no path to a .node file, no error code and no mention of npm.
      expect(result.message).not.toMatch(/\.node|npm|NODE_MODULE_VERSION|Electron/);
      expect(result.detail).toContain(expected);
      expect(result.detail).toContain('Electron 45.4.1 win32-x64');
    }
    expect(!missing.ok && missing.detail).toMatch(/is missing$/);
    expect(!broken.ok && broken.detail).toContain('NODE_MODULE_VERSION 127');
  });

  it('tells a developer how to get the module back', () => {
    const dev = { ...underElectron, packaged: false };
    const missing = loadNativeBinding(dev, { ...loads, exists: () => false });
    expect(!missing.ok && missing.message).toBe(nativeBindingMessage('missing', expected, false));
    expect(!missing.ok && missing.message).toContain('lancez « npm start »');
    expect(!missing.ok && missing.message).toContain(expected);
    const broken = loadNativeBinding(dev, { ...loads, load: () => assert.fail('wrong ABI') });
    expect(!broken.ok && broken.message).toMatch(/supprimez ce fichier, puis lancez « npm start »/);
  });
});

describe('the startup log', () => {
  const logs = mkdtempSync(join(tmpdir(), 'maillage-logs-'));
  afterAll(() => rmSync(logs, { recursive: true, force: true }));

  it('appends dated entries and tells the user where they are', () => {
    const dir = join(logs, 'Maillage', 'logs');
    const file = writeLog(dir, 'first\n', new Date('2025-03-01T08:00:00Z'));
    expect(file).toBe(join(dir, LOG_FILE));
    writeLog(dir, 'second', new Date('2025-03-01T08:00:01Z'));
    expect(readFileSync(file!, 'utf8')).toBe('[2025-03-01T08:00:00.000Z] first\n[2025-03-01T08:00:01.000Z] second\n');
    expect(withLogReference('Réinstallez Maillage.', file)).toBe(`Réinstallez Maillage.\n\nDétail technique, pour votre service informatique : ${file}`);
  });

  it('never throws when the log cannot be written: the dialog then says only what to do', () => {
    const blocked = join(writeLog(logs, 'x')!, 'not-a-folder');
    expect(writeLog(blocked, 'detail')).toBeNull();
    expect(withLogReference('Réinstallez Maillage.', null)).toBe('Réinstallez Maillage.');
  });
});
