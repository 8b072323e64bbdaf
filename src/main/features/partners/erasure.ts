/**
 * « Effacer partout »: a person erased from every column that can hold their name or details, as
 * db/personal-columns.ts lists them. The erasure is planned first (read only: what the dialog shows
 * before the user confirms), then applied in one transaction with SQLite's secure_delete, a VACUUM
 * and a checkpoint, so that no copy stays in the file's free pages or in its WAL.
 */
import { ApiError } from '../../../shared/errors';
import type { ErasureExcerpt, ErasurePlace } from '../../../shared/model/network';
import type { Db } from '../../db/connection';
import { columnsOfKind, describersOf } from '../../db/personal-columns';
import { recordChange } from '../../commission-file/changelog';
import { releaseContacts } from '../composition/composition';
import { forgetPendingUndos } from '../../commission-file/undo';
import { parisToday } from '../../../shared/wallclock';
import { ERASED, personMatcher, type PersonMatcher } from './mentions';
import { contactDisplayName, type ContactRow } from './partners';

/** One row to rewrite: the new value of each column that changes. */
export interface RowChange {
  table: string;
  /** The row: its rowid, or its primary key in a table WITHOUT ROWID (`key_<column>` → value). */
  key: Record<string, unknown>;
  /** The column that names the person (the first one, when several do), its value, and whether it is free text. */
  column: string;
  before: string | null;
  free: boolean;
  set: Record<string, string | null>;
  place: string;
}

export interface ErasurePlan {
  contact: ContactRow;
  name: string;
  changes: RowChange[];
  /** Change-log rows: deleted (the contact's own history) or rewritten. */
  history: { deleted: number; rewritten: Map<number, { before: string | null; after: string | null }> };
}

export function findContact(db: Db, id: string): ContactRow {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  if (!row) throw new ApiError('not_found', 'Ce contact n’existe plus : il a peut-être déjà été supprimé.');
  return row;
}

