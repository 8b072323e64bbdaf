import { undoable } from '../commission-file/undo';
import { recordReport, listReports, previewReport, removeReport, renderReport, reportFile, writeReportFiles } from '../features/reports/reports';
import { askWhereToSave } from './dialogs';
import type { HandlerSlice } from './types';

export const reportHandlers: HandlerSlice<'reports'> = {
  'reports.preview': (input, { session, now }) => {
    const { db, path } = session.require();
    return previewReport(db, path, input, now());
  },
  'reports.generate': async (input, { session, os, now }) => {
    const { db, path } = session.require();
    const { files, fileName, title } = await renderReport(db, path, input, now());
    const target = await askWhereToSave(os, { title: 'Enregistrer le bilan d’avancement', defaultName: fileName, type: 'docx' });
    if (!target) return null;
    // The main document and, beside it, annex B and the directory when they were asked for.
    await writeReportFiles(target, files);
    const listed = recordReport(db, { title, options: input, path: target }, now());
    await os.openPath(target);
    return listed;
  },
  'reports.list': (_input, { session }) => listReports(session.require().db),
  'reports.open': async ({ id }, { session, os }) => {
    const path = reportFile(session.require().db, id);
    await os.openPath(path);
    return { path };
  },
  'reports.remove': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => removeReport(db, id, at)),
};
