import { formatDate, formatDateTime, plural } from '../../shared/format';
import { HIDDEN_FIELD, historyEntities, type FieldFormat } from '../../shared/history';
import type { HistoryChange, HistoryEntry, HistoryOp } from '../../shared/model/history';
import { formatWallClock } from '../../shared/wallclock';
import type { Db } from '../db/connection';

/**
 * Records held by another, shown in its history: a partner's contacts, a session's items. Found by
 * the holder's id in any snapshot of the held record (creates always carry it), so a deleted
 * contact still shows in its partner's history.
 */
const HELD_RECORDS: Record<string, { entities: string[]; keys: string[] }> = {
  partner: { entities: ['contact'], keys: ['partnerId', 'partner_id'] },
  seat: { entities: ['seat_member'], keys: ['seatId'] },
  meeting: { entities: ['meeting_attendee', 'agenda_item', 'decision', 'follow_up', 'meeting_file'], keys: ['meetingId', 'meeting_id'] },
  action: { entities: ['journal_entry', 'indicator'], keys: ['actionId', 'action_id'] },
};

/** The history panel shows the most recent changes; older ones stay in the database. */
const MAX_ENTRIES = 500;

interface ChangeRow {
  seq: number;
  at: string;
  entity: string;
  entity_id: string;
  op: HistoryOp;
  before: string | null;
  after: string | null;
}

/** Records shown as one whole, without a holder: the composition of the commission is every seat and appointment. */
const COLLECTIONS: Record<string, string[]> = { composition: ['seat', 'seat_member'] };

export function recordHistory(db: Db, entity: string, id: string): HistoryEntry[] {
  const held = HELD_RECORDS[entity];
  const collection = COLLECTIONS[entity];
  let rows: ChangeRow[];
  if (collection) {
    rows = db.prepare(`SELECT * FROM change_log WHERE entity IN (${collection.map(() => '?').join(', ')}) ORDER BY seq DESC LIMIT ${MAX_ENTRIES}`).all(...collection) as ChangeRow[];
    return rows.map((row) => toEntry(row, true, rows));
  }
  if (held) {
    const entities = held.entities.map(() => '?').join(', ');
    const matches = held.keys.flatMap((k) => [`json_extract(before, '$.${k}') = @id`, `json_extract(after, '$.${k}') = @id`]).join(' OR ');
    rows = db
      .prepare(
        `SELECT * FROM change_log
         WHERE (entity = @entity AND entity_id = @id)
            OR (entity IN (${entities}) AND entity_id IN (SELECT entity_id FROM change_log WHERE entity IN (${entities}) AND (${matches})))
         ORDER BY seq DESC LIMIT ${MAX_ENTRIES}`,
      )
      .all(...held.entities, ...held.entities, { entity, id }) as ChangeRow[];
  } else {
    rows = db.prepare(`SELECT * FROM change_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT ${MAX_ENTRIES}`).all(entity, id) as ChangeRow[];
  }
  return rows.map((row) => toEntry(row, row.entity !== entity || row.entity_id !== id, rows));
}

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function snapshot(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), v]));
  } catch {
    return null;
  }
}

function format(value: unknown, spec: FieldFormat): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (spec === 'names') {
    const names = (Array.isArray(value) ? value : [value]).map(recordName).filter((n) => n !== null);
    return names.length ? names.join(', ') : null;
  }
  if (Array.isArray(value)) {
    if (spec === 'count') return plural(value.length, 'élément');
    if (value.every((v) => typeof v === 'string')) {
      const labels = typeof spec === 'object' ? value.map((v) => spec.vocabulary[v as string] ?? (v as string)) : (value as string[]);
      return labels.length ? labels.join(', ') : null;
    }
    return undefined;
  }
  if (typeof value === 'object') return undefined;
  if (typeof spec === 'object') return spec.vocabulary[String(value)] ?? String(value);
  switch (spec) {
    case 'boolean':
      return value === true || value === 1 ? 'Oui' : 'Non';
    case 'date':
      return typeof value === 'string' ? formatDate(value) || value : String(value);
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value) || value : String(value);
    case 'wallclock':
      return typeof value === 'string' ? formatWallClock(value) || value : String(value);
    default:
      return typeof value === 'boolean' ? (value ? 'Oui' : 'Non') : String(value);
  }
}

/** How a referenced record is named in a snapshot: its code, its name, or its structure's name. */
function recordName(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const name = [record.code, record.name, record.structureName, record.title].find((v) => typeof v === 'string' && v !== '');
  return (name as string | undefined) ?? null;
}

function nameOf(entity: string, values: Record<string, unknown> | null): string | null {
  const spec = historyEntities[entity];
  if (!spec || !values) return null;
  const name = spec.name
    .map((key) => values[key])
    .filter((v) => typeof v === 'string' && v !== '')
    .join(' ');
  return name === '' ? null : name.length > 80 ? `${name.slice(0, 79)}…` : name;
}

function toEntry(row: ChangeRow, isHeld: boolean, all: ChangeRow[]): HistoryEntry {
  const spec = historyEntities[row.entity];
  const before = snapshot(row.before);
  const after = snapshot(row.after);
  const keys = [...new Set([...Object.keys(spec?.fields ?? {}), ...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: HistoryChange[] = [];
  for (const key of keys) {
    if (HIDDEN_FIELD.test(key)) continue;
    const field = spec?.fields[key];
    // A known kind of record shows the fields it labels; derived values (deadline, sort order…) are not history.
    if (spec && !field) continue;
    const inBefore = before !== null && key in before;
    const inAfter = after !== null && key in after;
    if (!inBefore && !inAfter) continue;
    // An update snapshot may name only what changed ({ notes }): other fields are unknown, not emptied.
    if (row.op === 'update' && !inAfter) continue;
    const fmt = field?.format ?? 'text';
    const b = inBefore ? format(before[key], fmt) : null;
    const a = inAfter ? format(after[key], fmt) : null;
    // Nested records (a partner's contacts in an old snapshot, a session's agenda) are not fields.
    if (b === undefined || a === undefined) continue;
    if (row.op === 'create' && a === null) continue;
    if (row.op === 'delete' && b === null) continue;
    changes.push({ field: key, label: field?.label ?? key, before: b, after: a, changed: row.op !== 'update' || b !== a });
  }
  const subject = isHeld ? (nameOf(row.entity, after) ?? nameOf(row.entity, before) ?? nameFromOtherEntries(row, all)) : null;
  const undoesDeletion = row.op === 'create' && after !== null && 'undoOf' in after;
  return { seq: row.seq, at: row.at, op: row.op, entity: row.entity, entityId: row.entity_id, entityLabel: spec?.label ?? row.entity, subject, changes, undoesDeletion };
}

/** A partial snapshot ({ notes }) does not name its record: the other entries about it do. */
function nameFromOtherEntries(row: ChangeRow, all: ChangeRow[]): string | null {
  for (const other of all) {
    if (other.entity !== row.entity || other.entity_id !== row.entity_id || other === row) continue;
    const name = nameOf(row.entity, snapshot(other.after)) ?? nameOf(row.entity, snapshot(other.before));
    if (name) return name;
  }
  return null;
}
