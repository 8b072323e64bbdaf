/** What the measures, fiches actions and dashboard channels return. */
import type { ActionStatus, CatalogueNodeKind, Meteo } from '../labels';
import type { ActionsSummary, IndicatorAssessment } from '../progress';

export interface CatalogueNode {
  id: string;
  code: string;
  parentId: string | null;
  kind: CatalogueNodeKind;
  label: string;
  /** The official wording, in full. */
  title: string;
  /** A condensed form of a long official wording, for the tree and the lists; null when the title is short enough. */
  shortTitle: string | null;
  /** The national pilot the official text names (« Éducation nationale – DGESCO »). */
  pilot: string | null;
  sourceNote: string | null;
  reconstructed: boolean;
  isLocal: boolean;
  /** Set when an updated catalogue no longer has this code but fiches still point to it. */
  retiredAt: string | null;
  /** Fiches attached to this node or to one below it, and how they stand. */
  summary: ActionsSummary;
  children: CatalogueNode[];
}

export interface Framework {
  id: string;
  code: string;
  title: string;
  shortTitle: string;
  presentedOn: string | null;
  description: string | null;
  version: number;
  summary: ActionsSummary;
  nodes: CatalogueNode[];
}

export interface CatalogueImportReport {
  /** Per framework of the file: what the import changes (or changed). */
  frameworks: {
    code: string;
    title: string;
    isNew: boolean;
    added: string[];
    updated: string[];
    /** Codes gone from the file but kept because fiches (or local sub-measures) point to them. */
    retired: string[];
    /** Codes gone from the file and from the commission. */
    removed: string[];
    unchanged: number;
  }[];
}

export interface CatalogueImportPreview {
  token: string;
  fileName: string;
  report: CatalogueImportReport;
}

/** A national measure (or axis…) a fiche is attached to. */
export interface AttachedMeasure {
  id: string;
  code: string;
  label: string;
  title: string;
  kind: CatalogueNodeKind;
  frameworkCode: string;
  frameworkShortTitle: string;
  retired: boolean;
}

export interface ActionListItem {
  id: string;
  code: string | null;
  title: string;
  frameworkCodes: string[];
  /** « Plan 2021 · Action 5 ; Stratégie 2024 · Mesure 16 » */
  measuresText: string;
  measureIds: string[];
  pilotPartnerId: string | null;
  pilotName: string | null;
  partnersText: string;
  status: ActionStatus;
  meteo: Meteo | null;
  progress: number;
  startsOn: string | null;
  endsOn: string | null;
  /** Computed with the commission's « today » (Paris). */
  overdue: boolean;
  budget: number | null;
  lastEntryOn: string | null;
  updatedAt: string;
}

export interface PartnerRef {
  id: string;
  name: string;
}

export interface JournalEntry {
  id: string;
  actionId: string;
  entryOn: string;
  text: string;
  status: ActionStatus | null;
  meteo: Meteo | null;
  meteoReason: string | null;
  progress: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface IndicatorValue {
  id: string;
  measuredOn: string;
  value: number;
  note: string | null;
}

export interface Indicator {
  id: string;
  actionId: string;
  name: string;
  unit: string | null;
  baseline: number | null;
  baselineOn: string | null;
  target: number | null;
  targetOn: string | null;
  /** Oldest first. */
  values: IndicatorValue[];
  assessment: IndicatorAssessment;
}

export interface ActionDetail {
  id: string;
  code: string | null;
  title: string;
  description: string | null;
  expectedResults: string | null;
  measures: AttachedMeasure[];
  pilot: PartnerRef | null;
  partners: PartnerRef[];
  status: ActionStatus;
  meteo: Meteo | null;
  meteoReason: string | null;
  progress: number;
  startsOn: string | null;
  endsOn: string | null;
  overdue: boolean;
  budget: number | null;
  funders: string | null;
  /** Newest first, as the timeline shows it. */
  journal: JournalEntry[];
  indicators: Indicator[];
  createdAt: string;
  updatedAt: string;
}

export interface DashboardActionRef {
  id: string;
  code: string | null;
  title: string;
  endsOn: string;
  status: ActionStatus;
  meteo: Meteo | null;
  pilotName: string | null;
}

export interface Dashboard {
  today: string;
  frameworks: { code: string; shortTitle: string; title: string; summary: ActionsSummary }[];
  actionsCount: number;
  overdue: DashboardActionRef[];
  endingSoon: DashboardActionRef[];
  indicatorsCount: number;
  indicatorsBehind: {
    id: string;
    name: string;
    unit: string | null;
    actionId: string;
    actionTitle: string;
    latest: number;
    latestOn: string;
    expected: number;
    target: number;
    targetOn: string;
  }[];
  /** Journal entries per month over the last twelve months, oldest first (« 2026-03 »). */
  journalByMonth: { month: string; count: number }[];
  latestEntries: (JournalEntry & { actionTitle: string; actionCode: string | null })[];
}
