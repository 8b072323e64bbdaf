/** The agenda of a session and the decisions taken on its items, kept in step with the fiches actions' journals. */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { MeetingKind } from '../../../shared/labels';
import type { AgendaItemKind, MeetingDetail } from '../../../shared/model/meetings';
import type { agendaItemFields, agendaItemUpdate, decisionFields, decisionUpdate } from '../../../shared/schemas/meetings';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { getMeeting, meetingOf, meetingRow, sessionName } from './detail';

export function insertAgendaItem(db: Db, meetingId: string, kind: AgendaItemKind, title: string, at: string, fields: Partial<{ presenter: string | null; durationMin: number | null; notes: string | null }> = {}): string {
  const id = randomUUID();
  const position = (db.prepare('SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?').pluck().get(meetingId) as number) ?? 1;
  db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, kind, title, presenter, duration_min, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, meetingId, position, kind, title, fields.presenter ?? null, fields.durationMin ?? null, fields.notes ?? null, at, at);
  return id;
}

function writeLinks(db: Db, itemId: string, links: { actionIds: string[]; protocolIds: string[] }): void {
  db.prepare('DELETE FROM agenda_item_links WHERE agenda_item_id = ?').run(itemId);
  const insert = db.prepare('INSERT INTO agenda_item_links (agenda_item_id, action_id, protocol_id) VALUES (?, ?, ?)');
  for (const actionId of new Set(links.actionIds)) insert.run(itemId, actionId, null);
  for (const protocolId of new Set(links.protocolIds)) insert.run(itemId, null, protocolId);
}

export function agendaSnapshot(db: Db, id: string): unknown {
  return {
    ...(db.prepare('SELECT * FROM agenda_items WHERE id = ?').get(id) as object),
    links: db.prepare('SELECT action_id AS actionId, protocol_id AS protocolId FROM agenda_item_links WHERE agenda_item_id = ?').all(id),
  };
}

export function createAgendaItem(db: Db, input: z.output<typeof agendaItemFields>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    meetingRow(db, input.meetingId);
    const id = insertAgendaItem(db, input.meetingId, 'libre', input.title, at, input);
    writeLinks(db, id, input.links);
    recordChange(db, at, 'agenda_item', id, 'create', null, agendaSnapshot(db, id));
    return getMeeting(db, input.meetingId);
  })();
}

export function updateAgendaItem(db: Db, input: z.output<typeof agendaItemUpdate>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const meetingId = meetingOf(db, 'agenda_items', input.id, 'Ce point de l’ordre du jour n’existe plus.');
    const before = agendaSnapshot(db, input.id);
    db.prepare('UPDATE agenda_items SET title = ?, presenter = ?, duration_min = ?, notes = ?, updated_at = ? WHERE id = ?').run(
      input.title,
      input.presenter,
      input.durationMin,
      input.notes,
      at,
      input.id,
    );
    writeLinks(db, input.id, input.links);
    recordChange(db, at, 'agenda_item', input.id, 'update', before, agendaSnapshot(db, input.id));
    return getMeeting(db, meetingId);
  })();
}

export function setAgendaNotes(db: Db, input: { id: string; notes: string | null }, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const meetingId = meetingOf(db, 'agenda_items', input.id, 'Ce point de l’ordre du jour n’existe plus.');
    const before = db.prepare('SELECT notes FROM agenda_items WHERE id = ?').get(input.id);
    db.prepare('UPDATE agenda_items SET notes = ?, updated_at = ? WHERE id = ?').run(input.notes, at, input.id);
    recordChange(db, at, 'agenda_item', input.id, 'update', before, { notes: input.notes });
    return getMeeting(db, meetingId);
  })();
}

export function moveAgendaItem(db: Db, input: { id: string; direction: 'up' | 'down' }, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const meetingId = meetingOf(db, 'agenda_items', input.id, 'Ce point de l’ordre du jour n’existe plus.');
    const ids = db.prepare('SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position').pluck().all(meetingId) as string[];
    const from = ids.indexOf(input.id);
    const to = input.direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return getMeeting(db, meetingId);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    renumber(db, ids, at);
    recordChange(db, at, 'agenda_item', input.id, 'update', { position: from + 1 }, { position: to + 1 });
    return getMeeting(db, meetingId);
  })();
}

function renumber(db: Db, ids: string[], at: string): void {
  const set = db.prepare('UPDATE agenda_items SET position = ?, updated_at = ? WHERE id = ?');
  ids.forEach((id, index) => set.run(index + 1, at, id));
}

/** Deletes an item; its decisions stay in the session, listed outside the agenda. */
export function deleteAgendaItem(db: Db, id: string, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const meetingId = meetingOf(db, 'agenda_items', id, 'Ce point de l’ordre du jour n’existe plus.');
    const before = agendaSnapshot(db, id);
    db.prepare('DELETE FROM agenda_items WHERE id = ?').run(id);
    renumber(db, db.prepare('SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position').pluck().all(meetingId) as string[], at);
    recordChange(db, at, 'agenda_item', id, 'delete', before, null);
    return getMeeting(db, meetingId);
  })();
}

