/**
 * The IPC adapter: one `maillage:invoke` handler in front of the API router. The router validates
 * what is asked; this adapter checks who asks, since any frame that could reach ipcRenderer
 * (an injected iframe, a page navigated to by mistake) must not get at the commission's data.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../shared/errors';
import type { Router } from '../api/router';
import { APP_INDEX_URL, type RendererSource } from './window';

/** Must match src/preload/index.ts (checked by test/unit/electron-security.test.ts). */
export const INVOKE_CHANNEL = 'maillage:invoke';
export const COMMAND_CHANNEL = 'maillage:command';

export const REFUSED: ApiResult<never> = { ok: false, error: { code: 'internal', message: 'Appel refusé.' } };

/** The URLs our renderer may be served from: the dev server's origin, or the built index.html on app://. */
export function trustedRendererUrls(source: RendererSource): string[] {
  return source.kind === 'url' ? [new URL(source.url).origin] : [APP_INDEX_URL];
}

/**
 * Whether an IPC call comes from our page. `allowed` holds http(s) origins (any path of the dev
 * server) and app: URLs (that very page; query and hash are ignored since the router may use them).
 */
export function isTrustedSender(url: string | undefined, isMainFrame: boolean, allowed: readonly string[]): boolean {
  if (!isMainFrame || !url) return false;
  const sender = parseUrl(url);
  if (!sender) return false;
  return allowed.some((entry) => {
    const trusted = parseUrl(entry);
    if (!trusted) return false;
    if (trusted.protocol === 'app:') return sender.protocol === 'app:' && sender.host === trusted.host && samePath(sender.pathname, trusted.pathname);
    // Never let a page of another scheme match an http entry.
    return (trusted.protocol === 'http:' || trusted.protocol === 'https:') && sender.origin === trusted.origin;
  });
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Chromium may escape the same path differently (spaces, accents). */
function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

/** Whether the event was sent by the main frame of our window (not a subframe, not another window). */
export function isFromMainFrameOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, window: BrowserWindow | null): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  const main = window.webContents.mainFrame;
  return frame !== null && frame.processId === main.processId && frame.routingId === main.routingId;
}

export function registerIpc(router: Router, getWindow: () => BrowserWindow | null, allowed: readonly string[]): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) => {
    const trusted = isTrustedSender(event.senderFrame?.url, isFromMainFrameOf(event, getWindow()), allowed);
    if (!trusted) {
      console.warn(`IPC refused from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return REFUSED;
    }
    return router.invoke(channel, input);
  });
}
