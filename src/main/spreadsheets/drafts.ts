import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { ApiError } from '../../shared/errors';
import type { TableFile } from '../../shared/model/table-file';
import { stripInvisible } from '../../shared/text';
import { readImportTable } from './read-in-worker';
import type { RawTable } from './table';
import type { PreparedTable } from './columns';
import type { OsServices } from '../platform/os';

/**
 * Files being imported, kept in main between the steps of an import wizard (partners, the parcours
 * register): the renderer only holds a token, so it never hands a path or the file's content back to main.
 */
const drafts = new Map<string, { kind: string; table: PreparedTable }>();
const MAX_DRAFTS = 3;

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
export function keepDraft<F extends string>(kind: string, fileName: string, table: PreparedTable, mapping: (F | null)[]): TableFile<F> {
  const token = randomUUID();
  drafts.set(token, { kind, table });
  while (drafts.size > MAX_DRAFTS) drafts.delete(drafts.keys().next().value!);
  return {
    token,
    fileName,
    formatLabel: table.formatLabel,
    headerLine: table.headerLine,
    headers: table.headers,
    samples: table.rows.slice(0, 3).map((r) => table.headers.map((_, i) => r.cells[i] ?? '')),
    rowCount: table.rows.length,
    mapping,
    warnings: table.warnings,
  };
}

/** The file of a token, with a mapping as wide as its columns. */
export function draft(kind: string, token: string, mapping: unknown[]): PreparedTable {
  const found = drafts.get(token);
  if (!found || found.kind !== kind) throw new ApiError('not_found', 'Cet import n’est plus en cours : choisissez de nouveau le fichier.');
  if (mapping.length !== found.table.headers.length) throw new ApiError('validation', 'La correspondance des colonnes ne correspond pas au fichier : choisissez de nouveau le fichier.');
  return found.table;
}

export function discardDraft(token: string): null {
  drafts.delete(token);
  return null;
}
