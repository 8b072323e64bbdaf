import * as z from 'zod';
import { contract, isChannelName, type ChannelName } from '../../shared/api';
import { ApiError, type ApiErrorBody, type ApiResult } from '../../shared/errors';
import { appHandlers } from './app';
import { backupHandlers, packageHandlers } from './backups';
import { compositionHandlers } from './composition';
import { historyHandlers } from './history';
import { measuresHandlers } from './measures';
import { meetingHandlers } from './meetings';
import { networkHandlers } from './network';
import { parcoursHandlers } from './parcours';
import { parcoursImportHandlers } from './parcours-import';
import { partnerImportHandlers } from './partner-import';
import { partnerHandlers } from './partners';
import { protocolHandlers } from './protocols';
import { reportHandlers } from './reports';
import { returnsHandlers } from './returns';
import { settingsHandlers } from './settings';
import { stateReturnHandlers } from './state-return';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileProblemMessage, openProblemMessages, openProblemOf, problemOfCode, type OpenProblem } from '../platform/system-errors';
import { openPathProblem } from '../platform/open-policy';
import { targetPathProblem } from '../platform/paths';
import { companionProblem } from '../commission-file/companions';
import type { OsServices } from '../platform/os';
import { filesDir } from '../commission-file/commission';
import type { CommissionSession } from '../commission-file/session';
import { isNotALink } from '../commission-file/untrusted';
import { READ_ONLY_CHANNELS, READ_ONLY_REFUSAL } from './read-only';
import type { Handlers, RouterContext } from './types';

const handlers: Handlers = {
  ...appHandlers,
  ...settingsHandlers,
  ...partnerHandlers,
  ...compositionHandlers,
  ...partnerImportHandlers,
  ...protocolHandlers,
  ...networkHandlers,
  ...measuresHandlers,
  ...meetingHandlers,
  ...reportHandlers,
  ...backupHandlers,
  ...packageHandlers,
  ...historyHandlers,
  ...parcoursHandlers,
  ...parcoursImportHandlers,
  ...returnsHandlers,
  ...stateReturnHandlers,
};

export interface Router {
  /** Validates `input` against the channel's schema, runs its handler, and never throws. */
  invoke(channel: unknown, input: unknown): Promise<ApiResult<unknown>>;
}

export function createRouter(context: RouterContext, log: (error: unknown) => void = console.error): Router {
  const ctx: RouterContext = { ...context, os: checkedDialogs(context.os, context.session) };
  return {
    async invoke(channel, input) {
      if (!isChannelName(channel)) return { ok: false, error: { code: 'unknown_channel', message: 'Opération inconnue.' } };
      const parsed = contract[channel].input.safeParse(input);
      if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
      if (ctx.session.currentOrNull()?.readOnly && !READ_ONLY_CHANNELS.has(channel)) return { ok: false, error: { code: 'conflict', message: READ_ONLY_REFUSAL } };
      try {
        const handler = handlers[channel] as (input: unknown, ctx: RouterContext) => unknown;
        return { ok: true, value: await handler(parsed.data, ctx) };
      } catch (error) {
        return { ok: false, error: toErrorBody(error, channel, context.session, log) };
      }
    },
  };
}

/**
 * File dialogs answer a path for main to write or read: an empty answer is a cancellation, and a
 * path Node cannot even represent (a NUL byte) is refused before any handler uses it. The paths
 * they answer are remembered, since they are the files the user chose or wrote: with the
 * commission's own folder, the only ones openPath hands to the system (open-policy.ts).
 */
