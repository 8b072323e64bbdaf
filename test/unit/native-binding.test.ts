import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding, missingNativeBindingMessage, resolveNativeBinding } from '../../src/main/electron/native-binding';

const appRoot = join('/opt', 'maillage');
const underElectron = { versions: { node: '22.20.0', electron: '45.4.1' }, arch: 'x64', appRoot };
const underNode = { versions: { node: '20.19.0' }, arch: 'x64', appRoot };
const expected = join(appRoot, 'native', 'electron-45.4.1-x64', 'better_sqlite3.node');

describe('electronNativeBinding', () => {
  it('points under Electron at the module built for that Electron version and architecture', () => {
    expect(electronNativeBinding(underElectron)).toBe(expected);
    expect(electronNativeBinding({ ...underElectron, arch: 'arm64' })).toBe(join(appRoot, 'native', 'electron-45.4.1-arm64', 'better_sqlite3.node'));
  });

  it('leaves plain Node (tests, CLI) on the module in node_modules', () => {
    expect(electronNativeBinding(underNode)).toBeUndefined();
    expect(electronNativeBinding({ ...underNode, versions: { electron: '' } })).toBeUndefined();
  });

  it('works from the real process under Node', () => {
    expect(electronNativeBinding({ versions: process.versions, arch: process.arch, appRoot })).toBeUndefined();
  });
});

describe('resolveNativeBinding', () => {
  it('accepts the Electron module when it is there', () => {
    expect(resolveNativeBinding(underElectron, (path) => path === expected)).toEqual({ ok: true, path: expected });
  });

  it('needs no file under Node', () => {
    expect(resolveNativeBinding(underNode, () => false)).toEqual({ ok: true, path: undefined });
  });

  it('explains in French what to do when the Electron module is missing', () => {
    const result = resolveNativeBinding(underElectron, () => false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(expected);
    expect(result.message).toBe(missingNativeBindingMessage(expected));
    expect(result.message).toContain(expected);
    expect(result.message).toContain('lancez « npm start »');
    expect(result.message).toMatch(/introuvable/);
  });
});
