import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { ApiError } from '../../shared/errors';
import type { ImportField } from '../../shared/model/partner-import';
import { readImportFile, readTable } from '../documents/table-reader';
import { analyseImport, commitImport, prepareTable, suggestMapping, type PreparedTable } from '../services/partner-import';
import type { HandlerSlice } from './types';

/**
 * Files being imported, kept in main between the steps: the renderer only holds a token, so it never
 * hands a path or the file's content back to main.
 */
const drafts = new Map<string, PreparedTable>();
const MAX_DRAFTS = 3;

function draft(token: string): PreparedTable {
  const table = drafts.get(token);
  if (!table) throw new ApiError('not_found', 'Cet import n’est plus en cours : choisissez de nouveau le fichier.');
  return table;
}

function checkWidth(table: PreparedTable, mapping: (ImportField | null)[]): void {
  if (mapping.length !== table.headers.length) throw new ApiError('validation', 'La correspondance des colonnes ne correspond pas au fichier : choisissez de nouveau le fichier.');
}

export const IMPORT_EXTENSIONS = ['xlsx', 'csv', 'txt'];

export const partnerImportHandlers: HandlerSlice<'partnerImport'> = {
  'partnerImport.open': async (_input, { session, os }) => {
    session.require();
    const path = await os.pickOpenFile({ title: 'Importer des partenaires', filters: [{ name: 'Tableaux Excel ou CSV', extensions: IMPORT_EXTENSIONS }] });
    if (!path) return null;
    const fileName = basename(path);
    const table = prepareTable(await readTable(await readImportFile(path, fileName), fileName), fileName);
    const token = randomUUID();
    drafts.set(token, table);
    while (drafts.size > MAX_DRAFTS) drafts.delete(drafts.keys().next().value!);
    return {
      token,
      fileName,
      formatLabel: table.formatLabel,
      headerLine: table.headerLine,
      headers: table.headers,
      samples: table.rows.slice(0, 3).map((r) => table.headers.map((_, i) => r.cells[i] ?? '')),
      rowCount: table.rows.length,
      mapping: suggestMapping(table.headers, table.rows),
    };
  },
  'partnerImport.preview': ({ token, mapping }, { session }) => {
    const table = draft(token);
    checkWidth(table, mapping);
    return analyseImport(session.require().db, table, mapping).preview;
  },
  'partnerImport.commit': ({ token, mapping, onDuplicate, choices }, { session, now }) => {
    const table = draft(token);
    checkWidth(table, mapping);
    const db = session.require().db;
    const summary = commitImport(db, analyseImport(db, table, mapping), { onDuplicate, choices }, now().toISOString());
    drafts.delete(token);
    return summary;
  },
  'partnerImport.discard': ({ token }) => {
    drafts.delete(token);
    return null;
  },
};
