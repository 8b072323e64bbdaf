/**
 * View model of the progress report (bilan d’avancement): every string and number a page shows,
 * so that the mapper is tested without docx and the builders make no decision about content.
 */
import type { ActionStatus, Meteo } from '../../../shared/labels';
import type { Logo } from '../common/view';

/** A chart as data; charts.ts draws it. Series keys name the colours (a status, a météo…). */
export type ChartSpec =
  | {
      kind: 'stacked';
      title: string;
      /** Alternative text: what the chart says, for screen readers and for Word’s accessibility check. */
      alt: string;
      categories: string[];
      series: { key: ActionStatus | Meteo | 'none'; label: string; values: number[] }[];
    }
  | {
      kind: 'bars';
      title: string;
      alt: string;
      /** Values in per cent; the axis runs to `max`. */
      rows: { label: string; value: number; valueLabel: string }[];
      max: number;
      /** A vertical line, such as the target at 100 %. */
      reference: { value: number; label: string } | null;
    };

export interface Table {
  columns: { title: string; width: number; align?: 'left' | 'right' | 'center' }[];
  rows: string[][];
  emptyText: string;
}

export interface ActionBlock {
  /** « FA-012 – Former les réceptionnistes d’hôtel ». */
  heading: string;
  facts: [label: string, value: string][];
  indicators: Table | null;
  /** Dated journal entries of the period, oldest first. */
  journal: { date: string; text: string }[];
  journalEmpty: string;
}

export interface GroupSection {
  /** « Priorité 2 – Renforcer le repérage à tous les niveaux ». */
  heading: string;
  summary: string;
  actions: ActionBlock[];
  /** Fiches also attached here but shown under an earlier heading. */
  alsoHere: string | null;
}

export interface FrameworkSection {
  heading: string;
  summary: string;
  chart: ChartSpec | null;
  groups: GroupSection[];
}

export interface ReportView {
  title: string;
  cover: {
    logo: Logo | null;
    commissionName: string;
    departmentName: string;
    title: string;
    periodLabel: string;
    periodDates: string;
    recipients: string;
    producedBy: string;
  };
  /** Running header and footer of every page after the cover. */
  runningHeader: string;
  runningFooter: string;
  summary: {
    paragraphs: string[];
    /** Which period the figures are compared with. */
    comparison: string;
    keyFigures: Table;
    indicators: Table;
    charts: ChartSpec[];
    outlook: string[];
  } | null;
  frameworks: FrameworkSection[] | null;
  protocols: { intro: string; signed: Table; due: Table; ended: Table } | null;
  sessions: { intro: string; held: { heading: string; meta: string; decisions: string[]; more: string | null }[]; openFollowUps: Table } | null;
  network: { paragraphs: string[]; byType: Table; byDomain: Table } | null;
  directory: { intro: string; groups: { heading: string; table: Table }[] } | null;
}
