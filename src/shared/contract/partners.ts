import { byId } from '../schemas/common';
import { contactFields, contactUpdate, partnerFields, partnerUpdate } from '../schemas/partners';
import type { Contact, PartnerDetail, PartnerListItem, PartnerUsage } from '../types';
import { channel, none } from './channel';

export const partnersContract = {
  'partners.list': channel<PartnerListItem[]>()(none),
  'partners.get': channel<PartnerDetail>()(byId),
  'partners.create': channel<PartnerDetail>()(partnerFields),
  'partners.update': channel<PartnerDetail>()(partnerUpdate),
  'partners.delete': channel<PartnerUsage>()(byId),

  'contacts.create': channel<Contact>()(contactFields),
  'contacts.update': channel<Contact>()(contactUpdate),
  'contacts.delete': channel<{ id: string }>()(byId),
} as const;
