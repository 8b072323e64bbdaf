/**
 * View models of the session documents: everything a page shows, as plain strings, so that the
 * mapper is tested without docx and the builders make no decision about content.
 */
import type { DocumentHeader } from '../common/view';

export interface PersonRow {
  name: string;
  role: string;
  structure: string;
  representedBy: string;
}

export interface FollowUpRow {
  action: string;
  owner: string;
  due: string;
  status: string;
  /** « Séance plénière du 12/03/2026 », for follow-ups coming from an earlier session. */
  origin: string;
}

export interface ItemView {
  number: number;
  title: string;
  presenter: string;
  links: string[];
  notes: string[];
  decisions: string[];
  /** The « Suivi des décisions » item lists the follow-ups of earlier sessions. */
  review: FollowUpRow[] | null;
}

export interface MinutesView {
  short: boolean;
  header: DocumentHeader;
  facts: [label: string, value: string][];
  attendanceSummary: string;
  present: PersonRow[];
  represented: PersonRow[];
  excused: PersonRow[];
  absent: PersonRow[];
  agenda: { number: number; title: string; presenter: string }[];
  items: ItemView[];
  otherDecisions: string[];
  followUps: FollowUpRow[];
  nextSession: string;
  secretary: string;
  diffusion: string[];
  footer: string;
}

export interface ConvocationView {
  header: DocumentHeader;
  dateLine: string;
  recipients: string;
  subject: string;
  opening: string;
  body: string[];
  facts: [label: string, value: string][];
  agenda: { number: number; time: string; title: string; presenter: string }[];
  closing: string[];
  signature: string[];
  diffusion: string[];
  footer: string;
}

export interface AttendanceSheetView {
  header: DocumentHeader;
  facts: [label: string, value: string][];
  rows: PersonRow[];
  /** Empty rows for people who come without having been invited. */
  blankRows: number;
  footer: string;
}
