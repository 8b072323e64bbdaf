import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors';
import type { AppStatus, BackupInfo, DamagedCommission, PackagePreview, UnavailableCommission } from '../../shared/model/backups';
import type { CommissionSummary } from '../../shared/types';
import type { Db } from '../db/connection';
import Database from 'better-sqlite3';
import { assertOpenable, NewerDatabaseError, NotMaillageError } from '../db/migrate';
import { writeUserFile } from '../platform/files';
import { parisToday } from '../../shared/wallclock';
import type { Clock } from '../platform/os';
import { openProblemMessages } from '../platform/system-errors';
import {
  assertNotBusy,
  createBackup,
  hasDailyBackup,
  latestGoodBackup,
  listBackups,
  restoreBackupFiles,
  rotateBackups,
  setAsideDamaged,
  stagingDir,
  type ReplaceObserver,
  type ReplaceOptions,
} from './backups';
import { acquireCommissionLock, type CommissionLock } from './lock';
import { COMMISSION_EXTENSION, createCommissionFile, filesDir, readCommission } from './commission';
import { generateDemo } from '../features/demo';
import { commissionFailure, DamagedCommissionError, isWritable, openCommissionFile, saveBeforeReplacing, type OpenedCommission } from './open';
import { installPackage, readPackage, type ReadPackage } from './packages';
import { removeStaleWorkFolders } from './work-folders';
import { draftsOf } from '../platform/drafts';
import { UntrustedFileError, verifyCommissionFile, withPrivateCopy } from './untrusted';

export interface OpenCommission {
  db: Db;
  path: string;
  /** This user cannot write the file: it is open read-only, and every channel that writes is refused. */
  readOnly: boolean;
}

interface Preferences {
  lastCommission?: string;
}

export interface SessionHooks {
  /** Called at each step of a restore or a package import over a commission (tests inject faults here). */
  onReplaceStep?: ReplaceObserver;
}

/** An ApiError saying plainly why `path` cannot be opened or written, for failures that are not damage. */
function openFailure(path: string, error: unknown): ApiError | null {
  const failure = commissionFailure(path, error);
  return failure instanceof ApiError && !(failure instanceof DamagedCommissionError) ? failure : null;
}

/**
 * The commission open in this process (the app shows one at a time). Remembers the last one in
 * the data folder so that the next start reopens it. Opening takes the commission's lock (one
 * writer per commission), finishes or drops a replacement a kill interrupted, checks the file's
 * integrity and takes the day's automatic backup. A damaged file is not opened but reported, with
 * the backup to restore; a busy, read-only, full or missing one is reported as such and left alone.
 */
/** Exchange packages read and checked, waiting for the user's confirmation; each unpacked in a temporary folder removed with it. */
const packageDrafts = draftsOf<ReadPackage>('package');

export class CommissionSession {
  private current: OpenCommission | null = null;
  /** The lock of the open (or damaged, or being replaced) commission. */
  private lock: CommissionLock | null = null;
  private damaged: DamagedCommission | null = null;
  private unavailable: UnavailableCommission | null = null;
  /** The token of the exchange package read by prepareImport (an import draft), until confirmImport. */
  private pendingImport: string | null = null;
  /** Reopening the last commission at start-up, which the window does not wait for (it may take a backup). */
  private starting: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly nativeBinding?: string,
    private readonly now: Clock = () => new Date(),
    private readonly hooks: SessionHooks = {},
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

  /** Runs `work` once the start-up's reopening is over: the first status the window asks for waits for it. */
  async afterStartUp<T>(work: () => T): Promise<T> {
    await this.starting.catch(() => undefined);
    return work();
  }

  status(): AppStatus {
    return { commission: this.summary(), damaged: this.damaged, unavailable: this.unavailable };
  }

