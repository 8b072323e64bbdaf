import { commissionSettings, createCommission } from '../schemas/commission';
import type { AppStatus } from '../model/backups';
import type { CommissionSummary, LogoPreview } from '../types';
import { channel, none } from './channel';

export const appContract = {
  'app.status': channel<AppStatus>()(none),
  'app.createCommission': channel<CommissionSummary>()(createCommission),
  'app.openDemo': channel<CommissionSummary>()(none),
  /** Asks the user for a commission file; null when the dialog is cancelled. A damaged file comes back in `damaged`. */
  'app.open': channel<AppStatus | null>()(none),
  /** Saves a consistent copy of the open commission (database and files); null when cancelled. */
  'app.saveCopy': channel<{ path: string } | null>()(none),
  /** Shows the open commission's file in the system's file manager. */
  'app.showFolder': channel<null>()(none),

  'settings.update': channel<CommissionSummary>()(commissionSettings),
  /** Asks the user for an image and copies it into the commission's data folder; null when cancelled. */
  'settings.chooseLogo': channel<CommissionSummary | null>()(none),
  'settings.removeLogo': channel<CommissionSummary>()(none),
  'settings.logo': channel<LogoPreview | null>()(none),
} as const;
