import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { measureName, type ActionStatus, type CatalogueNodeKind, type Meteo } from '../../../shared/labels';
import type { ActionDetail, ActionListItem, AttachedMeasure, Indicator, IndicatorValue, JournalEntry, PartnerRef } from '../../../shared/model/measures';
import { parisToday } from '../../../shared/wallclock';
import { assessIndicator, isOverdue, stateFromJournal } from '../../../shared/progress';
import type {
  actionCreate,
  actionUpdate,
  indicatorFields,
  indicatorUpdate,
  indicatorValueFields,
  indicatorValueUpdate,
  journalFields,
  journalUpdate,
} from '../../../shared/schemas/actions';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { sortFrench } from '../../../shared/search';

type ActionCreateInput = z.output<typeof actionCreate>;
type ActionUpdateInput = z.output<typeof actionUpdate>;

export interface ActionRow {
  id: string;
  code: string | null;
  title: string;
  description: string | null;
  expected_results: string | null;
  pilot_partner_id: string | null;
  status: ActionStatus;
  meteo: Meteo | null;
  meteo_reason: string | null;
  progress: number;
  starts_on: string | null;
  ends_on: string | null;
  budget_cents: number | null;
  funders: string | null;
  created_at: string;
  updated_at: string;
}

export interface JournalRow {
  id: string;
  action_id: string;
  entry_on: string;
  text: string;
  status: ActionStatus | null;
  meteo: Meteo | null;
  meteo_reason: string | null;
  progress: number | null;
  created_at: string;
  updated_at: string;
}

export interface IndicatorRow {
  id: string;
  action_id: string;
  name: string;
  unit: string | null;
  baseline: number | null;
  baseline_on: string | null;
  target: number | null;
  target_on: string | null;
}

export const euros = (cents: number | null) => (cents === null ? null : cents / 100);
const cents = (amount: number | null) => (amount === null ? null : Math.round(amount * 100));

export function toJournalEntry(row: JournalRow): JournalEntry {
  return {
    id: row.id,
    actionId: row.action_id,
    entryOn: row.entry_on,
    text: row.text,
    status: row.status,
    meteo: row.meteo,
    meteoReason: row.meteo_reason,
    progress: row.progress,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Every fiche for the grid, in one pass per table (300 fiches and thousands of journal entries
 * must stay instant).
 */
export function listActions(db: Db, today: string): ActionListItem[] {
  const rows = db
    .prepare(
      `SELECT a.*, p.name AS pilot_name,
              (SELECT max(entry_on) FROM journal_entries j WHERE j.action_id = a.id) AS last_entry_on
       FROM actions a LEFT JOIN partners p ON p.id = a.pilot_partner_id`,
    )
    .all() as (ActionRow & { pilot_name: string | null; last_entry_on: string | null })[];
  const measures = groupBy(
    db
      .prepare(
        `SELECT am.action_id, n.id, n.label, f.code AS framework_code, f.short_title
         FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id JOIN frameworks f ON f.id = n.framework_id
         ORDER BY f.sort_order, n.sort_order`,
      )
      .all() as { action_id: string; id: string; label: string; framework_code: string; short_title: string }[],
  );
  const partners = groupBy(
    sortFrench(db.prepare('SELECT ap.action_id, p.name FROM action_partners ap JOIN partners p ON p.id = ap.partner_id').all() as { action_id: string; name: string }[], (p) => [p.name]),
  );
  return sortFrench(rows, (r) => [r.code, r.title]).map((r) => {
    const attached = measures.get(r.id) ?? [];
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      frameworkCodes: [...new Set(attached.map((m) => m.framework_code))],
      measuresText: attached.map((m) => measureName(m.short_title, m.label)).join(' ; '),
      measureIds: attached.map((m) => m.id),
      pilotPartnerId: r.pilot_partner_id,
      pilotName: r.pilot_name,
      partnersText: (partners.get(r.id) ?? []).map((p) => p.name).join(', '),
      status: r.status,
      meteo: r.meteo,
      progress: r.progress,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      overdue: isOverdue({ status: r.status, endsOn: r.ends_on }, today),
      budget: euros(r.budget_cents),
      lastEntryOn: r.last_entry_on,
      updatedAt: r.updated_at,
    };
  });
}

function groupBy<T extends { action_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.action_id);
    if (list) list.push(row);
    else map.set(row.action_id, [row]);
  }
  return map;
}

