/**
 * View models of the session documents: everything a page shows, as plain strings, so that the
 * mapper is tested without docx and the builders make no decision about content.
 */
import type { DocumentHeader } from '../common/view';

export interface PersonRow {
  name: string;
  role: string;
  structure: string;
  /** « Présent », « Représenté par son suppléant, M. X », « Mandat donné à Mme Y »… */
  attendance: string;
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
  /** « Présenté par Mme X, Structure »; empty when nobody presents it. */
  presenter: string;
  links: string[];
  notes: string[];
  decisions: string[];
  /** The « Suivi des décisions » item lists the follow-ups of earlier sessions. */
  review: FollowUpRow[] | null;
  /** « Aucun échange n’a été consigné sur ce point. » for an item of a held session with nothing written; empty otherwise. */
  emptyNote: string;
}

export interface MinutesView {
  short: boolean;
  header: DocumentHeader;
  /** Document properties: subject and title, as Word and PDF readers show them. */
  subject: string;
  facts: [label: string, value: string][];
  /** « 14 membres présents, 2 représentés par leur suppléant… ». */
  attendanceSummary: string;
  /** The quorum sentence, or null for the sessions that do not judge it. */
  quorum: string | null;
  /** Attendance grouped by college (services de l'État, justice…), only the non-empty ones. */
  colleges: { title: string; rows: PersonRow[] }[];
  agenda: { number: number; title: string }[];
  items: ItemView[];
  otherDecisions: string[];
  followUps: FollowUpRow[];
  nextSession: string;
  secretary: string;
  /** Who receives the document: the structures invited, or only the members who sit at a restricted meeting. */
  diffusion: { intro: string; names: string[] };
  footer: string;
}

export interface Letter {
  /** Name, fonction, structure and address of the addressee; empty for the generic letter. */
  addressee: string[];
  /** « Madame la directrice, », or « Madame, Monsieur, ». */
  salutation: string;
  /** « Je vous prie d’agréer, Madame la directrice, l’expression de ma considération distinguée. » */
  closing: string;
}

export interface ConvocationView {
  header: DocumentHeader;
  subject: string;
  /** « Bordeaux, le 3 mars 2026 ». */
  dateLine: string;
  /** « Objet : … ». */
  object: string;
  letters: Letter[];
  /** The recipients line of the generic letter (« Mesdames et Messieurs les membres de la commission »). */
  recipients: string;
  intro: string;
  /** The video link, in a sentence; empty when there is none. */
  remote: string;
  /** A new convocation without quorum says so (CRPA R. 133-10); empty otherwise. */
  secondConvocation: string;
  agendaIntro: string;
  agenda: { number: number; time: string; title: string; presenter: string }[];
  mandateRule: string;
  attachments: string[];
  contact: string;
  signature: string[];
  footer: string;
}

export interface AttendanceSheetView {
  header: DocumentHeader;
  subject: string;
  facts: [label: string, value: string][];
  rows: { name: string; structure: string; note: string }[];
  /** Empty rows for people who come without having been invited. */
  blankRows: number;
  footer: string;
}
