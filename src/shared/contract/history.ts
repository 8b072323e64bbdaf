import type { HistoryEntry } from '../model/history';
import { historyQuery } from '../schemas/backups';
import { channel } from './channel';

export const historyContract = {
  /** The recorded changes of one record (and of the records it holds: a partner's contacts, a session's items), newest first. */
  'history.forRecord': channel<HistoryEntry[]>()(historyQuery),
} as const;
