/** Backups, integrity and exchange packages: what the API returns. */
import type { CommissionSummary } from '../types';
import { parisDay } from '../wallclock';

/** Why a backup was taken; stable codes, French labels in backupKinds. */
export type BackupKind = 'auto' | 'migration' | 'manuel' | 'avant-restauration' | 'avant-import';

export const backupKindLabels: Record<BackupKind, string> = {
  auto: 'Automatique (à l’ouverture)',
  migration: 'Avant mise à jour de Maillage',
  manuel: 'À la demande',
  'avant-restauration': 'Avant une restauration',
  'avant-import': 'Avant un import',
};

export interface BackupInfo {
  /** The backup's folder name inside « <nom>-fichiers/sauvegardes ». */
  id: string;
  kind: BackupKind;
  /** ISO UTC timestamp. */
  createdAt: string;
  /** Database and attached files, in bytes. */
  bytes: number;
  /** Attached files copied with the database. */
  files: number;
  schemaVersion: number;
}

/**
 * A copy of the commission's data kept in its backups folder: a backup, or a file Maillage set aside
 * (a damaged commission, a WAL from another database). Each holds what the commission held then,
 * erased persons included, and is deleted once it is a year old.
 */
export interface HeldCopy {
  /** Its name in the backups folder. */
  id: string;
  /** What it is, in French (« Automatique (à l’ouverture) », « Fichier endommagé mis de côté »). */
  label: string;
  /** ISO UTC timestamp. */
  createdAt: string;
  /** The last Paris day it is kept (YYYY-MM-DD): the first opening after it deletes it. */
  keptUntil: string;
}

/** Backups and set-aside files are kept at most a year: until the same day of the next year. */
export function keptUntil(createdAt: string): string {
  const [y, m, d] = parisDay(createdAt).split('-').map(Number);
  return new Date(Date.UTC(y! + 1, m! - 1, d!)).toISOString().slice(0, 10);
}

/** A commission whose file failed the integrity check on opening: the app offers to restore. */
export interface DamagedCommission {
  filePath: string;
  /** What happened, in plain French. */
  problem: string;
  /** The most recent backup that passes the integrity check, if any. */
  latestGoodBackup: BackupInfo | null;
}

/** The last commission could not be reopened for a reason that is not damage (in use, read-only, disk full, missing…). */
export interface UnavailableCommission {
  filePath: string;
  /** Why, and what to do, in plain French. */
  problem: string;
}

export interface AppStatus {
  commission: CommissionSummary | null;
  damaged: DamagedCommission | null;
  unavailable: UnavailableCommission | null;
}

export interface PackageCounts {
  partners: number;
  contacts: number;
  actions: number;
  protocols: number;
  meetings: number;
  files: number;
}

/** What an exchange package holds, shown before it is imported. */
export interface PackagePreview {
  commissionName: string;
  departmentCode: string;
  departmentName: string;
  exportedAt: string;
  schemaVersion: number;
  counts: PackageCounts;
  /** The commission file the import writes to, in Maillage's folder. */
  targetFileName: string;
  /** A commission with that file name is already on this computer: importing replaces it (after a backup) or makes a new one. */
  targetExists: boolean;
}