  /** Opens a commission file; a damaged one is reported in the status instead of opened. */
  async open(path: string): Promise<AppStatus> {
    if (!existsSync(path) && !existsSync(stagingDir(path))) throw new ApiError('io', openProblemMessages.missing);
    const lock = this.lockFor(path);
    try {
      return await this.openLocked(path, lock);
    } catch (error) {
      if (lock !== this.lock) lock.release();
      throw openFailure(path, error) ?? error;
    }
  }

  /** The lock of `path`: the one this session holds, or a new one (refused if another process holds it). */
  private lockFor(path: string): CommissionLock {
    if (this.lock?.dbPath === path) return this.lock;
    try {
      return acquireCommissionLock(path, this.nativeBinding);
    } catch (error) {
      // On a read-only disk no one writes through Maillage, and the lock cannot be written: it opens read-only, unlocked.
      if (existsSync(path) && !isWritable(path) && openFailure(path, error)?.message === openProblemMessages['read-only']) return { dbPath: path, release: () => undefined };
      throw openFailure(path, error) ?? error;
    }
  }

  private async openLocked(path: string, lock: CommissionLock): Promise<AppStatus> {
    let opened: OpenedCommission;
    try {
      opened = await openCommissionFile(path, {
        access: 'write',
        lock,
        allowReadOnly: true,
        now: this.now(),
        nativeBinding: this.nativeBinding,
        onReplaceStep: this.hooks.onReplaceStep,
      });
    } catch (error) {
      if (!(error instanceof DamagedCommissionError)) throw error;
      // A file whose header is destroyed does not even open; if it has backups, it was a commission.
      if (!error.unreadable || listBackups(path).length > 0) return this.reportDamage(path, lock);
      throw new ApiError('io', 'Ce fichier n’est pas une commission Maillage, ou il est endommagé.');
    }
    const { db, readOnly } = opened;
    try {
      // A read-only commission cannot change through Maillage: its backups are the user's to ask for.
      if (!readOnly && !hasDailyBackup(path, this.now())) {
        await createBackup(db, path, 'auto', this.now(), this.nativeBinding);
        rotateBackups(path, parisToday(this.now()));
      }
    } catch (error) {
      db.close();
      throw error;
    }
    this.close(lock);
    this.current = { db, path, readOnly };
    this.lock = lock;
    await this.savePreferences({ lastCommission: path });
    return this.status();
  }

