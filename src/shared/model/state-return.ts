import type { Theme, ValueType } from '../state-return';

/** One figure of the return as the screen previews it: the year beside the previous one. */
export interface StateReturnLine {
  id: string;
  label: string;
  valueType: ValueType;
  now: number | null;
  before: number | null;
}

/** The figures of a year's return, by theme: the very rows the package will hold. */
export interface StateReturnPreview {
  year: number;
  departementCode: string;
  departementName: string;
  regionName: string;
  themes: { theme: Theme; title: string; lines: StateReturnLine[] }[];
  /** The names of the four files that writing it will make. */
  files: string[];
}

/** A folder chosen for writing a return, kept in main under a token. */
export interface ChosenFolder {
  token: string;
  folder: string;
}

export interface StateReturnWritten {
  folder: string;
  /** The names of the files written, in the folder. */
  files: string[];
}

/** What the validator says of a return (the one written, or one received). */
export interface StateReturnCheck {
  valid: boolean;
  /** « année 2025, D33, 412 lignes » when valid. */
  summary: string;
  errors: string[];
}

/** What a folder of returns holds, as the consolidation screen shows it before writing. */
export interface ConsolidationFound {
  token: string;
  folder: string;
  year: number;
  /** « Région Nouvelle-Aquitaine » or « France entière ». */
  scope: string;
  filesExamined: number;
  accepted: { code: string; name: string; region: string; file: string; createdOn: string | null }[];
  setAside: { file: string; reasons: string[] }[];
  duplicates: string[];
  missing: { code: string; name: string }[];
  /** The figures the map may be shaded by, by theme. */
  mapChoices: { title: string; indicators: { id: string; label: string }[] }[];
  defaultMap: string;
}

export interface ConsolidationWritten {
  synthesis: string;
  workbook: string;
}
