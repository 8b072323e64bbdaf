/** Importing the parcours register a secretary already keeps: the columns it may fill, and what the import reports. */
import type { IdentityColumn, TableFile } from './table-file';

/** What a column of the file can fill, with the French label shown in the mapping step. */
export const parcoursImportFieldLabels = {
  reference: 'Référence',
  association: 'Association',
  kind: 'Nature (première demande ou renouvellement)',
  previousReference: 'Demande renouvelée (sa référence)',
  receivedOn: 'Reçue le',
  meeting: 'Séance (date)',
  opinion: 'Avis',
  opinionOn: 'Date de l’avis',
  opinionReasons: 'Motifs de l’avis',
  decision: 'Décision du préfet',
  decisionOn: 'Date de la décision',
  decreeRef: 'Arrêté',
  startsOn: 'Début du parcours',
  endsOn: 'Fin du parcours',
  rights: 'Droits ouverts (liste)',
  afis: 'Droit : AFIS',
  titreSejour: 'Droit : titre de séjour',
  hebergement: 'Droit : hébergement / logement',
  insertion: 'Droit : insertion professionnelle',
  state: 'État',
  endReason: 'Motif de fin',
  closedOn: 'Fin le',
  sex: 'Sexe',
  ageBand: 'Tranche d’âge',
  nationality: 'Nationalité',
  notes: 'Observations',
} as const;
export type ParcoursImportField = keyof typeof parcoursImportFieldLabels;
export const parcoursImportFields = Object.keys(parcoursImportFieldLabels) as [ParcoursImportField, ...ParcoursImportField[]];

/**
 * Fields of free text: a column may hold anything there, names included, so main never suggests
 * one; the secretary chooses it, column by column.
 */
export const parcoursFreeTextFields: readonly ParcoursImportField[] = ['reference', 'previousReference', 'opinionReasons', 'decreeRef', 'notes'];

/** Columns that identify a person are emptied as soon as the file is read: their samples are blank. */
export type ParcoursImportFile = TableFile<ParcoursImportField> & { identityColumns: IdentityColumn[]; freeText: (ParcoursImportField | null)[] };

export interface ParcoursImportRow {
  /** Row number in the file, as Excel shows it. */
  line: number;
  /** The reference of the file, or the one Maillage will give. */
  reference: string;
  association: string;
  /** « Première demande », « Renouvellement n° 2 ». */
  kind: string;
  level: 'ok' | 'warning' | 'error';
  /** Errors first, then warnings. */
  messages: { level: 'error' | 'warning'; text: string }[];
}

export interface ParcoursImportPreview {
  rows: ParcoursImportRow[];
  errors: number;
  warnings: number;
  firstRequests: number;
  renewals: number;
  /** Columns left aside because they identify a person. */
  identityColumns: IdentityColumn[];
  /** Association names of the file not found in the directory (kept as typed). */
  unknownAssociations: string[];
}

export interface ParcoursImportSummary {
  created: number;
  firstRequests: number;
  renewals: number;
  warnings: number;
}