function actionRow(db: Db, id: string): ActionRow {
  const row = db.prepare('SELECT * FROM actions WHERE id = ?').get(id) as ActionRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette fiche action n’existe plus : elle a peut-être été supprimée.');
  return row;
}

export function getAction(db: Db, id: string, today: string): ActionDetail {
  const row = actionRow(db, id);
  const measures = (
    db
      .prepare(
        `SELECT n.id, n.code, n.label, n.title, n.kind, n.retired_at, f.code AS framework_code, f.short_title
         FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id JOIN frameworks f ON f.id = n.framework_id
         WHERE am.action_id = ? ORDER BY f.sort_order, n.sort_order`,
      )
      .all(id) as { id: string; code: string; label: string; title: string; kind: string; retired_at: string | null; framework_code: string; short_title: string }[]
  ).map(
    (m): AttachedMeasure => ({
      id: m.id,
      code: m.code,
      label: m.label,
      title: m.title,
      kind: m.kind as CatalogueNodeKind,
      frameworkCode: m.framework_code,
      frameworkShortTitle: m.short_title,
      retired: m.retired_at !== null,
    }),
  );
  const pilot = row.pilot_partner_id ? ((db.prepare('SELECT id, name FROM partners WHERE id = ?').get(row.pilot_partner_id) as PartnerRef | undefined) ?? null) : null;
  const partners = sortFrench(db.prepare('SELECT p.id, p.name FROM action_partners ap JOIN partners p ON p.id = ap.partner_id WHERE ap.action_id = ?').all(id) as PartnerRef[], (p) => [p.name]);
  const journal = (
    db.prepare('SELECT * FROM journal_entries WHERE action_id = ? ORDER BY entry_on DESC, created_at DESC').all(id) as JournalRow[]
  ).map(toJournalEntry);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    expectedResults: row.expected_results,
    measures,
    pilot,
    partners,
    status: row.status,
    meteo: row.meteo,
    meteoReason: row.meteo_reason,
    progress: row.progress,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    overdue: isOverdue({ status: row.status, endsOn: row.ends_on }, today),
    budget: euros(row.budget_cents),
    funders: row.funders,
    journal,
    indicators: listIndicators(db, id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function listIndicators(db: Db, actionId: string): Indicator[] {
  const rows = db.prepare('SELECT * FROM indicators WHERE action_id = ? ORDER BY sort_order, created_at').all(actionId) as IndicatorRow[];
  const values = db.prepare('SELECT id, measured_on AS measuredOn, value, note FROM indicator_values WHERE indicator_id = ? ORDER BY measured_on, created_at');
  return rows.map((r) => {
    const list = values.all(r.id) as IndicatorValue[];
    const plan = { baseline: r.baseline, baselineOn: r.baseline_on, target: r.target, targetOn: r.target_on };
    return { id: r.id, actionId: r.action_id, name: r.name, unit: r.unit, ...plan, values: list, assessment: assessIndicator(plan, list) };
  });
}

/** Checks that the measures and partners a fiche points to exist (and are not retired). */
function checkLinks(db: Db, input: { measureIds: string[]; pilotPartnerId: string | null; partnerIds: string[] }, keepRetired: Set<string>) {
  const nodeState = db.prepare('SELECT retired_at FROM catalogue_nodes WHERE id = ?');
  for (const id of input.measureIds) {
    const node = nodeState.get(id) as { retired_at: string | null } | undefined;
    if (!node) throw new ApiError('not_found', 'Une des mesures choisies n’existe plus dans le catalogue. Rechargez la page.', [{ path: 'measureIds', message: 'Mesure inconnue.' }]);
    if (node.retired_at && !keepRetired.has(id))
      throw new ApiError('validation', 'Une des mesures choisies a été retirée du catalogue national : choisissez-en une autre.', [
        { path: 'measureIds', message: 'Mesure retirée du catalogue.' },
      ]);
  }
  const partnerExists = db.prepare('SELECT 1 FROM partners WHERE id = ?').pluck();
  for (const id of [input.pilotPartnerId, ...input.partnerIds]) {
    if (id && !partnerExists.get(id)) throw new ApiError('not_found', 'Une des structures choisies n’existe plus. Rechargez la page.');
  }
}

function writeLinks(db: Db, id: string, input: { measureIds: string[]; partnerIds: string[]; pilotPartnerId: string | null }) {
  db.prepare('DELETE FROM action_measures WHERE action_id = ?').run(id);
  db.prepare('DELETE FROM action_partners WHERE action_id = ?').run(id);
  const measure = db.prepare('INSERT INTO action_measures (action_id, node_id) VALUES (?, ?)');
  for (const nodeId of input.measureIds) measure.run(id, nodeId);
  const partner = db.prepare('INSERT INTO action_partners (action_id, partner_id) VALUES (?, ?)');
  // The pilot is not also listed among contributors.
  for (const partnerId of input.partnerIds) if (partnerId !== input.pilotPartnerId) partner.run(id, partnerId);
}

/** FA-001, FA-002…: the next free number, so that every fiche has a short reference for minutes. */
function nextCode(db: Db): string {
  const codes = db.prepare("SELECT code FROM actions WHERE code LIKE 'FA-%'").pluck().all() as string[];
  const max = codes.reduce((m, c) => Math.max(m, Number(/^FA-(\d+)$/.exec(c)?.[1] ?? 0)), 0);
  return `FA-${String(max + 1).padStart(3, '0')}`;
}

/**
 * A new fiche, with a first journal entry holding the state it starts with, dated from its start
 * (or today when it starts later): entries written afterwards about its progress then follow it.
 */
export function createAction(db: Db, input: ActionCreateInput, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    checkLinks(db, input, new Set());
    if (input.code && db.prepare('SELECT 1 FROM actions WHERE code = ?').get(input.code))
      throw new ApiError('conflict', `Une fiche porte déjà la référence ${input.code}.`, [{ path: 'code', message: 'Référence déjà utilisée.' }]);
    const id = randomUUID();
    db.prepare(
      `INSERT INTO actions (id, code, title, description, expected_results, pilot_partner_id, status, meteo, meteo_reason, progress,
         starts_on, ends_on, budget_cents, funders, created_at, updated_at)
       VALUES (@id, @code, @title, @description, @expectedResults, @pilotPartnerId, @status, @meteo, @meteoReason, @progress,
         @startsOn, @endsOn, @budgetCents, @funders, @at, @at)`,
    ).run({ ...input, id, code: input.code ?? nextCode(db), budgetCents: cents(input.budget), at });
    writeLinks(db, id, input);
    const { status, meteo, meteoReason, progress } = input;
    const entryOn = input.startsOn && input.startsOn < today ? input.startsOn : today;
    insertJournalEntry(db, randomUUID(), { actionId: id, entryOn, text: 'Création de la fiche action.', status, meteo, meteoReason, progress }, at);
    const created = getAction(db, id, today);
    recordChange(db, at, 'action', id, 'create', null, created);
    return created;
  })();
}

