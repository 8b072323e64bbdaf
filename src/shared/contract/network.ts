import * as z from 'zod';
import type { HeldCopy } from '../model/backups';
import type { ErasurePreview, ErasureReport, NetworkMap, StaleContact } from '../model/network';
import { byId } from '../schemas/common';
import { heldCopies } from '../schemas/backups';
import { exportFormat } from '../schemas/partner-import';
import { channel, none } from './channel';

/** Cartographie of the network and GDPR duties towards contacts. */
export const networkContract = {
  'network.map': channel<NetworkMap>()(none),
  'network.exportMap': channel<{ path: string } | null>()(exportFormat),
  /**
   * Contacts whose details were never confirmed, or not for 24 months, the first `limit` of them (all without it):
   * the page shows a hundred at a time, and a large commission has thousands.
   */
  'gdpr.staleContacts': channel<{ total: number; contacts: StaleContact[] }>()(z.strictObject({ limit: z.number().int().min(1).max(1_000_000) }).optional()),
  /** Records that the person confirmed their details today. */
  'gdpr.confirm': channel<{ id: string; confirmedOn: string }>()(byId),
  /** What erasing a person would change, and the copies that would keep them. Changes nothing. */
  'gdpr.erasurePreview': channel<ErasurePreview>()(byId),
  /** Erases a person everywhere Maillage holds them (db/personal-columns.ts): the contact, their name and details in every other record, and the history. */
  'gdpr.erase': channel<ErasureReport>()(byId),
  /** Deletes copies made before an erasure, after a new backup of the commission as it is now; returns the copies left. */
  'gdpr.deleteCopies': channel<HeldCopy[]>()(heldCopies),
  /** Writes everything Maillage holds about one person to a workbook; null when cancelled. */
  'gdpr.exportPerson': channel<{ path: string } | null>()(byId),
} as const;
