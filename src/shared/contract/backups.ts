import type { AppStatus, BackupInfo, PackagePreview } from '../model/backups';
import { backupRef, packageImport } from '../schemas/backups';
import type { CommissionSummary } from '../types';
import { channel, none } from './channel';

/** Backups, restore and exchange packages of the open commission. */
export const backupsContract = {
  'backups.list': channel<BackupInfo[]>()(none),
  /** A backup on demand. */
  'backups.create': channel<BackupInfo>()(none),
  /** Backs up the current state, then replaces the commission with the backup and reopens it. */
  'backups.restore': channel<CommissionSummary>()(backupRef),
  'backups.delete': channel<BackupInfo[]>()(backupRef),
  /** When the commission failed its integrity check on opening: restores its latest good backup. */
  'backups.restoreDamaged': channel<AppStatus>()(none),

  /** Writes the exchange package where the user chooses; null when cancelled. */
  'package.export': channel<{ path: string } | null>()(none),
  /** Asks for a package, checks it and describes it; null when cancelled. Nothing is imported yet. */
  'package.chooseImport': channel<PackagePreview | null>()(none),
  /** Imports the package chosen with package.chooseImport and opens it. */
  'package.import': channel<CommissionSummary>()(packageImport),
  'package.cancelImport': channel<null>()(none),
} as const;
