/**
 * The only bridge between the page and main: `window.maillage` with two functions, never
 * ipcRenderer itself (with it, any script in the page could send anything on any channel).
 * Runs sandboxed, so it is bundled to CommonJS and may require nothing but 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName, menuCommands, type MaillageBridge, type MenuCommand } from '../shared/api';
import type { ApiResult } from '../shared/errors';

/** Must match src/main/ipc.ts (checked by test/unit/electron-security.test.ts). */
const INVOKE_CHANNEL = 'maillage:invoke';
const COMMAND_CHANNEL = 'maillage:command';

const UNKNOWN_CHANNEL: ApiResult<never> = { ok: false, error: { code: 'unknown_channel', message: 'Opération inconnue.' } };
const IPC_FAILED: ApiResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'La communication avec Maillage a échoué ; rien n’a été modifié. Réessayez, ou redémarrez Maillage.' },
};

function isMenuCommand(value: unknown): value is MenuCommand {
  return (menuCommands as readonly unknown[]).includes(value);
}

const bridge: MaillageBridge = {
  invoke(channel, input) {
    // Refused here so a page bug never even reaches main; main validates again anyway.
    if (!isChannelName(channel)) return Promise.resolve(UNKNOWN_CHANNEL);
    // The router never throws; a rejection means the IPC itself failed (main not ready, window closing).
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input).catch(() => IPC_FAILED);
  },
  onCommand(listener) {
    // The page receives the command name only, never the IpcRendererEvent (it exposes `sender`).
    const relay = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(COMMAND_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('maillage', bridge);
