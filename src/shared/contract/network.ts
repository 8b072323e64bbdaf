import type { ErasureReport, NetworkMap, StaleContact } from '../model/network';
import { byId } from '../schemas/common';
import { exportFormat } from '../schemas/partner-import';
import { channel, none } from './channel';

/** Cartographie of the network and GDPR duties towards contacts. */
export const networkContract = {
  'network.map': channel<NetworkMap>()(none),
  'network.exportMap': channel<{ path: string } | null>()(exportFormat),
  /** Contacts whose details were never confirmed, or not for 24 months. */
  'gdpr.staleContacts': channel<StaleContact[]>()(none),
  /** Records that the person confirmed their details today. */
  'gdpr.confirm': channel<{ id: string; confirmedOn: string }>()(byId),
  /** Erases a person everywhere: the contact, and their name in attendance lists, follow-ups, signatories and history. */
  'gdpr.erase': channel<ErasureReport>()(byId),
  /** Writes everything Maillage holds about one person to a workbook; null when cancelled. */
  'gdpr.exportPerson': channel<{ path: string } | null>()(byId),
} as const;
