import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors';
import type { CommissionSummary } from '../../shared/types';
import { openDatabase, type Db } from '../db/connection';
import { NewerDatabaseError, NotMaillageError } from '../db/migrate';
import { COMMISSION_EXTENSION, createCommissionDatabase, readCommission } from './commission';
import { generateDemo } from './demo';

export interface OpenCommission {
  db: Db;
  path: string;
}

interface Preferences {
  lastCommission?: string;
}

/**
 * The commission open in this process (the app shows one at a time). Remembers the last one in
 * the data folder so that the next start reopens it.
 */
export class CommissionSession {
  private current: OpenCommission | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly nativeBinding?: string,
  ) {}

  get commissionsDir(): string {
    return join(this.dataDir, 'commissions');
  }

  /** The open commission, or a « no commission » error for channels that need one. */
  require(): OpenCommission {
    if (!this.current) throw new ApiError('no_commission', 'Aucune commission n’est ouverte : créez-en une ou ouvrez un fichier.');
    return this.current;
  }

  summary(): CommissionSummary | null {
    return this.current ? readCommission(this.current.db, this.current.path) : null;
  }

  open(path: string): CommissionSummary {
    if (!existsSync(path)) throw new ApiError('io', 'Ce fichier de commission est introuvable.');
    let db: Db;
    try {
      db = openDatabase(path, { nativeBinding: this.nativeBinding });
    } catch (error) {
      if (error instanceof NewerDatabaseError || error instanceof NotMaillageError) throw new ApiError('io', error.message);
      throw new ApiError('io', 'Ce fichier n’est pas une commission Maillage, ou il est endommagé.');
    }
    let summary: CommissionSummary;
    try {
      summary = readCommission(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
    this.close();
    this.current = { db, path };
    this.savePreferences({ lastCommission: path });
    return summary;
  }

  create(input: { departmentCode: string; name: string | null }, now: string): CommissionSummary {
    const path = this.freePath(`commission-${input.departmentCode.toLowerCase()}`);
    createCommissionDatabase(path, input, now, this.nativeBinding).close();
    return this.open(path);
  }

  /** Opens the demo commission, generating it the first time. */
  openDemo(now: Date): CommissionSummary {
    const path = join(this.commissionsDir, `demonstration.${COMMISSION_EXTENSION}`);
    if (!existsSync(path)) {
      const db = createCommissionDatabase(path, { departmentCode: '33', name: null }, now.toISOString(), this.nativeBinding);
      try {
        generateDemo(db, { size: 'small', today: now });
      } finally {
        db.close();
      }
    }
    return this.open(path);
  }

  /** Reopens the commission of the previous run, if it is still there and readable. */
  reopenLast(): CommissionSummary | null {
    const last = this.loadPreferences().lastCommission;
    if (!last || !existsSync(last)) return null;
    try {
      return this.open(last);
    } catch {
      return null;
    }
  }

  close(): void {
    this.current?.db.close();
    this.current = null;
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
