import { parisToday } from '../../shared/wallclock';
import { analyseImport, commitImport, preparePartnerTable, suggestMapping } from '../features/partners/import';
import { discardDraft, draft, keepDraft, pickTable } from '../spreadsheets/drafts';
import type { HandlerSlice } from './types';

export const partnerImportHandlers: HandlerSlice<'partnerImport'> = {
  'partnerImport.open': async (_input, { session, os }) => {
    session.require();
    const picked = await pickTable(os, 'Importer des partenaires', preparePartnerTable);
    if (!picked) return null;
    return keepDraft('partners', picked.fileName, picked.table, suggestMapping(picked.table.headers, picked.table.rows));
  },
  'partnerImport.preview': ({ token, mapping }, { session, now }) => analyseImport(session.require().db, draft('partners', token, mapping), mapping, parisToday(now())).preview,
  'partnerImport.commit': ({ token, mapping, onDuplicate, choices }, { session, now }) => {
    const db = session.require().db;
    const at = now();
    const summary = commitImport(db, analyseImport(db, draft('partners', token, mapping), mapping, parisToday(at)), { onDuplicate, choices }, at);
    discardDraft('partners', token);
    return summary;
  },
  'partnerImport.discard': ({ token }) => discardDraft('partners', token),
};
