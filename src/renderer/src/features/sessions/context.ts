import type { MeetingDetail, MeetingOptions } from '../../../../shared/model/meetings';
import type { Undoable } from '../../../../shared/model/undo';

/** What the session page hands to its panels and dialogs. */
export interface SessionContext {
  meeting: MeetingDetail;
  options: MeetingOptions | null;
  /** Runs a write and shows the session it returns; errors become a toast, never a lost page. */
  apply: (write: () => Promise<MeetingDetail>, done?: string) => Promise<boolean>;
  reload: () => Promise<void>;
  /** Runs a deletion, shows the session it returns, and offers « Annuler » in its message. */
  remove: (write: () => Promise<Undoable<MeetingDetail>>, done: string) => Promise<void>;
}
