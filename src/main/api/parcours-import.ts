import { freeTextGuesses, prepareParcoursTable, runParcoursImport, suggestParcoursMapping } from '../features/parcours/import';
import { parisToday } from '../../shared/wallclock';
import { discardDraft, draft, keepDraft, pickTable } from '../spreadsheets/drafts';
import type { HandlerSlice } from './types';

export const parcoursImportHandlers: HandlerSlice<'parcoursImport'> = {
  'parcoursImport.open': async (_input, { session, os }) => {
    session.require();
    const picked = await pickTable(os, 'Importer un registre des parcours de sortie', prepareParcoursTable);
    if (!picked) return null;
    const { fileName, table } = picked;
    return { ...keepDraft('parcours', fileName, table, suggestParcoursMapping(table)), identityColumns: table.identity ?? [], freeText: freeTextGuesses(table) };
  },
  'parcoursImport.preview': ({ token, mapping }, { session, now }) =>
    runParcoursImport(session.require().db, draft('parcours', token, mapping), mapping, { commit: false, now: now(), today: parisToday(now()) }).preview,
  'parcoursImport.commit': ({ token, mapping }, { session, now }) => {
    const { summary } = runParcoursImport(session.require().db, draft('parcours', token, mapping), mapping, { commit: true, now: now(), today: parisToday(now()) });
    discardDraft('parcours', token);
    return summary!;
  },
  'parcoursImport.discard': ({ token }) => discardDraft('parcours', token),
};