export function matcherOf(c: ContactRow): PersonMatcher {
  return personMatcher({ civility: c.civility, firstName: c.first_name, lastName: c.last_name, email: c.email, phone: c.phone });
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** How a row of `table` is found again: its rowid, or its primary key when the table has none. */
function keyColumns(db: Db, table: string): string[] {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string;
  if (!/WITHOUT\s+ROWID/i.test(sql)) return ['rowid'];
  return (db.pragma(`table_info(${table})`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

const keyOf = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith('key_')));
const selectKey = (keys: string[]) => keys.map((k) => `${k} AS key_${k}`).join(', ');

/** Reads every listed column and says what erasing the person would change. Writes nothing. */
export function planErasure(db: Db, id: string): ErasurePlan {
  const contact = findContact(db, id);
  const person = matcherOf(contact);
  const changes: RowChange[] = [];

  for (const { table, column, rule } of columnsOfKind('name')) {
    const extra = [rule.contact, rule.partner].filter(Boolean).map((c) => `, ${c}`).join('');
    const rows = db.prepare(`SELECT ${selectKey(keyColumns(db, table))}, ${column} AS value${extra} FROM ${table} WHERE ${column} IS NOT NULL${rule.contact ? ` OR ${rule.contact} = @id` : ''}`).all({ id }) as Record<string, unknown>[];
    for (const row of rows) {
      const value = row.value as string | null;
      const linked = rule.contact !== undefined && row[rule.contact] === id;
      const partner = rule.partner ? (row[rule.partner] as string | null) : null;
      const named = value !== null && person.names(value) && (partner === null || partner === contact.partner_id);
      if (!linked && !named) continue;
      const set: Record<string, string | null> = { [column]: value === null ? null : ERASED };
      for (const describer of describersOf(table, column)) set[describer] = null;
      if (linked) set[rule.contact!] = null;
      changes.push({ table, key: keyOf(row), column, before: value, free: false, set, place: rule.place });
    }
  }

  for (const { table, column, rule } of columnsOfKind('setting')) {
    const rows = db.prepare(`SELECT ${selectKey(keyColumns(db, table))}, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`).all() as ({ value: string } & Record<string, unknown>)[];
    for (const row of rows.filter((r) => person.holds(r.value))) {
      const set: Record<string, string | null> = { [column]: null };
      for (const describer of describersOf(table, column)) set[describer] = null;
      changes.push({ table, key: keyOf(row), column, before: row.value, free: false, set, place: rule.place });
    }
  }

  for (const { table, column, rule } of columnsOfKind('text')) {
    // The person's own record goes whole; another contact's notes may name them.
    const own = table === 'contacts' ? ' AND id <> @id' : '';
    const rows = db.prepare(`SELECT ${selectKey(keyColumns(db, table))}, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL${own}`).all({ id }) as ({ value: string } & Record<string, unknown>)[];
    for (const row of rows) {
      if (!person.holds(row.value)) continue;
      const redacted = person.redact(row.value);
      if (redacted !== row.value) changes.push({ table, key: keyOf(row), column, before: row.value, free: true, set: { [column]: redacted }, place: rule.place });
    }
  }

  return { contact, name: contactDisplayName(contact), changes, history: planHistory(db, contact, person) };
}

/** Keys of change-log snapshots that copy a name or setting column (camelCase), with the keys that describe the person they name. */
const NAME_KEYS = new Map<string, string[]>(
  [...columnsOfKind('name'), ...columnsOfKind('setting')].map(({ table, column }) => [camel(column), describersOf(table, column).map(camel)]),
);
/** What an attendance snapshot of the person holds besides their name (civility, role). */
const ATTENDEE_DESCRIBERS = describersOf('meeting_attendees', 'name').map(camel);

/**
 * A change-log snapshot with the person taken out: objects that are their contact (by id) removed,
 * a name key that names them replaced whole (and its civility, role or title emptied), their
 * attendances named « Personne effacée », every other string redacted as free text is.
 */
function scrub(value: unknown, id: string, person: PersonMatcher): unknown {
  const isContact = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && (v as { id?: unknown }).id === id;
  if (Array.isArray(value)) return value.filter((v) => !isContact(v)).map((v) => scrub(v, id, person));
  if (typeof value === 'string') return person.holds(value) ? person.redact(value) : value;
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const emptied = new Set<string>();
  const isTheirAttendance = object.contactId === id;
  for (const [key, v] of Object.entries(object)) {
    if (isContact(v)) out[key] = null;
    else if (typeof v === 'string' && ((NAME_KEYS.has(key) && key !== 'name' && person.holds(v)) || (key === 'name' && isTheirAttendance))) {
      out[key] = ERASED;
      for (const describer of NAME_KEYS.get(key) ?? []) emptied.add(describer);
    } else out[key] = scrub(v, id, person);
    if (key === 'name' && out[key] !== v) for (const describer of ATTENDEE_DESCRIBERS) emptied.add(describer);
  }
  for (const key of emptied) if (key in out) out[key] = null;
  return out;
}

function planHistory(db: Db, contact: ContactRow, person: PersonMatcher): ErasurePlan['history'] {
  const deleted = db.prepare("SELECT count(*) FROM change_log WHERE entity = 'contact' AND entity_id = ?").pluck().get(contact.id) as number;
  const rewritten = new Map<number, { before: string | null; after: string | null }>();
  const rows = db.prepare("SELECT seq, before, after FROM change_log WHERE NOT (entity = 'contact' AND entity_id = ?) AND (before IS NOT NULL OR after IS NOT NULL)").iterate(contact.id) as Iterable<{
    seq: number;
    before: string | null;
    after: string | null;
  }>;
  const rewrite = (json: string | null) => (json === null || !(json.includes(contact.id) || person.holds(json)) ? json : JSON.stringify(scrub(JSON.parse(json), contact.id, person)));
  for (const row of rows) {
    const before = rewrite(row.before);
    const after = rewrite(row.after);
    if (before !== row.before || after !== row.after) rewritten.set(row.seq, { before, after });
  }
  return { deleted, rewritten };
}

/** Fields that name the person, per place, in the order of the list of columns. */
export function placesOf(plan: ErasurePlan): ErasurePlace[] {
  const counts = new Map<string, number>();
  for (const change of plan.changes) counts.set(change.place, (counts.get(change.place) ?? 0) + 1);
  return [...counts].map(([place, count]) => ({ place, count }));
}

const EXCERPTS = 20;
const AROUND = 60;

/** Where free texts name the person, so that the user can check before erasing (a namesake would go too). */
export function excerptsOf(plan: ErasurePlan): ErasureExcerpt[] {
  return plan.changes
    .filter((c) => c.free)
    .slice(0, EXCERPTS)
    .map((c) => ({ place: c.place, text: excerpt(c.before!, c.set[c.column] ?? '') }));
}

/** `before` around the first place where `after` differs from it. */
export function excerpt(before: string, after: string): string {
  let at = 0;
  while (at < before.length && before[at] === after[at]) at++;
  const start = Math.max(0, at - AROUND);
  const end = Math.min(before.length, at + AROUND);
  return `${start > 0 ? '…' : ''}${before.slice(start, end)}${end < before.length ? '…' : ''}`;
}

/**
 * Erases the person as planErasure plans it, planned again within the transaction: the rows rewritten, the contact deleted, the history scrubbed, then the freed
 * space overwritten and the WAL emptied. The erasure itself is recorded, with nothing that
 * identifies the person.
 */
export function applyErasure(db: Db, id: string, now: Date): ErasurePlan {
  const at = now.toISOString();
  // An undo would bring the person back: every pending one is dropped first.
  forgetPendingUndos();
  db.pragma('secure_delete = ON');
  let plan: ErasurePlan;
  try {
    plan = db.transaction(() => {
      // Past meetings keep counting the seat the person held; the composition keeps the seat, not the
      // name. Ending the membership writes its history: the plan is made after, so that it is scrubbed too.
      releaseContacts(db, [id], parisToday(now), at);
      const plan = planErasure(db, id);
      const { contact } = plan;
      for (const change of plan.changes) {
        const columns = Object.keys(change.set);
        const where = Object.keys(change.key).map((k) => `${k.slice('key_'.length)} = @${k}`).join(' AND ');
        db.prepare(`UPDATE ${change.table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE ${where}`).run({ ...change.set, ...change.key });
      }
      db.prepare("DELETE FROM change_log WHERE entity = 'contact' AND entity_id = ?").run(contact.id);
      const rewrite = db.prepare('UPDATE change_log SET before = ?, after = ? WHERE seq = ?');
      for (const [seq, { before, after }] of plan.history.rewritten) rewrite.run(before, after, seq);
      db.prepare('DELETE FROM contacts WHERE id = ?').run(contact.id);
      recordChange(db, at, 'contact', contact.id, 'delete', { erased: true, partnerId: contact.partner_id }, null);
      return plan;
    })();
  } finally {
    db.pragma('secure_delete = OFF');
  }
  // secure_delete clears the freed cells, but B-tree rebalancing can leave old copies in the unused
  // part of pages; VACUUM rewrites every page. The old pages, name included, then stay in the -wal
  // until a checkpoint: copy them back and empty it.
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Another reader holds the file: the next checkpoint (at the latest, on closing) rewrites the WAL.
  }
  return plan;
}
