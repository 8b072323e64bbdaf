/**
 * View model of the progress report (bilan d’avancement): every string and number a page shows,
 * so that the mapper is tested without docx and the builders make no decision about content.
 * The main document is what the préfet reads (a score of pages whatever the commission’s size);
 * the detailed fiche cards go to a separate file, the full directory to a spreadsheet.
 */
import type { ActionStatus, Meteo } from '../../../shared/labels';
import type { Logo } from '../common/view';

/** A chart as data; charts.ts draws it. Series keys name the colours and patterns (a status, a météo…). */
export type ChartSpec =
  | {
      kind: 'stacked';
      title: string;
      /** Alternative text: what the chart says, for screen readers and for Word’s accessibility check. */
      alt: string;
      /** What a reader must know to read the chart right (double counts, left-out series…), or null. */
      note: string | null;
      categories: string[];
      series: { key: ActionStatus | Meteo | 'none'; label: string; values: number[] }[];
    }
  | {
      /** Vertical columns of counts over time, such as people in a parcours month by month. */
      kind: 'columns';
      title: string;
      alt: string;
      note: string | null;
      columns: { label: string; value: number }[];
    }
  | {
      kind: 'bars';
      title: string;
      alt: string;
      note: string | null;
      /** Values in per cent; the axis runs to `max`. */
      rows: { label: string; value: number; valueLabel: string }[];
      max: number;
      /** A vertical line, such as the target at 100 %. */
      reference: { value: number; label: string } | null;
    };

export interface Table {
  columns: { title: string; width: number; align?: 'left' | 'right' | 'center' }[];
  rows: string[][];
  /** A line under a row, across the table (statuses and funders of a measure), or null. */
  notes?: (string | null)[];
  emptyText: string;
}

/** A table under a heading, with an optional line of explanation above it. */
export interface TitledTable {
  heading: string;
  note: string | null;
  table: Table;
}

/** One national framework’s progress: a table of measures per priority, axis or objective. */
export interface FrameworkProgress {
  heading: string;
  summary: string;
  chart: ChartSpec | null;
  /** Top-level parts (priorité, axe), each with its tables (one per objective when there are objectives). */
  parts: { heading: string; summary: string; tables: TitledTable[] }[];
}

export interface CoverView {
  logo: Logo | null;
  commissionName: string;
  departmentName: string;
  title: string;
  periodLabel: string;
  periodDates: string;
  /** « Données arrêtées au 29 novembre 2026 » while the period is not over; else null. */
  dataAsOf: string | null;
  recipients: string;
  producedBy: string;
}

export interface ReportView {
  title: string;
  cover: CoverView;
  /** Running header and footer of every page after the cover. */
  runningHeader: string;
  runningFooter: string;
  /** « L’essentiel »: the sentences a préfet reads in a minute. */
  essentials: string[] | null;
  keyFigures: {
    comparison: string;
    table: Table;
    indicators: TitledTable;
    /** Fiches by status and by météo, per framework. */
    charts: ChartSpec[];
  } | null;
  frameworks: FrameworkProgress[] | null;
  difficulties: { intro: string; table: Table; more: string | null } | null;
  parcours: { intro: string; table: Table; chart: ChartSpec | null } | null;
  sessions: { intro: string; held: Table; openFollowUps: TitledTable } | null;
  /** Each table capped in the main document; the full lists of the capped ones go to annex A. */
  protocols: { intro: string; tables: TitledTable[] } | null;
  network: { paragraphs: string[]; byType: Table; members: TitledTable } | null;
  outlook: { lines: string[]; decisions: string[] } | null;
  /** Annex A: one line per fiche, by framework and part. */
  annexActions: { intro: string; groups: TitledTable[]; protocols: TitledTable[] } | null;
}

export interface ActionCard {
  /** « FA-012 – Former les réceptionnistes d’hôtel »: repeated at the top of each page the card runs onto. */
  heading: string;
  facts: [label: string, value: string][];
  indicators: Table | null;
  /** Dated journal entries of the period, oldest first. */
  journal: { date: string; text: string }[];
  journalEmpty: string;
}

/** Annex B, a file of its own: the full fiche cards with their journal of the period. */
export interface DetailedView {
  title: string;
  cover: CoverView;
  runningHeader: string;
  runningFooter: string;
  intro: string;
  frameworks: { heading: string; parts: { heading: string; cards: ActionCard[]; alsoHere: string | null }[] }[];
}
