import { generateReport, listReports, openReport, previewReport, removeReport } from '../features/reports/reports';
import type { HandlerSlice } from './types';

export const reportHandlers: HandlerSlice<'reports'> = {
  'reports.preview': (input, { session, now }) => {
    const { db, path } = session.require();
    return previewReport(db, path, input, now());
  },
  'reports.generate': (input, { session, os, now }) => generateReport(session.require(), os, input, now()),
  'reports.list': (_input, { session }) => listReports(session.require().db),
  'reports.open': ({ id }, { session, os }) => openReport(session.require().db, os, id),
  'reports.remove': ({ id }, { session, now }) => removeReport(session.require().db, id, now()),
};