export function updateAction(db: Db, input: ActionUpdateInput, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = getAction(db, input.id, today);
    // A fiche may stay attached to a measure retired since; it cannot be newly attached to one.
    checkLinks(db, input, new Set(before.measures.map((m) => m.id)));
    if (input.code && db.prepare('SELECT 1 FROM actions WHERE code = ? AND id <> ?').get(input.code, input.id))
      throw new ApiError('conflict', `Une autre fiche porte déjà la référence ${input.code}.`, [{ path: 'code', message: 'Référence déjà utilisée.' }]);
    db.prepare(
      `UPDATE actions SET code = @code, title = @title, description = @description, expected_results = @expectedResults,
         pilot_partner_id = @pilotPartnerId, starts_on = @startsOn, ends_on = @endsOn, budget_cents = @budgetCents, funders = @funders,
         updated_at = @at
       WHERE id = @id`,
    ).run({ ...input, code: input.code ?? before.code, budgetCents: cents(input.budget), at });
    writeLinks(db, input.id, input);
    const after = getAction(db, input.id, today);
    recordChange(db, at, 'action', input.id, 'update', before, after);
    return after;
  })();
}

export function deleteAction(db: Db, id: string, now: Date): { id: string } {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = getAction(db, id, parisToday(now));
    db.prepare('DELETE FROM actions WHERE id = ?').run(id);
    recordChange(db, at, 'action', id, 'delete', before, null);
    return { id };
  })();
}

