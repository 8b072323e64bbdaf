import type { Undoable } from '../model/undo';
import type { ReportListItem, ReportPreview } from '../model/reports';
import { reportById, reportOptions } from '../schemas/reports';
import { channel, none } from './channel';

export const reportsContract = {
  /** Counts of what the report of a period will hold, before it is generated. */
  'reports.preview': channel<ReportPreview>()(reportOptions),
  /** Builds the report, asks where to save it, opens it and adds it to the list; null when cancelled. */
  'reports.generate': channel<ReportListItem | null>()(reportOptions),
  'reports.list': channel<ReportListItem[]>()(none),
  /** Opens a report of the list with the system's viewer. */
  'reports.open': channel<{ path: string }>()(reportById),
  /** Takes a report off the list; its file stays where it is. */
  'reports.remove': channel<Undoable<{ id: string }>>()(reportById),
} as const;
