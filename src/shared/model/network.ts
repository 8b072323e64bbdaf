import type { InterventionDomain, PartnerType } from '../labels';

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

/** What erasing a person changed besides the contact itself. */
export interface ErasureReport {
  name: string;
  attendances: number;
  followUps: number;
  signatories: number;
  /** Session chairs, agenda presenters and the commission's secretary. */
  other: number;
  history: number;
}

export const STALE_AFTER_MONTHS = 24;