function checkedDialogs(os: OsServices, session: CommissionSession): OsServices {
  const chosen = new Set<string>();
  const check = (path: string | null): string | null => {
    if (!path) return null;
    if (path.includes('\0')) throw new ApiError('validation', 'Ce nom de fichier n’est pas valable : choisissez-en un autre.');
    chosen.add(resolve(path));
    return path;
  };
  /**
   * Every export, copy and document is written where the save dialog says: never over the open
   * commission, a device or the like, as typed or with the extension askWhereToSave adds to it.
   */
  const checkTarget = (path: string | null, extensions: readonly string[]): string | null => {
    if (!path) return null;
    const open = session.currentOrNull();
    const candidates = [path, ...extensions.map((extension) => `${path}.${extension}`)];
    for (const candidate of candidates) {
      const problem = targetPathProblem(candidate) ?? (open ? companionProblem(candidate, open.path) : null);
      if (problem) throw new ApiError('validation', problem);
    }
    // The file written may be the name typed with its extension added (askWhereToSave): it may be opened too.
    for (const candidate of candidates.slice(1)) check(candidate);
    return check(path);
  };
  return {
    ...os,
    pickOpenFile: async (options) => check(await os.pickOpenFile(options)),
    pickFolder: async (options) => check(await os.pickFolder(options)),
    pickSaveFile: async (options) => checkTarget(await os.pickSaveFile(options), options.filters.flatMap((filter) => filter.extensions)),
    openPath: async (path) => {
      const open = session.currentOrNull();
      const problem = openPathProblem(path, {
        commissionFolder: open ? filesDir(open.path) : null,
        chosen,
        isRecordedReport: (p) => open !== null && open.db.prepare('SELECT 1 FROM reports WHERE file_path = ?').get(p) !== undefined,
      });
      if (problem) throw new ApiError('validation', problem);
      // A link could stand for any file: only a plain file is opened.
      if (!isNotALink(path) || !statSync(path).isFile()) throw new ApiError('not_found', 'Ce fichier est introuvable à cet emplacement, ou ce n’est pas un document.');
      await os.openPath(path);
    },
    showInFolder: (path) => os.showInFolder(path),
  };
}

function validationError(error: z.ZodError): ApiErrorBody {
  const details = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const message =
    details.length === 1
      ? `Saisie à corriger : ${details[0]!.message}`
      : `Saisie à corriger (${details.length} champs) : ${details[0]!.message}`;
  return { code: 'validation', message, details };
}

/** Rules of the data that a write broke: the user's to fix, not bugs. */
const CONSTRAINT_MESSAGES: Record<string, ApiErrorBody> = {
  SQLITE_CONSTRAINT_FOREIGNKEY: { code: 'conflict', message: 'Un élément lié n’existe plus. Rechargez la page et réessayez.' },
  // A delete blocked by ON DELETE RESTRICT is reported as a trigger constraint.
  SQLITE_CONSTRAINT_TRIGGER: { code: 'conflict', message: 'Cet élément est encore utilisé ailleurs : il ne peut pas être supprimé.' },
};

/**
 * A failure of the system (full disk, read-only file, busy commission, a chosen path that cannot
 * be written) in the words of platform/system-errors.ts: SQLite's codes concern the open
 * commission, the file system's the file the user chose.
 */
function systemErrorBody(error: unknown, session: CommissionSession): ApiErrorBody | null {
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string') return null;
  const constraint = CONSTRAINT_MESSAGES[code];
  if (constraint) return constraint;
  const problem = problemOfCode(code);
  if (!problem) return null;
  if (code.startsWith('SQLITE_')) {
    const open = session.currentOrNull();
    const refined = open ? openProblemOf(open.path, error) : null;
    return { code: 'io', message: openProblemMessages[refined ?? (problem as OpenProblem)] ?? openProblemMessages['cannot-open'] };
  }
  return { code: 'io', message: fileProblemMessage(problem, typeof path === 'string' ? basename(path) : null) };
}

function toErrorBody(error: unknown, channel: ChannelName, session: CommissionSession, log: (error: unknown) => void): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  const system = systemErrorBody(error, session);
  if (system) return system;
  log(Object.assign(new Error(`Channel ${channel} failed`), { cause: error }));
  return { code: 'internal', message: 'Une erreur inattendue est survenue ; rien n’a été modifié. Si elle se reproduit, notez ce que vous faisiez et prévenez le support.' };
}
