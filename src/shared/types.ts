/** What the API returns: plain serialisable records (they cross the IPC boundary). */
import type { Civility } from './schemas/partners';
import type { InterventionDomain, MemberRole, PartnerType, PrefectCivility, SeatTitle } from './labels';

export interface CommissionSummary {
  name: string;
  departmentCode: string;
  departmentName: string;
  secretaryName: string | null;
  /** The préfecture's city, for the convocation's dateline (« Bordeaux, le 3 mars 2026 »). */
  prefectureCity: string | null;
  /** The secretariat's contact line printed in the convocation (telephone, e-mail). */
  secretariatContact: string | null;
  /** The préfet: « Le préfet » or « La préfète », « Monsieur le préfet » or « Madame la préfète » in every document. */
  prefectCivility: PrefectCivility | null;
  prefectName: string | null;
  /** Who signs the convocations of a meeting nobody chairs: the préfet, or someone « pour le préfet et par délégation ». */
  signatoryName: string | null;
  signatoryTitle: string | null;
  signsByDelegation: boolean;
  /** File name of the préfecture's logo inside the commission's data folder. */
  logoFile: string | null;
  /** Where the database file lives, shown in the window title and in Paramètres. */
  filePath: string;
  /** The user cannot write the file (read-only file, folder or disk): it is shown, never changed. */
  readOnly: boolean;
}

export interface Partner {
  id: string;
  name: string;
  type: PartnerType;
  domains: InterventionDomain[];
  address: string | null;
  postcode: string | null;
  commune: string | null;
  website: string | null;
  siret: string | null;
  notes: string | null;
  /** The approval of an association for the parcours de sortie (CASF R. 121-12-3): since when, for how many years, by which préfecture. */
  agrementOn: string | null;
  agrementYears: number | null;
  agrementPrefecture: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerListItem {
  id: string;
  name: string;
  type: PartnerType;
  domains: InterventionDomain[];
  postcode: string | null;
  commune: string | null;
  contactsCount: number;
  membersCount: number;
  /** Contact names joined, so that the grid's quick search finds a structure by one of its people. */
  contactNames: string;
  updatedAt: string;
}

/** A structure as pickers offer it: the directory's row without its contacts, cheap to send for 2,000 structures. */
export type PartnerOption = Pick<PartnerListItem, 'id' | 'name' | 'type' | 'commune'>;

export interface Contact {
  id: string;
  partnerId: string;
  civility: Civility | null;
  firstName: string | null;
  lastName: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  /** Holds a seat of the commission today (see the Composition screen). */
  isMember: boolean;
  /** The seat held today, titulaire or suppléant, and the title it is held under; null when not a member. */
  membership: { seatId: string; seatLabel: string; role: MemberRole; title: SeatTitle } | null;
  /** Receives the requests of returns of its structure (features/returns), before its other contacts. */
  receivesReturns: boolean;
  source: string | null;
  confirmedOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What else points at a partner: shown before deletion so that the user knows what goes with it. */
export interface PartnerUsage {
  contacts: number;
  actionsPiloted: number;
  actionsContributed: number;
  protocolsSigned: number;
  meetingAttendances: number;
  followUps: number;
}

export interface PartnerDetail extends Partner {
  contacts: Contact[];
  usage: PartnerUsage;
}

export interface LogoPreview {
  fileName: string;
  dataUrl: string;
}