// Decisions

function assertItemOfMeeting(db: Db, itemId: string | null, meetingId: string): void {
  if (itemId === null) return;
  if (meetingOf(db, 'agenda_items', itemId, 'Ce point de l’ordre du jour n’existe plus.') !== meetingId)
    throw new ApiError('validation', 'Ce point n’appartient pas à cette séance.');
}

function assertAction(db: Db, actionId: string | null): void {
  if (actionId !== null && !db.prepare('SELECT 1 FROM actions WHERE id = ?').get(actionId))
    throw new ApiError('not_found', 'Cette fiche action n’existe plus : elle a peut-être été supprimée.');
}

function journalText(db: Db, meetingId: string, text: string): string {
  const m = meetingRow(db, meetingId);
  return `Décision de la ${sessionName(m.kind as MeetingKind, m.starts_at)} : ${text}`;
}

function writeJournalEntry(db: Db, meetingId: string, actionId: string, text: string, at: string): string {
  const id = randomUUID();
  const entryOn = meetingRow(db, meetingId).starts_at.slice(0, 10);
  db.prepare('INSERT INTO journal_entries (id, action_id, entry_on, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    actionId,
    entryOn,
    journalText(db, meetingId, text),
    at,
    at,
  );
  recordChange(db, at, 'journal_entry', id, 'create', null, { actionId, entryOn, text });
  return id;
}

function deleteJournalEntry(db: Db, id: string, at: string): void {
  const before = db.prepare('SELECT * FROM journal_entries WHERE id = ?').get(id);
  if (!before) return;
  db.prepare('DELETE FROM journal_entries WHERE id = ?').run(id);
  recordChange(db, at, 'journal_entry', id, 'delete', before, null);
}

export function createDecision(db: Db, input: z.output<typeof decisionFields>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    meetingRow(db, input.meetingId);
    assertItemOfMeeting(db, input.agendaItemId, input.meetingId);
    assertAction(db, input.actionId);
    const id = randomUUID();
    const journalId = input.addToJournal && input.actionId ? writeJournalEntry(db, input.meetingId, input.actionId, input.text, at) : null;
    const position = db.prepare('SELECT coalesce(max(position), 0) + 1 FROM decisions WHERE meeting_id = ?').pluck().get(input.meetingId) as number;
    db.prepare(
      `INSERT INTO decisions (id, meeting_id, agenda_item_id, text, action_id, journal_entry_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.meetingId, input.agendaItemId, input.text, input.actionId, journalId, position, at, at);
    recordChange(db, at, 'decision', id, 'create', null, { ...input, journalEntryId: journalId });
    return getMeeting(db, input.meetingId);
  })();
}

type DecisionRow = { id: string; meeting_id: string; agenda_item_id: string | null; text: string; action_id: string | null; journal_entry_id: string | null };

export function decisionRow(db: Db, id: string): DecisionRow {
  const row = db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette décision n’existe plus.');
  return row;
}

/** Keeps the fiche action's journal in step with the decision: written, rewritten or withdrawn. */
export function updateDecision(db: Db, input: z.output<typeof decisionUpdate>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = decisionRow(db, input.id);
    assertItemOfMeeting(db, input.agendaItemId, before.meeting_id);
    assertAction(db, input.actionId);
    let journalId = before.journal_entry_id;
    const keepJournal = input.addToJournal && input.actionId !== null && input.actionId === before.action_id;
    if (journalId && !keepJournal) {
      deleteJournalEntry(db, journalId, at);
      journalId = null;
    }
    if (journalId) {
      db.prepare('UPDATE journal_entries SET text = ?, updated_at = ? WHERE id = ?').run(journalText(db, before.meeting_id, input.text), at, journalId);
    } else if (input.addToJournal && input.actionId) {
      journalId = writeJournalEntry(db, before.meeting_id, input.actionId, input.text, at);
    }
    db.prepare('UPDATE decisions SET agenda_item_id = ?, text = ?, action_id = ?, journal_entry_id = ?, updated_at = ? WHERE id = ?').run(
      input.agendaItemId,
      input.text,
      input.actionId,
      journalId,
      at,
      input.id,
    );
    recordChange(db, at, 'decision', input.id, 'update', before, decisionRow(db, input.id));
    return getMeeting(db, before.meeting_id);
  })();
}

/** Deletes a decision and the journal entry it wrote; its follow-ups stay, attached to the session. */
export function deleteDecision(db: Db, id: string, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = decisionRow(db, id);
    db.prepare('DELETE FROM decisions WHERE id = ?').run(id);
    if (before.journal_entry_id) deleteJournalEntry(db, before.journal_entry_id, at);
    recordChange(db, at, 'decision', id, 'delete', before, null);
    return getMeeting(db, before.meeting_id);
  })();
}
