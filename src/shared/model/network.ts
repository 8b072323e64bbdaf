import type { InterventionDomain, PartnerType } from '../labels';
import type { HeldCopy } from './backups';

/** The network at a glance (Cartographie): structures by type × domain of intervention, and by commune. */
export interface NetworkMap {
  partners: number;
  rows: { type: PartnerType; total: number; byDomain: Record<InterventionDomain, number>; withoutDomain: number }[];
  domainTotals: Record<InterventionDomain, number>;
  communes: { commune: string; postcode: string | null; total: number; types: PartnerType[]; domains: InterventionDomain[] }[];
  /** Domains no structure covers, and types of structure absent from the network. */
  gaps: { domains: InterventionDomain[]; types: PartnerType[] };
}

export interface StaleContact {
  id: string;
  partnerId: string;
  partnerName: string;
  name: string;
  role: string | null;
  email: string | null;
  source: string | null;
  confirmedOn: string | null;
}

/** Where a person is named besides their contact record (« Listes de présence »), and in how many fields. */
export interface ErasurePlace {
  place: string;
  count: number;
}

/** A free text that names the person, around the first mention: the user checks it before erasing. */
export interface ErasureExcerpt {
  place: string;
  text: string;
}

/** What erasing a person will change, shown before the user confirms. */
export interface ErasurePreview {
  name: string;
  places: ErasurePlace[];
  /** The first free texts that name them (a namesake would be erased too). */
  excerpts: ErasureExcerpt[];
  /** Entries of the history that mention them. */
  history: number;
  /** Backups and set-aside files, which keep the person until they are deleted. */
  copies: HeldCopy[];
}

/** What erasing a person changed besides the contact itself. */
export interface ErasureReport {
  name: string;
  places: ErasurePlace[];
  history: number;
  /** Copies made before the erasure: they still hold the person, until deleted (by the user, or after a year). */
  copies: HeldCopy[];
}

export const STALE_AFTER_MONTHS = 24;
