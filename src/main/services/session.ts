import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors';
import type { AppStatus, BackupInfo, DamagedCommission, PackagePreview } from '../../shared/model/backups';
import type { CommissionSummary } from '../../shared/types';
import type { Db } from '../db/connection';
import { NewerDatabaseError, NotMaillageError } from '../db/migrate';
import type { Clock } from '../os';
import {
  createBackup,
  hasDailyBackup,
  latestGoodBackup,
  listBackups,
  openCommissionDatabase,
  restoreBackupFiles,
  rotateBackups,
  setAsideDamaged,
} from './backups';
import { COMMISSION_EXTENSION, createCommissionDatabase, filesDir, readCommission } from './commission';
import { generateDemo } from './demo';
import { installPackage, readPackage, type ReadPackage } from './exchange';
import { UntrustedFileError, verifyCommissionFile } from './untrusted';

export interface OpenCommission {
  db: Db;
  path: string;
}

interface Preferences {
  lastCommission?: string;
}

const DAMAGED = 'Le fichier de cette commission est endommagé : Maillage ne peut pas l’ouvrir sans risquer d’aggraver les dégâts.';

/**
 * The commission open in this process (the app shows one at a time). Remembers the last one in
 * the data folder so that the next start reopens it. Opening checks the file's integrity and takes
 * the day's automatic backup; a damaged file is not opened but reported, with the backup to restore.
 */
