/** Partner import and export: the columns a file may hold, and what the import reports. */
import type { TableFile } from './table-file';

/** What a column of the file can fill, with the French label shown in the mapping step. */
export const importFieldLabels = {
  name: 'Structure (nom)',
  type: 'Type de structure',
  domains: 'Domaines d’intervention',
  address: 'Adresse',
  postcode: 'Code postal',
  commune: 'Commune',
  website: 'Site internet',
  siret: 'SIRET',
  notes: 'Notes sur la structure',
  civility: 'Contact : civilité',
  firstName: 'Contact : prénom',
  lastName: 'Contact : nom',
  fullName: 'Contact : prénom et nom',
  role: 'Contact : fonction',
  email: 'Contact : courriel',
  phone: 'Contact : téléphone',
  isMember: 'Contact : membre de la commission',
  source: 'Contact : source des coordonnées',
  confirmedOn: 'Contact : confirmé le',
  contactNotes: 'Contact : notes',
} as const;
export type ImportField = keyof typeof importFieldLabels;
export const importFields = Object.keys(importFieldLabels) as [ImportField, ...ImportField[]];

export type ImportFile = TableFile<ImportField>;

export type DuplicateAction = 'skip' | 'merge';

export interface ImportRowReport {
  /** Row number in the file, as Excel shows it. */
  line: number;
  structure: string;
  contact: string;
  level: 'ok' | 'warning' | 'error';
  /** Errors first, then warnings. */
  messages: { level: 'error' | 'warning'; text: string }[];
  /** Index of the structure this row belongs to in `groups` (several rows may add contacts to one structure). */
  group: number;
}

export interface ImportGroup {
  /** Row number of the first row of this structure. */
  line: number;
  name: string;
  commune: string | null;
  contacts: number;
  /** Contacts a merge into `duplicateOf` would really add (those the existing partner does not have yet). */
  contactsNewIfMerged: number;
  /** An existing partner this structure probably is (same name and commune, or same SIRET). */
  duplicateOf: { id: string; name: string; commune: string | null; reason: string } | null;
}

export interface ImportPreview {
  rows: ImportRowReport[];
  groups: ImportGroup[];
  errors: number;
  warnings: number;
  duplicates: number;
}

export interface ImportSummary {
  partnersCreated: number;
  partnersMerged: number;
  partnersSkipped: number;
  contactsCreated: number;
  warnings: number;
}
