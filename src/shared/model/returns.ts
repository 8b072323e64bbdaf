/** What the returns channels answer: campaigns, where each structure stands, previews of returned workbooks. */
import type { ReturnRequestState, ReturnRole } from '../labels';

export interface CampaignSummary {
  id: string;
  name: string;
  periodFrom: string;
  periodTo: string;
  deadlineOn: string;
  replyTo: string | null;
  includeContributors: boolean;
  createdAt: string;
  /** Structures asked, those whose workbook came back, those whose answers were taken in. */
  asked: number;
  answered: number;
  takenIn: number;
  /** answered / asked, null when nobody was asked. */
  rate: number | null;
  /** Structures that have not answered. */
  toRemind: number;
}

export interface ReturnRequestStatus {
  id: string;
  partnerId: string | null;
  partnerName: string;
  roles: ReturnRole[];
  fiches: number;
  indicators: number;
  /** Where the message goes: the structure's contacts chosen for returns, else its members, else anyone with an e-mail. */
  recipients: string[];
  state: ReturnRequestState;
  sentOn: string | null;
  remindedOn: string | null;
  reminders: number;
  answeredOn: string | null;
  takenInOn: string | null;
}

export interface CampaignDetail extends CampaignSummary {
  fiches: number;
  /** Fiches of the campaign that have no pilot structure: nobody is asked about them. */
  fichesWithoutPilot: number;
  requests: ReturnRequestStatus[];
  /** Where its workbooks and messages were written, if they were. */
  folder: string | null;
}

/** Workbooks and messages written for a campaign (first sending or reminder). */
export interface PreparedFiles {
  folder: string;
  workbooks: number;
  messages: number;
  /** Structures that have no e-mail address: their workbook is written, their message has no recipient. */
  withoutRecipient: string[];
}

/** A value the structure wrote that cannot be taken in, where it is. */
export interface ReturnProblem {
  sheet: string;
  row: number;
  /** The column's letter and header: « G (Nouveau statut) ». */
  column: string;
  message: string;
}

/** One change the file asks for. */
export interface ReturnLine {
  /** Stable within its file (« <fiche id>:status »), what the secretary accepts. */
  id: string;
  kind: 'status' | 'meteo' | 'progress' | 'done' | 'difficulties' | 'next' | 'indicator';
  label: string;
  /** What Maillage holds now (null for a text that only adds to the journal). */
  before: string | null;
  /** What the structure wrote. */
  after: string;
  /**
   * Set when Maillage changed after the workbook was made: what the workbook showed then, what
   * Maillage holds now (`before`), what the structure wrote (`after`). The secretary chooses.
   */
  conflict: { whenMade: string | null } | null;
  /** Something worth knowing about the cell (a formula replaced by its value, characters removed). */
  note: string | null;
}

export interface ReturnFichePreview {
  actionId: string;
  code: string | null;
  title: string;
  lines: ReturnLine[];
}

export interface ReturnFilePreview {
  key: string;
  fileName: string;
  /** ready: can be taken in; refused: cannot (reason); already: taken in before (reason says when). */
  outcome: 'ready' | 'refused' | 'already';
  reason: string | null;
  structure: string | null;
  campaign: { id: string; name: string } | null;
  madeOn: string | null;
  fiches: ReturnFichePreview[];
  problems: ReturnProblem[];
  warnings: string[];
}

export interface ReturnPreview {
  token: string;
  files: ReturnFilePreview[];
}

export interface ReturnApplyReport {
  files: {
    key: string;
    fileName: string;
    structure: string | null;
    /** taken: written; unchanged: nothing accepted changed anything; refused: see reason. */
    outcome: 'taken' | 'unchanged' | 'refused';
    reason: string | null;
    journalEntries: number;
    indicatorValues: number;
  }[];
}
