import type { HistoryEntry } from '../model/history';
import { historyQuery, undoToken } from '../schemas/backups';
import { channel } from './channel';

export const historyContract = {
  /** The recorded changes of one record (and of the records it holds: a partner's contacts, a session's items), newest first. */
  'history.forRecord': channel<HistoryEntry[]>()(historyQuery),
  /** Puts back what a deletion removed a few seconds ago (the « Annuler » of its message). */
  'history.undoDeletion': channel<null>()(undoToken),
} as const;
