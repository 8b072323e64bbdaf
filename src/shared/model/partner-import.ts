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
  switchboard: 'Structure : téléphone (standard)',
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
  /** What a merge into `duplicateOf` would fill or add on the existing partner (field labels); empty when it changes nothing. */
  changesIfMerged: string[];
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
  /** Existing partners a merge really changed (a field filled, a domain or a contact added). */
  partnersMerged: number;
  /** Duplicates chosen for merging that held nothing the existing partner lacked: nothing written. */
  partnersUnchanged: number;
  partnersSkipped: number;
  contactsCreated: number;
  warnings: number;
}

/**
 * What an import will really do with the duplicates' choices: the preview's counts, the commit button,
 * the CLI's report and the summary all read it. A duplicate skipped, or merged with nothing to add, is
 * left as it is: its rows are « ignorées » and their warnings are not counted with those of the rows
 * written.
 */
export function plannedImport(preview: ImportPreview, actionFor: (line: number) => DuplicateAction) {
  const newGroups = preview.groups.filter((g) => !g.duplicateOf);
  const duplicates = preview.groups.filter((g) => g.duplicateOf);
  const merging = duplicates.filter((g) => actionFor(g.line) === 'merge');
  const changing = merging.filter((g) => g.changesIfMerged.length > 0 || g.contactsNewIfMerged > 0);
  const written = new Set([...newGroups, ...changing].map((g) => preview.groups.indexOf(g)));
  const ignoredRows = preview.rows.filter((r) => r.group >= 0 && !written.has(r.group));
  return {
    newGroups,
    duplicates,
    /** Existing partners the merge changes. */
    merged: changing,
    /** Duplicates chosen for merging that would change nothing. */
    unchanged: merging.length - changing.length,
    contacts: newGroups.reduce((n, g) => n + g.contacts, 0) + changing.reduce((n, g) => n + g.contactsNewIfMerged, 0),
    /** Rows written with a warning. */
    warnings: preview.rows.filter((r) => r.level === 'warning' && written.has(r.group)).length,
    /** Rows of duplicates left as they are, and their warnings among them. */
    ignored: ignoredRows.length,
    ignoredWithWarning: ignoredRows.filter((r) => r.level === 'warning').length,
  };
}
