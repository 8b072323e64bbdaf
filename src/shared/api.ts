/**
 * The API contract: every channel the renderer (or the CLI) may call, with the zod schema
 * that validates its input in main and the type of its result. Main and renderer both import
 * this file, so a channel cannot drift between the two sides.
 */
import type * as z from 'zod';
import type { Channel } from './contract/channel';
import { appContract } from './contract/app';
import { backupsContract } from './contract/backups';
import { compositionContract } from './contract/composition';
import { historyContract } from './contract/history';
import { measuresContract } from './contract/measures';
import { meetingsContract } from './contract/meetings';
import { networkContract } from './contract/network';
import { partnerImportContract } from './contract/partner-import';
import { parcoursContract } from './contract/parcours';
import { partnersContract } from './contract/partners';
import { protocolsContract } from './contract/protocols';
import { reportsContract } from './contract/reports';
import { returnsContract } from './contract/returns';
import { stateReturnContract } from './contract/state-return';
import type { ApiResult } from './errors';

/** One slice per domain (src/shared/contract/<domain>.ts); each main-side handler map mirrors its slice. */
export const contract = {
  ...appContract,
  ...partnersContract,
  ...compositionContract,
  ...partnerImportContract,
  ...protocolsContract,
  ...networkContract,
  ...measuresContract,
  ...meetingsContract,
  ...reportsContract,
  ...backupsContract,
  ...historyContract,
  ...parcoursContract,
  ...returnsContract,
  ...stateReturnContract,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller passes (before defaults and trimming). */
export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What a handler receives (after validation). */
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>;
export type OutputOf<C extends ChannelName> = Contract[C] extends Channel<z.ZodType, infer O> ? O : never;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** The one function the preload exposes to the renderer as `window.maillage`. */
export interface MaillageBridge {
  invoke<C extends ChannelName>(channel: C, input?: InputOf<C>): Promise<ApiResult<OutputOf<C>>>;
  /** Menu commands relayed from main (Fichier › Nouvelle commission…, etc.). Returns an unsubscribe function. */
  onCommand(listener: (command: MenuCommand) => void): () => void;
}

export const menuCommands = ['new-commission', 'open', 'save-copy', 'export-package', 'import-package', 'settings', 'search', 'help'] as const;
export type MenuCommand = (typeof menuCommands)[number];
