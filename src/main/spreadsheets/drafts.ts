import { basename } from 'node:path';
import { ApiError } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import type { TableFile } from '../../shared/model/table-file';
import { stripInvisible } from '../../shared/text';
import { readImportTable } from './read-in-worker';
import type { RawTable } from './table';
import type { PreparedTable } from './columns';
import type { OsServices } from '../platform/os';
import { draftsOf } from '../platform/drafts';

/**
 * Spreadsheets being imported through a wizard (partners, the parcours register): read once, kept
 * as import drafts (platform/drafts.ts) between the steps, described to the wizard by their token.
 */
type TableKind = 'partners' | 'parcours';

export const IMPORT_EXTENSIONS = ['xlsx', 'csv', 'txt'];

/** Asks for a spreadsheet and reads it; null when the user cancels the dialog. */
export async function pickTable(
  os: OsServices,
  title: string,
  prepare: (table: RawTable, fileName: string) => PreparedTable,
): Promise<{ fileName: string; table: PreparedTable } | null> {
  const path = await os.pickOpenFile({ title, filters: [{ name: 'Tableaux Excel ou CSV', extensions: IMPORT_EXTENSIONS }] });
  if (!path) return null;
  const fileName = stripInvisible(basename(path));
  return { fileName, table: prepare(await readImportTable(path, fileName), fileName) };
}

/** Keeps the file for the next steps and describes it to the wizard, with the mapping main suggests. */
export function keepDraft<F extends string>(kind: TableKind, fileName: string, table: PreparedTable, mapping: (F | null)[]): TableFile<F> {
  return {
    token: draftsOf<PreparedTable>(kind).keep(table),
    fileName,
    formatLabel: table.formatLabel,
    headerLine: table.headerLine,
    headers: table.headers,
    samples: table.rows.slice(0, 3).map((r) => table.headers.map((_, i) => shownCell(r.cells[i] ?? ''))),
    rowCount: table.rows.length,
    mapping,
    warnings: table.warnings,
  };
}

/** A cell as the wizard's samples show it: the readers give Excel's dates as ISO days, people read dd/mm/yyyy. */
function shownCell(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
}

/** The file of a token, with a mapping as wide as its columns. */
export function draft(kind: TableKind, token: string, mapping: unknown[]): PreparedTable {
  const table = draftsOf<PreparedTable>(kind).get(token);
  if (mapping.length !== table.headers.length) throw new ApiError('validation', 'La correspondance des colonnes ne correspond pas au fichier : choisissez de nouveau le fichier.');
  return table;
}

export function discardDraft(kind: TableKind, token: string): null {
  draftsOf<PreparedTable>(kind).discard(token);
  return null;
}
