/**
 * The stamp of a partner's workbook: which commission, campaign and structure it was made for, and,
 * for each row, which fiche or indicator it is and the state it showed when it was made.
 *
 * Sheet protection in .xlsx is no lock: Excel and LibreOffice remove it in two clicks, and any
 * program can write the file without it. The stamp is therefore signed with HMAC-SHA-256 under a
 * secret of 32 random bytes drawn for each commission and kept in its database only (return_keys):
 * a partner can hide, unhide or retype the stamp sheet, but cannot make a stamp that checks, nor
 * change what a row stands for. The locked cells a partner sees are rebuilt from the signed state
 * on return and compared with the cells read (intake.ts): a changed locked cell is refused even
 * if the sheet's protection was removed. A secret per commission (rather than one in the program,
 * which anyone could read) means a workbook of another commission never checks here.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ActionStatus, Meteo } from '../../../shared/labels';
import type { Db } from '../../db/connection';

export const STAMP_SHEET = 'maillage';
const MARKER = 'MAILLAGE-REMONTEE';
const VERSION = '1';

export interface StampHeader {
  commissionUid: string;
  campaignId: string;
  requestId: string;
  /** Drawn for each workbook made (a reminder makes a new one). */
  workbookId: string;
  madeAt: string;
}

export interface FicheState {
  id: string;
  code: string | null;
  title: string;
  status: ActionStatus;
  meteo: Meteo | null;
  progress: number;
  lastOn: string | null;
  lastNews: string | null;
}

export interface IndicatorState {
  id: string;
  actionId: string;
  actionCode: string | null;
  name: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  targetOn: string | null;
  lastValue: number | null;
  lastOn: string | null;
}

export type StampRow = { kind: 'fiche'; row: number; state: FicheState } | { kind: 'indicator'; row: number; state: IndicatorState };

export interface Stamp {
  header: StampHeader;
  rows: StampRow[];
}

/** The commission's identity in workbooks and its signing secret, drawn the first time a workbook is made. */
export function returnsKey(db: Db, now: Date): { commissionUid: string; secret: Buffer } {
  let row = db.prepare('SELECT commission_uid, secret FROM return_keys WHERE id = 1').get() as { commission_uid: string; secret: string } | undefined;
  if (!row) {
    row = { commission_uid: randomUUID(), secret: randomBytes(32).toString('base64') };
    db.prepare('INSERT INTO return_keys (id, commission_uid, secret, created_at) VALUES (1, ?, ?, ?)').run(row.commission_uid, row.secret, now.toISOString());
  }
  return { commissionUid: row.commission_uid, secret: Buffer.from(row.secret, 'base64') };
}

/** The key if this commission ever made a workbook; a commission that never did cannot have sent one. */
function existingKey(db: Db): { commissionUid: string; secret: Buffer } | null {
  const row = db.prepare('SELECT commission_uid, secret FROM return_keys WHERE id = 1').get() as { commission_uid: string; secret: string } | undefined;
  return row ? { commissionUid: row.commission_uid, secret: Buffer.from(row.secret, 'base64') } : null;
}

/**
 * The stamp as the text cells of its sheet: a header row, a row for the signature, then one row per
 * data row. Everything is text, so that no spreadsheet turns a value into a number or a date.
 */
export function stampCells(stamp: Stamp, secret: Buffer): string[][] {
  const { header } = stamp;
  const headerCells = [MARKER, VERSION, header.commissionUid, header.campaignId, header.requestId, header.workbookId, header.madeAt];
  const rowCells = stamp.rows.map((r) => [r.kind, String(r.row), JSON.stringify(r.state)]);
  return [headerCells, ['signature', sign(secret, headerCells, rowCells)], ...rowCells];
}

function sign(secret: Buffer, header: string[], rows: string[][]): string {
  // Unit and record separators cannot occur in the cells (they are control characters the reader removes).
  const message = [header.join('\u001f'), ...rows.map((r) => r.join('\u001f'))].join('\u001e');
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export type StampCheck = { ok: true; stamp: Stamp } | { ok: false; reason: string };

const NOT_A_RETURN = 'ce n’est pas un classeur de remontée préparé par Maillage (sa feuille d’identification manque). Renvoyez à la structure le classeur qui lui a été envoyé.';
const ALTERED = 'sa feuille d’identification a été modifiée, elle ne correspond plus au classeur préparé par Maillage. Demandez à la structure de remplir de nouveau le classeur qui lui a été envoyé, sans toucher aux feuilles masquées.';

/** Reads and checks a stamp from the text of its sheet's cells (rows of cells, as read). */
export function checkStamp(db: Db, cells: string[][]): StampCheck {
  const [header, signature, ...rows] = cells;
  if (!header || header[0] !== MARKER) return { ok: false, reason: NOT_A_RETURN };
  if (header[1] !== VERSION) return { ok: false, reason: 'il a été préparé par une autre version de Maillage, que celle-ci ne sait pas lire.' };
  const key = existingKey(db);
  const [, , commissionUid = '', campaignId = '', requestId = '', workbookId = '', madeAt = ''] = header;
  if (!key || commissionUid !== key.commissionUid) return { ok: false, reason: 'il a été préparé par une autre commission (ou une autre copie de la commission) : il ne peut pas être pris en compte ici.' };
  const expected = Buffer.from(sign(key.secret, header.slice(0, 7), rows.map((r) => r.slice(0, 3))), 'hex');
  const given = Buffer.from(signature?.[0] === 'signature' && /^[0-9a-f]{64}$/.test(signature[1] ?? '') ? signature[1]! : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: ALTERED };
  if (header.length > 7 || signature!.length > 2 || rows.some((r) => r.length > 3)) return { ok: false, reason: ALTERED };
  try {
    const parsed = rows.map((r): StampRow => {
      const kind = r[0];
      if (kind !== 'fiche' && kind !== 'indicator') throw new Error('kind');
      return { kind, row: Number(r[1]), state: JSON.parse(r[2] ?? '') } as StampRow;
    });
    return { ok: true, stamp: { header: { commissionUid, campaignId, requestId, workbookId, madeAt }, rows: parsed } };
  } catch {
    // Signed by this commission yet unreadable: only a later version of Maillage could have written it.
    return { ok: false, reason: ALTERED };
  }
}
