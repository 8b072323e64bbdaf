/**
 * The API contract: every channel the renderer (or the CLI) may call, with the zod schema
 * that validates its input in main and the type of its result. Main and renderer both import
 * this file, so a channel cannot drift between the two sides.
 */
import { z } from 'zod';
import type { ApiResult } from './errors';
import { byId } from './schemas/common';
import { commissionSettings, createCommission } from './schemas/commission';
import { contactFields, contactUpdate, partnerFields, partnerUpdate } from './schemas/partners';
import type { AppStatus, CommissionSummary, Contact, LogoPreview, PartnerDetail, PartnerListItem, PartnerUsage } from './types';

interface Channel<I extends z.ZodType, O> {
  input: I;
  /** Type-level only: carries the output type. */
  output?: O;
}

function channel<O>() {
  return <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });
}

const none = z.strictObject({}).optional();

export const contract = {
  'app.status': channel<AppStatus>()(none),
  'app.createCommission': channel<CommissionSummary>()(createCommission),
  'app.openDemo': channel<CommissionSummary>()(none),
  /** Asks the user for a commission file; null when the dialog is cancelled. */
  'app.open': channel<CommissionSummary | null>()(none),
  /** Saves a consistent copy of the open commission (database and files); null when cancelled. */
  'app.saveCopy': channel<{ path: string } | null>()(none),

  'settings.update': channel<CommissionSummary>()(commissionSettings),
  /** Asks the user for an image and copies it into the commission's data folder; null when cancelled. */
  'settings.chooseLogo': channel<CommissionSummary | null>()(none),
  'settings.removeLogo': channel<CommissionSummary>()(none),
  'settings.logo': channel<LogoPreview | null>()(none),

  'partners.list': channel<PartnerListItem[]>()(none),
  'partners.get': channel<PartnerDetail>()(byId),
  'partners.create': channel<PartnerDetail>()(partnerFields),
  'partners.update': channel<PartnerDetail>()(partnerUpdate),
  'partners.delete': channel<PartnerUsage>()(byId),

  'contacts.create': channel<Contact>()(contactFields),
  'contacts.update': channel<Contact>()(contactUpdate),
  'contacts.delete': channel<{ id: string }>()(byId),
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

export const menuCommands = ['new-commission', 'open', 'save-copy', 'settings'] as const;
export type MenuCommand = (typeof menuCommands)[number];