export class CommissionSession {
  private current: OpenCommission | null = null;
  private damaged: DamagedCommission | null = null;
  private pendingImport: ReadPackage | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly nativeBinding?: string,
    private readonly now: Clock = () => new Date(),
  ) {}

  get commissionsDir(): string {
    return join(this.dataDir, 'commissions');
  }

  /** The open commission, or a « no commission » error for channels that need one. */
  require(): OpenCommission {
    if (!this.current) throw new ApiError('no_commission', 'Aucune commission n’est ouverte : créez-en une ou ouvrez un fichier.');
    return this.current;
  }

  /** The open commission, if any. */
  currentOrNull(): OpenCommission | null {
    return this.current;
  }

  summary(): CommissionSummary | null {
    return this.current ? readCommission(this.current.db, this.current.path) : null;
  }

  status(): AppStatus {
    return { commission: this.summary(), damaged: this.damaged };
  }

  /** Opens a commission file; a damaged one is reported in the status instead of opened. */
  async open(path: string): Promise<AppStatus> {
    if (!existsSync(path)) throw new ApiError('io', 'Ce fichier de commission est introuvable.');
    let opened: Awaited<ReturnType<typeof openCommissionDatabase>>;
    try {
      opened = await openCommissionDatabase(path, this.now(), this.nativeBinding);
    } catch (error) {
      if (error instanceof NewerDatabaseError || error instanceof NotMaillageError) throw new ApiError('io', error.message);
      // A file whose header is destroyed does not even open; if it has backups, it was a commission.
      if (listBackups(path).length > 0) return this.reportDamage(path);
      throw new ApiError('io', 'Ce fichier n’est pas une commission Maillage, ou il est endommagé.');
    }
    if (opened.damage !== null) return this.reportDamage(path);
    const { db } = opened;
    let summary: CommissionSummary;
    try {
      summary = readCommission(db, path);
      if (!hasDailyBackup(path, this.now())) {
        await createBackup(db, path, 'auto', this.now(), this.nativeBinding);
        rotateBackups(path);
      }
    } catch (error) {
      db.close();
      throw error;
    }
    this.close();
    this.current = { db, path };
    this.savePreferences({ lastCommission: path });
    return { commission: summary, damaged: null };
  }

  /**
   * Opens a file the user chose (Fichier › Ouvrir): it may come from anywhere, so it is checked
   * (schema, stored paths, attached files) before Maillage writes to it or runs anything from it.
   */
  async openChosen(path: string): Promise<AppStatus> {
    if (!existsSync(path)) throw new ApiError('io', 'Ce fichier de commission est introuvable.');
    if (this.current?.path !== path) {
      const files = filesDir(path);
      try {
        verifyCommissionFile(path, existsSync(files) ? files : null, this.nativeBinding);
      } catch (error) {
        // A damaged file gets the damage screen, which offers its verified backups; it is not written to.
        if (!(error instanceof UntrustedFileError && error.damaged)) throw error;
      }
    }
    return this.open(path);
  }

  private reportDamage(path: string): AppStatus {
    this.close();
    this.damaged = { filePath: path, problem: DAMAGED, latestGoodBackup: latestGoodBackup(path, this.nativeBinding) };
    return this.status();
  }

  async openSummary(path: string): Promise<CommissionSummary> {
    const status = await this.open(path);
    if (!status.commission) throw new ApiError('io', status.damaged?.problem ?? DAMAGED);
    return status.commission;
  }

  async create(input: { departmentCode: string; name: string | null }, now: string): Promise<CommissionSummary> {
    const path = this.freePath(`commission-${input.departmentCode.toLowerCase()}`);
    createCommissionDatabase(path, input, now, this.nativeBinding).close();
    return this.openSummary(path);
  }

  /** Opens the demo commission, generating it the first time. */
  async openDemo(now: Date): Promise<CommissionSummary> {
    const path = join(this.commissionsDir, `demonstration.${COMMISSION_EXTENSION}`);
    if (!existsSync(path)) {
      const db = createCommissionDatabase(path, { departmentCode: '33', name: null }, now.toISOString(), this.nativeBinding);
      try {
        generateDemo(db, { size: 'small', today: now });
      } finally {
        db.close();
      }
    }
    return this.openSummary(path);
  }

  /** Reopens the commission of the previous run, if it is still there; a damaged one shows its screen. */
  async reopenLast(): Promise<AppStatus | null> {
    const last = this.loadPreferences().lastCommission;
    if (!last || !existsSync(last)) return null;
    try {
      return await this.open(last);
    } catch {
      return null;
    }
  }

  async backup(): Promise<BackupInfo> {
    const { db, path } = this.require();
    return createBackup(db, path, 'manuel', this.now(), this.nativeBinding);
  }

  /** Restores a backup of the open commission: the current state is backed up first, then the file is closed, replaced and reopened. */
  async restore(id: string): Promise<CommissionSummary> {
    const { db, path } = this.require();
    if (!listBackups(path).some((b) => b.id === id)) throw new ApiError('not_found', 'Cette sauvegarde n’existe plus : rechargez la liste.');
    await createBackup(db, path, 'avant-restauration', this.now(), this.nativeBinding);
    this.close();
    let failure: unknown = null;
    try {
      await restoreBackupFiles(path, id, this.nativeBinding);
    } catch (error) {
      failure = error;
    }
    // Reopen whatever is there now: the restored state, or the untouched one if the restore failed.
    const status = await this.open(path);
    if (failure) throw failure;
    if (!status.commission) throw new ApiError('io', DAMAGED);
    return status.commission;
  }

  /** Replaces a damaged commission by its latest good backup; the damaged file is kept aside. */
  async restoreDamaged(): Promise<CommissionSummary> {
    const damaged = this.damaged;
    if (!damaged) throw new ApiError('conflict', 'Aucune commission endommagée n’attend de restauration.');
    const backup = latestGoodBackup(damaged.filePath, this.nativeBinding);
    if (!backup) throw new ApiError('not_found', 'Aucune sauvegarde intacte de cette commission n’a été trouvée.');
    setAsideDamaged(damaged.filePath, this.now());
    await restoreBackupFiles(damaged.filePath, backup.id, this.nativeBinding);
    this.damaged = null;
    return this.openSummary(damaged.filePath);
  }

  /** Reads and validates an exchange package; it waits for confirmImport. */
  async prepareImport(file: string): Promise<PackagePreview> {
    this.discardImport();
    const read = await readPackage(file, this.nativeBinding);
    this.pendingImport = read;
    const targetFileName = `${read.manifest.sourceName}.${COMMISSION_EXTENSION}`;
    return { ...read.preview, targetFileName, targetExists: existsSync(join(this.commissionsDir, targetFileName)) };
  }

  /**
   * Imports the package read by prepareImport, as a new commission or over the one with the same file
   * name (which is backed up first, and closed if it is open).
   */
  async confirmImport(mode: 'replace' | 'new'): Promise<CommissionSummary> {
    const pending = this.pendingImport;
    if (!pending) throw new ApiError('conflict', 'Choisissez d’abord le paquet d’échange à importer.');
    const sameName = join(this.commissionsDir, `${pending.manifest.sourceName}.${COMMISSION_EXTENSION}`);
    const target = mode === 'replace' ? sameName : existsSync(sameName) ? this.freePath(pending.manifest.sourceName) : sameName;
    if (mode === 'replace' && !existsSync(target)) throw new ApiError('not_found', 'Il n’y a pas de commission à remplacer sur cet ordinateur.');
    mkdirSync(this.commissionsDir, { recursive: true });
    if (existsSync(target)) {
      if (this.current?.path === target) {
        await createBackup(this.current.db, target, 'avant-import', this.now(), this.nativeBinding);
        this.close();
      } else {
        const opened = await openCommissionDatabase(target, this.now(), this.nativeBinding).catch(() => null);
        if (opened && opened.damage === null) {
          try {
            await createBackup(opened.db, target, 'avant-import', this.now(), this.nativeBinding);
          } finally {
            opened.db.close();
          }
        }
      }
    }
    await installPackage(pending, target, this.nativeBinding);
    this.discardImport();
    return this.openSummary(target);
  }

  discardImport(): void {
    if (this.pendingImport) rmSync(this.pendingImport.dir, { recursive: true, force: true });
    this.pendingImport = null;
  }

  close(): void {
    this.current?.db.close();
    this.current = null;
    this.damaged = null;
  }

  private freePath(stem: string): string {
    mkdirSync(this.commissionsDir, { recursive: true });
    for (let n = 1; ; n++) {
      const path = join(this.commissionsDir, `${stem}${n === 1 ? '' : `-${n}`}.${COMMISSION_EXTENSION}`);
      if (!existsSync(path)) return path;
    }
  }

  private get preferencesFile(): string {
    return join(this.dataDir, 'preferences.json');
  }

  private loadPreferences(): Preferences {
    try {
      return JSON.parse(readFileSync(this.preferencesFile, 'utf8')) as Preferences;
    } catch {
      return {};
    }
  }

  private savePreferences(preferences: Preferences): void {
    mkdirSync(this.dataDir, { recursive: true });
    writeFileSync(this.preferencesFile, JSON.stringify(preferences, null, 2));
  }
}

