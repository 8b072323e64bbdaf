import type { MeetingDetail, MeetingOptions } from '../../../../shared/model/meetings';

/** What the session page hands to its panels and dialogs. */
export interface SessionContext {
  meeting: MeetingDetail;
  options: MeetingOptions | null;
  /** Runs a write and shows the session it returns; errors become a toast, never a lost page. */
  apply: (write: () => Promise<MeetingDetail>, done?: string) => Promise<boolean>;
  reload: () => Promise<void>;
}
