/**
 * What every spreadsheet import shares, whatever it fills (partners, the parcours register): headers
 * compared without accents or punctuation, the header row found under a title, cells read as
 * secretaries type them. Each import brings its own columns and rules on top.
 */
import { ApiError } from '../../shared/errors';
import { parseFrenchDate } from '../../shared/format';
import type { IdentityColumn } from '../../shared/model/table-file';
import type { RawRow, RawTable } from './table';

/** Lower case, no accents, punctuation as spaces: « Courriel / E-mail » → « courriel e mail ». */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface PreparedTable {
  formatLabel: string;
  headerLine: number;
  headers: string[];
  rows: RawRow[];
  /** About the whole file (RawTable.warnings). */
  warnings: string[];
  /** Columns emptied as soon as the file was read, because they identify a person (the parcours register). */
  identity?: IdentityColumn[];
}

/** Each synonym (already normalised) and each field's own label, normalised, to its field: how a column's header names it. */
export function headerIndex<F extends string>(synonyms: Record<F, string[]>, labels: Record<F, string>): Map<string, F> {
  const index = new Map<string, F>();
  for (const field of Object.keys(synonyms) as F[]) {
    for (const s of synonyms[field]) index.set(s, field);
    index.set(normalise(labels[field]), field);
  }
  return index;
}

/**
 * Finds the header among the first rows (a title or blank lines may sit above it): the row with the
 * most headers the import recognises.
 */
export function prepareTable(table: RawTable, fileName: string, recognises: (header: string) => boolean): PreparedTable {
  const candidates = table.rows.slice(0, 20);
  let headerIndex = -1;
  let bestScore = 0;
  candidates.forEach((row, i) => {
    const score = row.cells.filter((c) => c && recognises(c)).length;
    if (score > bestScore) {
      bestScore = score;
      headerIndex = i;
    }
  });
  if (headerIndex < 0) headerIndex = Math.max(0, candidates.findIndex((r) => r.cells.filter(Boolean).length >= 2));
  const header = table.rows[headerIndex]!;
  const rows = table.rows.slice(headerIndex + 1);
  if (rows.length === 0) {
    throw new ApiError('validation', `Le fichier « ${fileName} » ne contient aucune ligne de données sous la ligne d’en-tête (ligne ${header.line}).`);
  }
  const width = Math.max(header.cells.length, ...rows.slice(0, 1000).map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, i) => header.cells[i] || `Colonne ${i + 1}`);
  return { formatLabel: table.formatLabel, headerLine: header.line, headers, rows, warnings: table.warnings };
}

/** Dates as a secretary may have typed them, or as Excel stored them (serial day numbers). */
export function parseDateCell(value: string): string | null | undefined {
  if (!value) return null;
  const french = parseFrenchDate(value);
  if (french) return french;
  if (/^\d{5}$/.test(value)) {
    const serial = Number(value);
    if (serial > 20000 && serial < 80000) return new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
  }
  return undefined;
}

/** oui / non as lists write it (« x », « 1 », « vrai »…); undefined when it is neither. */
export function parseBoolean(value: string): boolean | undefined {
  const key = normalise(value);
  if (['', 'non', 'n', '0', 'faux', 'false', 'no'].includes(key)) return false;
  if (['oui', 'o', 'x', '1', 'vrai', 'true', 'yes'].includes(key)) return true;
  return undefined;
}

/** A leading apostrophe that Maillage's CSV export put before =, +, -, @ (see neutraliseFormula). */
export function unprotect(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}