// ---------------------------------------------------------------------------------------------
// Journal: its latest entries set the fiche's state

/**
 * Recomputes the fiche's state from its journal. Fields no entry sets keep their current value;
 * since a new fiche gets a first entry with its initial state, that only happens to fiches
 * whose first entries were deleted.
 */
function syncStateFromJournal(db: Db, actionId: string, at: string): void {
  const row = actionRow(db, actionId);
  const entries = (db.prepare('SELECT * FROM journal_entries WHERE action_id = ?').all(actionId) as JournalRow[]).map((e) => ({
    entryOn: e.entry_on,
    createdAt: e.created_at,
    status: e.status,
    meteo: e.meteo,
    meteoReason: e.meteo_reason,
    progress: e.progress,
  }));
  const current = { status: row.status, meteo: row.meteo, meteoReason: row.meteo_reason, progress: row.progress };
  const state = stateFromJournal(entries, current);
  if (state.status !== row.status || state.meteo !== row.meteo || state.meteoReason !== row.meteo_reason || state.progress !== row.progress) {
    db.prepare('UPDATE actions SET status = ?, meteo = ?, meteo_reason = ?, progress = ?, updated_at = ? WHERE id = ?').run(
      state.status,
      state.meteo,
      state.meteoReason,
      state.progress,
      at,
      actionId,
    );
  }
}

function journalRow(db: Db, id: string): JournalRow {
  const row = db.prepare('SELECT * FROM journal_entries WHERE id = ?').get(id) as JournalRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette entrée du journal n’existe plus.');
  return row;
}

function insertJournalEntry(db: Db, id: string, input: z.output<typeof journalFields>, at: string, returnIntakeId: string | null = null): void {
  db.prepare(
    `INSERT INTO journal_entries (id, action_id, entry_on, text, status, meteo, meteo_reason, progress, return_intake_id, created_at, updated_at)
     VALUES (@id, @actionId, @entryOn, @text, @status, @meteo, @meteoReason, @progress, @returnIntakeId, @at, @at)`,
  ).run({ ...input, id, returnIntakeId, at });
}

/**
 * Adds an entry inside the caller's transaction, records it and sets the fiche's state from its
 * journal. A partner's return (features/returns) names the intake it came with and the structure
 * it is attributed to.
 */
export function addJournalEntry(db: Db, input: z.output<typeof journalFields>, at: string, source?: { intakeId: string; structure: string }): string {
  actionRow(db, input.actionId);
  const id = randomUUID();
  insertJournalEntry(db, id, input, at, source?.intakeId ?? null);
  recordChange(db, at, 'journal_entry', id, 'create', null, { ...toJournalEntry(journalRow(db, id)), ...(source ? { returnedBy: source.structure } : {}) });
  syncStateFromJournal(db, input.actionId, at);
  return id;
}

export function createJournalEntry(db: Db, input: z.output<typeof journalFields>, now: Date): ActionDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    addJournalEntry(db, input, at);
    return getAction(db, input.actionId, parisToday(now));
  })();
}

export function updateJournalEntry(db: Db, input: z.output<typeof journalUpdate>, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = journalRow(db, input.id);
    db.prepare(
      `UPDATE journal_entries SET entry_on = @entryOn, text = @text, status = @status, meteo = @meteo, meteo_reason = @meteoReason,
         progress = @progress, updated_at = @at WHERE id = @id`,
    ).run({ ...input, at });
    recordChange(db, at, 'journal_entry', input.id, 'update', toJournalEntry(before), toJournalEntry(journalRow(db, input.id)));
    syncStateFromJournal(db, before.action_id, at);
    return getAction(db, before.action_id, today);
  })();
}