  /**
   * Opens a file the user chose (Fichier › Ouvrir): it may come from anywhere, so it is checked
   * (schema, stored paths, attached files) before Maillage writes to it or runs anything from it.
   */
  async openChosen(path: string): Promise<AppStatus> {
    if (!existsSync(path)) throw new ApiError('io', openProblemMessages.missing);
    if (this.current?.path !== path) {
      this.assertMaillageFile(path);
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

  /**
   * Another program's SQLite file, or one from a newer Maillage, is refused as opening refuses it
   * (same message); anything unreadable is left to the checks that follow, which tell damage apart.
   */
  private assertMaillageFile(path: string): void {
    // Read from a copy: a file refused here is left as it was, without a -shm and a -wal beside it.
    withPrivateCopy(path, (copy) => {
      let probe: Database.Database;
      try {
        probe = new Database(copy, { readonly: true, fileMustExist: true, nativeBinding: this.nativeBinding });
      } catch {
        return;
      }
      try {
        assertOpenable(probe);
      } catch (error) {
        if (error instanceof NewerDatabaseError || error instanceof NotMaillageError) throw new ApiError('io', error.message);
      } finally {
        probe.close();
      }
    });
  }

  private reportDamage(path: string, lock: CommissionLock): AppStatus {
    this.close(lock);
    this.lock = lock;
    this.damaged = { filePath: path, problem: openProblemMessages.damaged, latestGoodBackup: latestGoodBackup(path, this.nativeBinding) };
    return this.status();
  }

  async openSummary(path: string): Promise<CommissionSummary> {
    const status = await this.open(path);
    if (!status.commission) throw new ApiError('io', status.damaged?.problem ?? openProblemMessages.damaged);
    return status.commission;
  }

  async create(input: { departmentCode: string; name: string | null }, now: Date): Promise<CommissionSummary> {
    const path = this.freePath(`commission-${input.departmentCode.toLowerCase()}`);
    createCommissionFile(path, input, now, this.nativeBinding);
    return this.openSummary(path);
  }

  /** Opens the demo commission, generating it the first time. */
  async openDemo(now: Date): Promise<CommissionSummary> {
    const path = join(this.commissionsDir, `demonstration.${COMMISSION_EXTENSION}`);
    if (!existsSync(path)) createCommissionFile(path, { departmentCode: '33', name: null }, now, this.nativeBinding, (db) => generateDemo(db, { size: 'small', today: now }));
    return this.openSummary(path);
  }

  /**
   * Reopens the commission of the previous run. A damaged one shows its screen; one that cannot be
   * opened (in use, read-only, missing…) is named in the status with the reason, and left alone.
   */
  async reopenLast(): Promise<AppStatus | null> {
    // From the next turn of the event loop: the caller (the window's creation) goes first.
    const reopening = new Promise<void>((next) => setImmediate(next)).then(() => this.reopen());
    this.starting = reopening;
    return reopening;
  }

  private async reopen(): Promise<AppStatus | null> {
    removeStaleWorkFolders();
    const last = this.loadPreferences().lastCommission;
    // A file deleted on purpose would be reported at every start: only a file still there is.
    if (!last || (!existsSync(last) && !existsSync(stagingDir(last)))) return null;
    try {
      return await this.open(last);
    } catch (error) {
      if (!(error instanceof ApiError)) return null;
      this.unavailable = { filePath: last, problem: error.message };
      return this.status();
    }
  }

  async backup(): Promise<BackupInfo> {
    const { db, path } = this.require();
    return createBackup(db, path, 'manuel', this.now(), this.nativeBinding);
  }

  /**
   * Makes `opened` (a commission the caller opened with openCommissionFile, the CLI's commands
   * that go through the router) the open commission; closing the session closes it.
   */
  attach(opened: OpenedCommission): void {
    this.close();
    this.current = { db: opened.db, path: opened.path, readOnly: opened.readOnly };
    this.detach = () => opened.close();
  }

  private detach: (() => void) | null = null;

  private get replaceOptions(): ReplaceOptions {
    return { nativeBinding: this.nativeBinding, onStep: this.hooks.onReplaceStep };
  }

  /** Closes the database but keeps the lock: no other process may open the commission while it is replaced. */
  private closeKeepingLock(): void {
    if (this.current?.db.open) this.current.db.close();
    this.current = null;
  }

  /** Restores a backup of the open commission: the current state is backed up first, then the file is closed, replaced and reopened. */
  async restore(id: string): Promise<CommissionSummary> {
    const { db, path } = this.require();
    if (!listBackups(path).some((b) => b.id === id)) throw new ApiError('not_found', 'Cette sauvegarde n’existe plus : rechargez la liste.');
    try {
      // A commission another program is using would refuse the replace: no « avant » backup for nothing.
      assertNotBusy(db);
      await createBackup(db, path, 'avant-restauration', this.now(), this.nativeBinding);
    } catch (error) {
      throw openFailure(path, error) ?? error;
    }
    this.closeKeepingLock();
    let failure: unknown = null;
    try {
      await restoreBackupFiles(path, id, this.replaceOptions);
    } catch (error) {
      failure = openFailure(path, error) ?? error;
    }
    // Reopen whatever is there now: the restored state, or the untouched one if the restore failed.
    const status = await this.open(path);
    if (failure) throw failure;
    if (!status.commission) throw new ApiError('io', openProblemMessages.damaged);
    return status.commission;
  }

  /** Replaces a damaged commission by its latest good backup; the damaged file is kept aside. */
  async restoreDamaged(): Promise<CommissionSummary> {
    const damaged = this.damaged;
    if (!damaged) throw new ApiError('conflict', 'Aucune commission endommagée n’attend de restauration.');
    const backup = latestGoodBackup(damaged.filePath, this.nativeBinding);
    if (!backup) throw new ApiError('not_found', 'Aucune sauvegarde intacte de cette commission n’a été trouvée.');
    setAsideDamaged(damaged.filePath, this.now());
    await restoreBackupFiles(damaged.filePath, backup.id, this.replaceOptions);
    this.damaged = null;
    return this.openSummary(damaged.filePath);
  }

  /** Reads and validates an exchange package; it waits for confirmImport. */
  async prepareImport(file: string): Promise<PackagePreview> {
    this.discardImport();
    const read = await readPackage(file, this.nativeBinding);
    this.pendingImport = packageDrafts.keep(read, () => rmSync(read.dir, { recursive: true, force: true }));
    const targetFileName = `${read.manifest.sourceName}.${COMMISSION_EXTENSION}`;
    return { ...read.preview, targetFileName, targetExists: existsSync(join(this.commissionsDir, targetFileName)) };
  }

  /**
   * Imports the package read by prepareImport, as a new commission or over the one with the same file
   * name (which is backed up first, and closed if it is open). Refused if another process has it open.
   */
  async confirmImport(mode: 'replace' | 'new'): Promise<CommissionSummary> {
    if (!this.pendingImport) throw new ApiError('conflict', 'Choisissez d’abord le paquet d’échange à importer.');
    const pending = packageDrafts.get(this.pendingImport);
    const sameName = join(this.commissionsDir, `${pending.manifest.sourceName}.${COMMISSION_EXTENSION}`);
    const target = mode === 'replace' ? sameName : existsSync(sameName) ? this.freePath(pending.manifest.sourceName) : sameName;
    if (mode === 'replace' && !existsSync(target)) throw new ApiError('not_found', 'Il n’y a pas de commission à remplacer sur cet ordinateur.');
    mkdirSync(this.commissionsDir, { recursive: true });
    const lock = this.lockFor(target);
    const wasOpen = this.current?.path === target;
    try {
      if (existsSync(target)) {
        if (this.current?.path === target) {
          assertNotBusy(this.current.db);
          await createBackup(this.current.db, target, 'avant-import', this.now(), this.nativeBinding);
          this.closeKeepingLock();
        } else {
          await saveBeforeReplacing(target, 'avant-import', { lock, now: this.now(), nativeBinding: this.nativeBinding, onReplaceStep: this.hooks.onReplaceStep });
        }
      }
      await installPackage(pending, target, this.replaceOptions);
    } catch (error) {
      const failure = openFailure(target, error) ?? error;
      // The commission that was open is still whole (all or nothing): show it again.
      if (wasOpen) await this.open(target);
      else if (lock !== this.lock) lock.release();
      throw failure;
    }
    this.discardImport();
    if (lock !== this.lock) {
      this.close();
      this.lock = lock;
    }
    return this.openSummary(target);
  }

  discardImport(): void {
    if (this.pendingImport) packageDrafts.discard(this.pendingImport);
    this.pendingImport = null;
  }

  /** Closes the open commission and releases its lock, unless it is `keep` (the lock of what opens next). */
  close(keep: CommissionLock | null = null): void {
    if (this.current?.db.open) this.current.db.close();
    this.detach?.();
    this.detach = null;
    this.current = null;
    this.damaged = null;
    this.unavailable = null;
    if (this.lock && this.lock !== keep) this.lock.release();
    this.lock = null;
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

  /** Remembering the last commission is a convenience: failing to (disk full) must not fail the opening. */
  private async savePreferences(preferences: Preferences): Promise<void> {
    try {
      mkdirSync(this.dataDir, { recursive: true });
      await writeUserFile(this.preferencesFile, JSON.stringify(preferences, null, 2));
    } catch {
      // The previous preferences are intact (written whole or not at all).
    }
  }
}

