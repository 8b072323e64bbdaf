import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/errors';
import type { UndoOffer } from '../../shared/model/undo';
import type { Db } from '../db/connection';
import { recordChange } from './changelog';

/**
 * « Annuler » after a deletion, for a few seconds. Main keeps what was deleted: the renderer is not
 * trusted with it. The delete runs inside a capture: temporary triggers of this connection copy, as
 * SQLite's own JSON, every row it deletes, updates or inserts (cascades and side effects included:
 * a partner's contacts, the appointments they held, the items renumbered after the one removed).
 * Undoing replays that capture backwards in one transaction, ids included, or refuses with the
 * reason when the commission changed since in a way that conflicts. The history keeps both the
 * deletion and its undoing.
 */

/** How long the toast offers « Annuler ». */
export const UNDO_SECONDS = 10;
/** Main honours a click a little after the toast has gone (a slow machine, a click on its last frame). */
const UNDO_GRACE_MS = 5_000;

/** The history is never rolled back: the deletion stays recorded, the undoing is recorded beside it. */
const NOT_CAPTURED = new Set(['change_log']);

interface CapturedRow {
  table: string;
  op: 'delete' | 'update' | 'insert';
  /** The row as json_object wrote it, before and after the change. */
  old: string | null;
  new: string | null;
}

interface PendingUndo {
  db: Db;
  expiresAt: number;
  rows: CapturedRow[];
  /** The history entries of the deletion (seq, entity, id, snapshot before). */
  deletions: { seq: number; entity: string; entityId: string; before: string | null }[];
}

const pending = new Map<string, PendingUndo>();

interface TableShape {
  name: string;
  columns: string[];
  key: string[];
}