export function deleteJournalEntry(db: Db, id: string, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = journalRow(db, id);
    db.prepare('DELETE FROM journal_entries WHERE id = ?').run(id);
    recordChange(db, at, 'journal_entry', id, 'delete', toJournalEntry(before), null);
    syncStateFromJournal(db, before.action_id, at);
    return getAction(db, before.action_id, today);
  })();
}

// ---------------------------------------------------------------------------------------------
// Indicators

function indicatorRow(db: Db, id: string): IndicatorRow {
  const row = db.prepare('SELECT * FROM indicators WHERE id = ?').get(id) as IndicatorRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cet indicateur n’existe plus.');
  return row;
}

export function createIndicator(db: Db, input: z.output<typeof indicatorFields>, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    actionRow(db, input.actionId);
    const id = randomUUID();
    const order = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 FROM indicators WHERE action_id = ?').pluck().get(input.actionId) as number;
    db.prepare(
      `INSERT INTO indicators (id, action_id, name, unit, baseline, baseline_on, target, target_on, sort_order, created_at, updated_at)
       VALUES (@id, @actionId, @name, @unit, @baseline, @baselineOn, @target, @targetOn, @order, @at, @at)`,
    ).run({ ...input, id, order, at });
    recordChange(db, at, 'indicator', id, 'create', null, indicatorRow(db, id));
    return getAction(db, input.actionId, today);
  })();
}

export function updateIndicator(db: Db, input: z.output<typeof indicatorUpdate>, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = indicatorRow(db, input.id);
    db.prepare(
      `UPDATE indicators SET name = @name, unit = @unit, baseline = @baseline, baseline_on = @baselineOn, target = @target,
         target_on = @targetOn, updated_at = @at WHERE id = @id`,
    ).run({ ...input, at });
    recordChange(db, at, 'indicator', input.id, 'update', before, indicatorRow(db, input.id));
    return getAction(db, before.action_id, today);
  })();
}

export function deleteIndicator(db: Db, id: string, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = indicatorRow(db, id);
    const values = db.prepare('SELECT * FROM indicator_values WHERE indicator_id = ?').all(id);
    db.prepare('DELETE FROM indicators WHERE id = ?').run(id);
    recordChange(db, at, 'indicator', id, 'delete', { ...before, values }, null);
    return getAction(db, before.action_id, today);
  })();
}

export function addIndicatorValue(db: Db, input: z.output<typeof indicatorValueFields>, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const indicator = indicatorRow(db, input.indicatorId);
    const id = randomUUID();
    db.prepare('INSERT INTO indicator_values (id, indicator_id, measured_on, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      input.indicatorId,
      input.measuredOn,
      input.value,
      input.note,
      at,
    );
    recordChange(db, at, 'indicator_value', id, 'create', null, { ...input, id });
    return getAction(db, indicator.action_id, today);
  })();
}

export function updateIndicatorValue(db: Db, input: z.output<typeof indicatorValueUpdate>, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = db.prepare('SELECT * FROM indicator_values WHERE id = ?').get(input.id) as { indicator_id: string } | undefined;
    if (!before) throw new ApiError('not_found', 'Cette valeur n’existe plus.');
    db.prepare('UPDATE indicator_values SET measured_on = @measuredOn, value = @value, note = @note WHERE id = @id').run(input);
    recordChange(db, at, 'indicator_value', input.id, 'update', before, db.prepare('SELECT * FROM indicator_values WHERE id = ?').get(input.id));
    return getAction(db, indicatorRow(db, before.indicator_id).action_id, today);
  })();
}

export function deleteIndicatorValue(db: Db, id: string, now: Date): ActionDetail {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = db.prepare('SELECT * FROM indicator_values WHERE id = ?').get(id) as { indicator_id: string } | undefined;
    if (!before) throw new ApiError('not_found', 'Cette valeur n’existe plus.');
    db.prepare('DELETE FROM indicator_values WHERE id = ?').run(id);
    recordChange(db, at, 'indicator_value', id, 'delete', before, null);
    return getAction(db, indicatorRow(db, before.indicator_id).action_id, today);
  })();
}
