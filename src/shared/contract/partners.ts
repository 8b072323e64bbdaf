import type { Undoable } from '../model/undo';
import { byId } from '../schemas/common';
import { exportFormat } from '../schemas/partner-import';
import { contactFields, contactUpdate, partnerFields, partnerUpdate } from '../schemas/partners';
import type { Contact, PartnerDetail, PartnerListItem, PartnerOption, PartnerUsage } from '../types';
import { channel, none } from './channel';

export const partnersContract = {
  'partners.list': channel<PartnerListItem[]>()(none),
  /** Every structure for a picker, by name: no contact is read. */
  'partners.options': channel<PartnerOption[]>()(none),
  'partners.get': channel<PartnerDetail>()(byId),
  'partners.create': channel<PartnerDetail>()(partnerFields),
  'partners.update': channel<PartnerDetail>()(partnerUpdate),
  'partners.delete': channel<Undoable<PartnerUsage>>()(byId),
  /** Asks where to save, writes the directory with its contacts; null when the user cancels. */
  'partners.export': channel<{ path: string } | null>()(exportFormat),

  'contacts.create': channel<Contact>()(contactFields),
  'contacts.update': channel<Contact>()(contactUpdate),
  'contacts.delete': channel<Undoable<{ id: string }>>()(byId),
} as const;