function tables(db: Db): TableShape[] {
  const names = db.prepare(`SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  return names.map((name) => {
    const info = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(name) as { name: string; pk: number }[];
    const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    return { name, columns: info.map((c) => c.name), key: key.length > 0 ? key : info.map((c) => c.name) };
  });
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const jsonOf = (row: string, columns: string[]) => `json_object(${columns.map((c) => `'${c}', ${row}.${q(c)}`).join(', ')})`;
const valueOf = (param: string, column: string) => `json_extract(${param}, '$.${column}')`;

function startCapture(db: Db, shapes: TableShape[]): void {
  db.exec('CREATE TEMP TABLE undo_capture (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, old TEXT, new TEXT)');
  for (const t of shapes) {
    const log = (op: string, old: string, now: string) => `INSERT INTO temp.undo_capture (tbl, op, old, new) VALUES ('${t.name}', '${op}', ${old}, ${now});`;
    db.exec(
      `CREATE TEMP TRIGGER ${q(`undo_d_${t.name}`)} AFTER DELETE ON main.${q(t.name)} BEGIN ${log('delete', jsonOf('OLD', t.columns), 'NULL')} END;
       CREATE TEMP TRIGGER ${q(`undo_u_${t.name}`)} AFTER UPDATE ON main.${q(t.name)} BEGIN ${log('update', jsonOf('OLD', t.columns), jsonOf('NEW', t.columns))} END;
       CREATE TEMP TRIGGER ${q(`undo_i_${t.name}`)} AFTER INSERT ON main.${q(t.name)} BEGIN ${log('insert', 'NULL', jsonOf('NEW', t.columns))} END;`,
    );
  }
}

function stopCapture(db: Db, shapes: TableShape[]): void {
  for (const t of shapes) for (const op of ['d', 'u', 'i']) db.exec(`DROP TRIGGER IF EXISTS temp.${q(`undo_${op}_${t.name}`)}`);
  db.exec('DROP TABLE IF EXISTS temp.undo_capture');
}

function prune(now: number): void {
  for (const [token, p] of pending) if (p.expiresAt < now) pending.delete(token);
}

/**
 * Runs a deletion so that it can be undone for a few seconds: its result comes back with the offer
 * of an undo (the renderer shows « Annuler » in the deletion's message).
 */
export function withUndo<T extends object>(db: Db, now: Date, deletion: () => T): T & { undo: UndoOffer } {
  prune(now.getTime());
  const shapes = tables(db).filter((t) => !NOT_CAPTURED.has(t.name));
  let rows: CapturedRow[] = [];
  let firstLog = 0;
  const result = db.transaction(() => {
    firstLog = (db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number) + 1;
    startCapture(db, shapes);
    try {
      const done = deletion();
      rows = db.prepare('SELECT tbl AS "table", op, old, new FROM temp.undo_capture ORDER BY seq').all() as CapturedRow[];
      return done;
    } finally {
      stopCapture(db, shapes);
    }
  })();
  const deletions = db
    .prepare(`SELECT seq, entity, entity_id AS entityId, before FROM change_log WHERE seq >= ? AND op = 'delete' ORDER BY seq`)
    .all(firstLog) as PendingUndo['deletions'];
  const token = randomUUID();
  pending.set(token, { db, expiresAt: now.getTime() + UNDO_SECONDS * 1000 + UNDO_GRACE_MS, rows, deletions });
  return { ...result, undo: { token, seconds: UNDO_SECONDS } };
}

/** withUndo for a handler in one line: the deletion gets the connection and the moment. */
export function undoable<T extends object>(db: Db, now: Date, deletion: (db: Db, now: Date) => T): T & { undo: UndoOffer } {
  return withUndo(db, now, () => deletion(db, now));
}

/** A deletion that cannot be undone (files removed from the disk with it) says so the same way. */
export function withoutUndo<T extends object>(result: T): T & { undo: null } {
  return { ...result, undo: null };
}

/** Personal data erased must never come back: every pending undo is forgotten. */
export function forgetPendingUndos(): void {
  pending.clear();
}

/** Puts back what a deletion removed, as it was, or refuses with the reason. */
export function undoDeletion(db: Db, token: string, now: Date): null {
  const p = pending.get(token);
  prune(now.getTime());
  if (!p) throw new ApiError('conflict', 'Cette suppression ne peut plus être annulée : le délai est passé, ou des données personnelles ont été effacées depuis.');
  pending.delete(token);
  if (p.db !== db) throw new ApiError('conflict', 'Cette suppression ne peut plus être annulée : la commission a été fermée, rouverte ou remplacée depuis.');
  if (p.expiresAt < now.getTime()) throw new ApiError('conflict', 'Le délai pour annuler est passé : la suppression est définitive.');
  const shapes = new Map(tables(db).map((t) => [t.name, t]));
  const at = now.toISOString();
  try {
    db.transaction(() => {
      // The rows come back in any order; their links are checked once all are back, at commit.
      db.pragma('defer_foreign_keys = ON');
      for (const row of [...p.rows].reverse()) replayBackwards(db, shapes.get(row.table)!, row);
      for (const d of p.deletions) {
        const before = d.before === null ? {} : (JSON.parse(d.before) as Record<string, unknown>);
        recordChange(db, at, d.entity, d.entityId, 'create', null, { ...before, undoOf: d.seq });
      }
    })();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
      throw new ApiError('conflict', 'La suppression ne peut plus être annulée : un élément auquel elle était liée a été supprimé depuis. Rien n’a été changé.');
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new ApiError('conflict', 'La suppression ne peut plus être annulée : un enregistrement créé depuis porte le même nom, la même référence ou le même code. Rien n’a été changé.');
    throw error;
  }
  return null;
}

const CHANGED_SINCE = 'La suppression ne peut plus être annulée : des données qu’elle avait modifiées l’ont été de nouveau depuis. Rien n’a été changé.';

function replayBackwards(db: Db, t: TableShape, row: CapturedRow): void {
  const where = t.key.map((c) => `${q(c)} IS ${valueOf('@key', c)}`).join(' AND ');
  const current = (key: string) => db.prepare(`SELECT ${jsonOf(q(t.name), t.columns)} FROM main.${q(t.name)} WHERE ${where}`).pluck().get({ key }) as string | undefined;
  if (row.op === 'delete') {
    db.prepare(`INSERT INTO main.${q(t.name)} (${t.columns.map(q).join(', ')}) VALUES (${t.columns.map((c) => valueOf('@old', c)).join(', ')})`).run({ old: row.old });
  } else if (row.op === 'update') {
    if (current(row.new!) !== row.new) throw new ApiError('conflict', CHANGED_SINCE);
    db.prepare(`UPDATE main.${q(t.name)} SET ${t.columns.map((c) => `${q(c)} = ${valueOf('@old', c)}`).join(', ')} WHERE ${where}`).run({ old: row.old, key: row.new });
  } else {
    if (current(row.new!) !== row.new) throw new ApiError('conflict', CHANGED_SINCE);
    db.prepare(`DELETE FROM main.${q(t.name)} WHERE ${where}`).run({ key: row.new });
  }
}
