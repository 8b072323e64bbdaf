import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, InputOf, OutputOf } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { createRouter } from '../api/router';
import type { OsServices } from '../platform/os';
import { CommissionSession } from '../commission-file/session';
import type { Access } from '../commission-file/open';
import { withCommissionFile } from './commission-file';

export type Invoke = <C extends ChannelName>(channel: C, input?: InputOf<C>) => Promise<OutputOf<C>>;

/**
 * Opens one commission (as every command does, commission-file.ts) behind the same router as the
 * app, for commands that map to channels: same validation, same services, same errors. There is nobody to answer a dialog, so dialogs
 * return null; the session's preferences go to a throw-away folder, not to the user's profile.
 */
export async function withCommission<T>(file: string, access: Access, work: (invoke: Invoke) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-cli-'));
  const session = new CommissionSession(dataDir);
  const os: OsServices = {
    dataDir,
    pickOpenFile: async () => null,
    pickSaveFile: async () => null,
    pickFolder: async () => null,
    openPath: async () => {},
    showInFolder: async () => {},
  };
  // The router logs unexpected errors with their stack; the CLI shows one line unless asked for more.
  const router = createRouter({ session, os, now: () => new Date() }, (error) => {
    if (process.env.MAILLAGE_DEBUG === '1') console.error(error);
  });
  const invoke: Invoke = async (channel, input) => {
    const result = await router.invoke(channel, input);
    if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
    return result.value as OutputOf<typeof channel>;
  };
  try {
    return await withCommissionFile(file, access, async (opened) => {
      session.attach(opened);
      return work(invoke);
    });
  } finally {
    session.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
