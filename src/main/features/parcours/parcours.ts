/**
 * The anonymous register of parcours de sortie requests: renewal chains, the 24-month cap, the
 * states that follow from the avis and the préfet's decision, the deadlines, the examining
 * meetings' avis, the figures, and the five-year retention (purged requests keep their counts in
 * `parcours_archive`).
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { addDays, parisToday } from '../../../shared/wallclock';
import {
  parcoursAgeBands,
  parcoursDecisions,
  parcoursEndReasons,
  parcoursNationalities,
  parcoursOpinions,
  parcoursRights,
  parcoursSexes,
  parcoursStates,
  type MeetingKind,
  type ParcoursDecision,
  type ParcoursEndReason,
  type ParcoursOpinion,
  type ParcoursRight,
  type ParcoursState,
} from '../../../shared/labels';
import type {
  ParcoursChainLink,
  ParcoursDeadlineKind,
  ParcoursDeadlines,
  ParcoursDetail,
  ParcoursListItem,
  ParcoursOptions,
  ParcoursReminder,
  ParcoursStats,
  RetentionCandidate,
} from '../../../shared/model/parcours';
import { agrementState, capDate, computeFigures, parcoursKind, daysBetween, periodEnd, RENEWAL_NOTICE_DAYS, RETENTION_YEARS, type FigureRequest } from '../../../shared/parcours';
import type { ParcoursInput } from '../../../shared/schemas/parcours';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { toCsv, toXlsx, type TabularSheet } from '../../spreadsheets/writer';
import { recordChange } from '../../commission-file/changelog';
import { assertAvisMayBeGiven } from './interests';
import { compareFrench, sortFrench } from '../../../shared/search';

export const EXAMINING_KIND: MeetingKind = 'examen_parcours';
export const AGENDA_TITLE = 'Examen des demandes de parcours de sortie de la prostitution';

interface Row {
  id: string;
  reference: string;
  chain_id: string;
  previous_id: string | null;
  renewal_number: number;
  association_id: string | null;
  association_name: string;
  received_on: string;
  meeting_id: string | null;
  opinion: ParcoursOpinion | null;
  opinion_on: string | null;
  opinion_reasons: string | null;
  decision: ParcoursDecision | null;
  decision_on: string | null;
  decree_ref: string | null;
  starts_on: string | null;
  ends_on: string | null;
  rights: string;
  state: ParcoursState;
  end_reason: ParcoursEndReason | null;
  closed_on: string | null;
  sex: string | null;
  age_band: string | null;
  nationality: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

type ListRow = Row & { previous_reference: string | null; renewal_reference: string | null; meeting_starts_at: string | null };

const LIST_SQL = `
  SELECT r.*, p.reference AS previous_reference, m.starts_at AS meeting_starts_at,
    (SELECT n.reference FROM parcours_requests n WHERE n.previous_id = r.id AND coalesce(n.decision, '') <> 'refuse' ORDER BY n.received_on DESC LIMIT 1) AS renewal_reference
  FROM parcours_requests r
  LEFT JOIN parcours_requests p ON p.id = r.previous_id
  LEFT JOIN meetings m ON m.id = r.meeting_id`;

function deadlineOf(r: ListRow, today: string): ParcoursDeadlineKind | null {
  if (r.state === 'termine') return null;
  if (r.opinion === null || r.opinion === 'ajourne') return 'awaiting_opinion';
  if (r.decision === null) return 'awaiting_decision';
  if (r.decision !== 'autorise' || !r.ends_on || r.renewal_reference) return null;
  if (r.ends_on < today) return 'end_passed';
  if (r.ends_on <= addDays(today, RENEWAL_NOTICE_DAYS)) return 'renewal_due';
  return null;
}

function toListItem(r: ListRow, today: string): ParcoursListItem {
  return {
    id: r.id,
    reference: r.reference,
    chainId: r.chain_id,
    renewalNumber: r.renewal_number,
    previousReference: r.previous_reference,
    associationName: r.association_name,
    receivedOn: r.received_on,
    meetingId: r.meeting_id,
    meetingStartsAt: r.meeting_starts_at,
    opinion: r.opinion,
    opinionOn: r.opinion_on,
    decision: r.decision,
    decisionOn: r.decision_on,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    rights: JSON.parse(r.rights) as ParcoursRight[],
    state: r.state,
    endReason: r.end_reason,
    closedOn: r.closed_on,
    renewalReference: r.renewal_reference,
    deadline: deadlineOf(r, today),
    updatedAt: r.updated_at,
  };
}

export function listParcours(db: Db, today: string): ParcoursListItem[] {
  return (db.prepare(`${LIST_SQL} ORDER BY r.received_on DESC, r.reference DESC`).all() as ListRow[]).map((r) => toListItem(r, today));
}

export function row(db: Db, id: string): ListRow {
  const r = cachedStatement(db, `${LIST_SQL} WHERE r.id = ?`).get(id) as ListRow | undefined;
  if (!r) throw new ApiError('not_found', 'Cette demande n’existe plus : elle a peut-être été supprimée.');
  return r;
}

function chainStartOf(db: Db, chainId: string, exceptId?: string): string | null {
  return (cachedStatement(db, `SELECT min(starts_on) FROM parcours_requests WHERE chain_id = ? AND decision = 'autorise' AND starts_on IS NOT NULL AND id <> ?`)
    .pluck()
    .get(chainId, exceptId ?? '') ?? null) as string | null;
}

export function getParcours(db: Db, id: string, today: string): ParcoursDetail {
  const r = row(db, id);
  const chain = cachedStatement(db, 'SELECT id, reference, renewal_number AS renewalNumber, decision, starts_on AS startsOn, ends_on AS endsOn, state FROM parcours_requests WHERE chain_id = ? ORDER BY renewal_number, received_on')
    .all(r.chain_id) as ParcoursChainLink[];
  const start = chainStartOf(db, r.chain_id);
  return {
    ...toListItem(r, today),
    associationId: r.association_id,
    previousId: r.previous_id,
    opinionReasons: r.opinion_reasons,
    decreeRef: r.decree_ref,
    sex: r.sex,
    ageBand: r.age_band,
    nationality: r.nationality,
    notes: r.notes,
    chain,
    capDate: start ? capDate(start) : null,
    agrement: r.association_id ? agrementState(cachedStatement(db, 'SELECT agrement_on AS agrementOn, agrement_years AS agrementYears FROM partners WHERE id = ?').get(r.association_id) as { agrementOn: string | null; agrementYears: number | null }, r.meeting_starts_at?.slice(0, 10) ?? today) : null,
    createdAt: r.created_at,
  };
}

/** « PS-2026-014 »: the year the request was received and the next number of that year. */
export function nextReference(db: Db, receivedOn: string): string {
  const prefix = `PS-${receivedOn.slice(0, 4)}-`;
  const refs = db.prepare('SELECT reference FROM parcours_requests WHERE reference LIKE ?').pluck().all(`${prefix}%`) as string[];
  const max = refs.reduce((m, ref) => Math.max(m, /^\d+$/.test(ref.slice(prefix.length)) ? Number(ref.slice(prefix.length)) : 0), 0);
  return `${prefix}${String(max + 1).padStart(3, '0')}`;
}

function fieldError(path: string, message: string): ApiError {
  return new ApiError('validation', message, [{ path, message }]);
}

/** Everything about a request that needs the rest of the register; returns the row to write. */
function resolve(db: Db, input: ParcoursInput, self: ListRow | null, newId?: string) {
  const id = self?.id ?? newId ?? randomUUID();
  if (input.associationId && !cachedStatement(db, 'SELECT 1 FROM partners WHERE id = ?').get(input.associationId)) {
    throw fieldError('associationName', 'Cette association n’est plus dans l’annuaire : choisissez-la de nouveau.');
  }
  let reference = input.reference ?? self?.reference ?? nextReference(db, input.receivedOn);
  reference = reference.trim();
  const clash = cachedStatement(db, 'SELECT 1 FROM parcours_requests WHERE reference = ? AND id <> ?').get(reference, id);
  if (clash) throw fieldError('reference', `La référence « ${reference} » est déjà utilisée par une autre demande.`);

  const hasRenewals = self ? (cachedStatement(db, 'SELECT count(*) FROM parcours_requests WHERE previous_id = ?').pluck().get(self.id) as number) > 0 : false;
  if (self && hasRenewals && input.previousId !== self.previous_id) {
    throw fieldError('previousId', 'Cette demande a déjà été renouvelée : elle ne peut plus changer de parcours d’origine.');
  }

  let chainId = id;
  let renewalNumber = 0;
  let chainStart: string | null = null;
  let previous: ListRow | null = null;
  if (input.previousId) {
    if (input.previousId === id) throw fieldError('previousId', 'Une demande ne peut pas se renouveler elle-même.');
    previous = row(db, input.previousId);
    if (previous.decision !== 'autorise') throw fieldError('previousId', `La demande ${previous.reference} n’a pas été autorisée : seul un parcours autorisé se renouvelle.`);
    const sibling = cachedStatement(db, `SELECT reference FROM parcours_requests WHERE previous_id = ? AND id <> ? AND coalesce(decision, '') <> 'refuse'`)
      .pluck()
      .get(previous.id, id) as string | undefined;
    if (sibling) throw fieldError('previousId', `Le parcours ${previous.reference} fait déjà l’objet d’une demande de renouvellement (${sibling}).`);
    chainId = previous.chain_id;
    renewalNumber = previous.renewal_number + 1;
    chainStart = chainStartOf(db, chainId, id);
    if (chainStart && previous.ends_on && previous.ends_on >= capDate(chainStart)) {
      throw fieldError(
        'previousId',
        `Le parcours ${previous.reference} a atteint la durée maximale de 24 mois (commencé le ${formatDate(chainStart)}, il prend fin le ${formatDate(capDate(chainStart))}) : il ne peut plus être renouvelé.`,
      );
    }
    if (input.receivedOn < previous.received_on) throw fieldError('receivedOn', `Un renouvellement ne peut pas être reçu avant la demande qu’il renouvelle (${formatDate(previous.received_on)}).`);
  } else if (self && hasRenewals) {
    chainId = self.chain_id;
  }

  let meetingDate: string | null = null;
  if (input.meetingId) {
    const m = cachedStatement(db, 'SELECT starts_at, kind FROM meetings WHERE id = ?').get(input.meetingId) as { starts_at: string; kind: string } | undefined;
    if (!m) throw fieldError('meetingId', 'Cette séance n’existe plus : choisissez-en une autre.');
    meetingDate = m.starts_at.slice(0, 10);
    if (meetingDate < input.receivedOn) throw fieldError('meetingId', `La séance du ${formatDate(meetingDate)} précède la réception de la demande.`);
  }
  const opinionOn = input.opinion ? (meetingDate ?? input.opinionOn) : null;
  // An avis recorded at a meeting is valid only if the meeting could give it (quorum of its item, R. 133-10).
  if (input.opinion && input.meetingId && (input.opinion !== self?.opinion || input.meetingId !== self?.meeting_id || input.associationId !== self?.association_id)) {
    assertAvisMayBeGiven(db, input.meetingId, { id: self?.id ?? null, associationId: input.associationId, reference });
  }
  if (opinionOn && input.decisionOn && input.decisionOn < opinionOn) throw fieldError('decisionOn', `La décision ne peut pas précéder l’avis de la commission (${formatDate(opinionOn)}).`);

  let startsOn: string | null = null;
  let endsOn: string | null = null;
  if (input.decision === 'autorise') {
    const afterPrevious = previous?.ends_on && previous.ends_on >= input.decisionOn! ? addDays(previous.ends_on, 1) : null;
    startsOn = input.startsOn ?? afterPrevious ?? input.decisionOn!;
    endsOn = input.endsOn ?? periodEnd(startsOn);
    if (endsOn < startsOn) throw fieldError('endsOn', 'La fin du parcours précède son début.');
    if (previous?.ends_on && startsOn <= previous.ends_on) {
      throw fieldError('startsOn', `Le renouvellement commence avant la fin du parcours qu’il prolonge (${formatDate(previous.ends_on)}).`);
    }
    const firstStart = chainStart && chainStart < startsOn ? chainStart : startsOn;
    const cap = capDate(firstStart);
    if (endsOn > cap) {
      throw fieldError(
        'endsOn',
        renewalNumber > 0
          ? `Ce renouvellement porterait le parcours au-delà de 24 mois : commencé le ${formatDate(firstStart)}, il doit prendre fin au plus tard le ${formatDate(cap)}.`
          : `Un parcours ne peut pas dépasser 24 mois : il doit prendre fin au plus tard le ${formatDate(cap)}.`,
      );
    }
    if (input.closedOn && input.closedOn < startsOn) throw fieldError('closedOn', `La fin ne peut pas précéder le début du parcours (${formatDate(startsOn)}).`);
  }

  let state: ParcoursState = input.decision === 'autorise' ? 'en_cours' : 'instruction';
  let endReason: ParcoursEndReason | null = input.endReason;
  let closedOn = input.closedOn;
  // A parcours closed by its renewal stays so (the form cannot choose « Renouvelé »): saved again, it is not reopened
  // for the chain to close it a second time, which would write a change nobody made.
  if (self?.end_reason === 'renouvele' && input.decision === 'autorise' && !endReason) {
    endReason = 'renouvele';
    closedOn = self.closed_on;
  }
  if (input.decision === 'refuse') {
    endReason = 'refus';
    closedOn = input.decisionOn;
  }
  if (endReason) state = 'termine';
  return {
    id,
    reference,
    chainId,
    previousId: input.previousId,
    renewalNumber,
    associationId: input.associationId,
    associationName: input.associationName,
    receivedOn: input.receivedOn,
    meetingId: input.meetingId,
    opinion: input.opinion,
    opinionOn,
    opinionReasons: input.opinionReasons,
    decision: input.decision,
    decisionOn: input.decisionOn,
    decreeRef: input.decreeRef,
    startsOn,
    endsOn,
    rights: JSON.stringify(input.rights),
    state,
    endReason,
    closedOn,
    sex: input.sex,
    ageBand: input.ageBand,
    nationality: input.nationality,
    notes: input.notes,
  };
}

/**
 * A parcours whose renewal is authorised ends where the renewal begins (« Renouvelé »); if that
 * renewal is later refused or removed, the parcours is open again.
 */
function syncChain(db: Db, chainId: string, at: string): void {
  const rows = cachedStatement(db, 'SELECT * FROM parcours_requests WHERE chain_id = ?').all(chainId) as Row[];
  for (const r of rows) {
    if (r.decision !== 'autorise') continue;
    const renewed = rows.some((n) => n.previous_id === r.id && n.decision === 'autorise');
    if (renewed && r.end_reason !== 'renouvele') {
      cachedStatement(db, `UPDATE parcours_requests SET state = 'termine', end_reason = 'renouvele', closed_on = ends_on, updated_at = ? WHERE id = ?`).run(at, r.id);
      recordChange(db, at, 'parcours_request', r.id, 'update', { state: r.state, endReason: r.end_reason, closedOn: r.closed_on }, { state: 'termine', endReason: 'renouvele', closedOn: r.ends_on });
    } else if (!renewed && r.end_reason === 'renouvele') {
      cachedStatement(db, `UPDATE parcours_requests SET state = 'en_cours', end_reason = NULL, closed_on = NULL, updated_at = ? WHERE id = ?`).run(at, r.id);
      recordChange(db, at, 'parcours_request', r.id, 'update', { state: r.state, endReason: r.end_reason, closedOn: r.closed_on }, { state: 'en_cours', endReason: null, closedOn: null });
    }
  }
}

/** The history holds what the form shows, with codes (labelled by src/shared/history.ts). */
function snapshot(d: ParcoursDetail) {
  const { chain: _chain, deadline: _deadline, capDate: _cap, renewalReference: _renewal, meetingStartsAt: _m, previousReference: _p, chainId: _c, updatedAt: _u, createdAt: _cr, ...rest } = d;
  return rest;
}

const WRITE_COLUMNS = `reference = @reference, chain_id = @chainId, previous_id = @previousId, renewal_number = @renewalNumber, association_id = @associationId,
  association_name = @associationName, received_on = @receivedOn, meeting_id = @meetingId, opinion = @opinion, opinion_on = @opinionOn,
  opinion_reasons = @opinionReasons, decision = @decision, decision_on = @decisionOn, decree_ref = @decreeRef, starts_on = @startsOn, ends_on = @endsOn,
  rights = @rights, state = @state, end_reason = @endReason, closed_on = @closedOn, sex = @sex, age_band = @ageBand, nationality = @nationality,
  notes = @notes, updated_at = @at`;

/** Inserts one request inside the caller's transaction (the form, the import and the demo share it; the demo brings its own ids). */
export function insertParcours(db: Db, input: ParcoursInput, at: string, today: string, id?: string): ParcoursDetail {
  const values = resolve(db, input, null, id);
  cachedStatement(db, 
    `INSERT INTO parcours_requests (id, reference, chain_id, previous_id, renewal_number, association_id, association_name, received_on, meeting_id, opinion, opinion_on,
       opinion_reasons, decision, decision_on, decree_ref, starts_on, ends_on, rights, state, end_reason, closed_on, sex, age_band, nationality, notes, created_at, updated_at)
     VALUES (@id, @reference, @chainId, @previousId, @renewalNumber, @associationId, @associationName, @receivedOn, @meetingId, @opinion, @opinionOn,
       @opinionReasons, @decision, @decisionOn, @decreeRef, @startsOn, @endsOn, @rights, @state, @endReason, @closedOn, @sex, @ageBand, @nationality, @notes, @at, @at)`,
  ).run({ ...values, at });
  syncChain(db, values.chainId, at);
  const created = getParcours(db, values.id, today);
  recordChange(db, at, 'parcours_request', values.id, 'create', null, snapshot(created));
  return created;
}

export function createParcours(db: Db, input: ParcoursInput, now: Date): ParcoursDetail {
  const today = parisToday(now);
  return db.transaction(() => insertParcours(db, input, now.toISOString(), today))();
}

export function updateParcours(db: Db, input: ParcoursInput & { id: string }, now: Date): ParcoursDetail {
  const today = parisToday(now);
  const at = now.toISOString();
  return db.transaction(() => {
    const self = row(db, input.id);
    const before = getParcours(db, input.id, today);
    const values = resolve(db, input, self);
    db.prepare(`UPDATE parcours_requests SET ${WRITE_COLUMNS} WHERE id = @id`).run({ ...values, at });
    syncChain(db, values.chainId, at);
    const after = getParcours(db, input.id, today);
    recordChange(db, at, 'parcours_request', input.id, 'update', snapshot(before), snapshot(after));
    return after;
  })();
}

export function deleteParcours(db: Db, id: string, now: Date): { id: string } {
  const today = parisToday(now);
  const at = now.toISOString();
  return db.transaction(() => {
    const before = getParcours(db, id, today);
    const renewal = db.prepare('SELECT reference FROM parcours_requests WHERE previous_id = ?').pluck().get(id) as string | undefined;
    if (renewal) throw new ApiError('conflict', `Cette demande a été renouvelée (${renewal}) : supprimez d’abord le renouvellement.`);
    db.prepare('DELETE FROM parcours_requests WHERE id = ?').run(id);
    recordChange(db, at, 'parcours_request', id, 'delete', snapshot(before), null);
    if (before.chainId !== id) syncChain(db, before.chainId, at);
    return { id };
  })();
}

export function parcoursOptions(db: Db): ParcoursOptions {
  // The approved associations first: they present the requests.
  const associations = sortFrench(db.prepare(`SELECT id, name, type = 'association_sortie' AS approved FROM partners`).all() as { id: string; name: string; approved: number }[], (a) => [
    -a.approved,
    a.name,
  ]).map((a) => ({ id: a.id, name: a.name, approved: a.approved === 1 }));
  const meetings = db.prepare('SELECT id, kind, starts_at AS startsAt FROM meetings ORDER BY starts_at DESC').all() as ParcoursOptions['meetings'];
  const renewable = (
    db
      .prepare(
        `SELECT r.id, r.reference, r.association_id AS associationId, r.association_name AS associationName, r.renewal_number AS renewalNumber, r.ends_on AS endsOn,
           (SELECT min(c.starts_on) FROM parcours_requests c WHERE c.chain_id = r.chain_id AND c.decision = 'autorise') AS chainStart
         FROM parcours_requests r WHERE r.decision = 'autorise'`,
      )
      .all() as ParcoursOptions['renewable']
  )
    .sort((a, b) => compareFrench(a.reference, b.reference))
    .filter((r) => !r.chainStart || !r.endsOn || r.endsOn < capDate(r.chainStart));
  return { associations, meetings, renewable };
}

export function reminder(r: ParcoursListItem, date: string, days: number): ParcoursReminder {
  return { id: r.id, reference: r.reference, renewalNumber: r.renewalNumber, associationName: r.associationName, date, days };
}

export function nextExaminingMeeting(db: Db, after: string, exceptId = ''): { id: string; startsAt: string } | null {
  return (db.prepare('SELECT id, starts_at AS startsAt FROM meetings WHERE kind = ? AND starts_at > ? AND id <> ? ORDER BY starts_at LIMIT 1').get(EXAMINING_KIND, after, exceptId) ??
    null) as { id: string; startsAt: string } | null;
}

export function parcoursDeadlines(db: Db, today: string): ParcoursDeadlines {
  const items = listParcours(db, today);
  const byDate = (a: ParcoursReminder, b: ParcoursReminder) => a.date.localeCompare(b.date);
  return {
    today,
    endingSoon: items.filter((r) => r.deadline === 'renewal_due').map((r) => reminder(r, r.endsOn!, daysBetween(today, r.endsOn!))).sort(byDate),
    endPassed: items.filter((r) => r.deadline === 'end_passed').map((r) => reminder(r, r.endsOn!, daysBetween(r.endsOn!, today))).sort(byDate),
    awaitingOpinion: items.filter((r) => r.deadline === 'awaiting_opinion').map((r) => reminder(r, r.receivedOn, daysBetween(r.receivedOn, today))).sort(byDate),
    awaitingDecision: items.filter((r) => r.deadline === 'awaiting_decision').map((r) => reminder(r, r.opinionOn ?? r.receivedOn, daysBetween(r.opinionOn ?? r.receivedOn, today))).sort(byDate),
    nextMeeting: nextExaminingMeeting(db, `${today}T00:00`),
  };
}

// Figures

/** Every request, archived ones included, as the figures need them: dates and codes only. */
export function figureRows(db: Db): FigureRequest[] {
  const columns = `chain_id AS chainId, renewal_number AS renewalNumber, received_on AS receivedOn, opinion, opinion_on AS opinionOn, decision, decision_on AS decisionOn,
    starts_on AS startsOn, ends_on AS endsOn, end_reason AS endReason, closed_on AS closedOn`;
  return (
    db.prepare(`SELECT ${columns}, rights FROM parcours_requests UNION ALL SELECT ${columns}, '[]' FROM parcours_archive`).all() as (Omit<FigureRequest, 'rights'> & { rights: string })[]
  ).map((r) => ({ ...r, rights: JSON.parse(r.rights) as FigureRequest['rights'] }));
}

export function parcoursStats(db: Db, from: string, to: string, today: string): ParcoursStats {
  const archivedRequests = db.prepare('SELECT count(*) FROM parcours_archive WHERE received_on BETWEEN ? AND ?').pluck().get(from, to) as number;
  return { ...computeFigures(figureRows(db), from, to, today), archivedRequests };
}

// Retention

export function retentionCandidates(db: Db, today: string): RetentionCandidate[] {
  const limit = `${Number(today.slice(0, 4)) - RETENTION_YEARS}${today.slice(4)}`;
  return (
    db
      .prepare(
        `SELECT chain_id AS chainId, group_concat(reference, ', ') AS refs, max(association_name) AS associationName, max(closed_on) AS closedOn
         FROM (SELECT * FROM parcours_requests ORDER BY renewal_number) GROUP BY chain_id
         HAVING sum(state <> 'termine') = 0 AND max(closed_on) < ?
         ORDER BY closedOn`,
      )
      .all(limit) as { chainId: string; refs: string; associationName: string; closedOn: string }[]
  ).map((c) => ({ chainId: c.chainId, references: c.refs.split(', '), associationName: c.associationName, closedOn: c.closedOn }));
}

/**
 * Deletes whole chains closed more than five years ago, with their history, after keeping in
 * `parcours_archive` only the dates and codes the figures count: past figures stay the same.
 */
export function purgeParcours(db: Db, chainIds: string[], now: Date): { deleted: number } {
  const today = parisToday(now);
  const at = now.toISOString();
  return db.transaction(() => {
    const allowed = new Set(retentionCandidates(db, today).map((c) => c.chainId));
    const refused = chainIds.find((c) => !allowed.has(c));
    if (refused) throw new ApiError('conflict', 'Une des demandes choisies n’est pas close depuis plus de cinq ans : rien n’a été supprimé.');
    let deleted = 0;
    for (const chainId of new Set(chainIds)) {
      db.prepare(
        `INSERT INTO parcours_archive (id, chain_id, renewal_number, received_on, opinion, opinion_on, decision, decision_on, starts_on, ends_on, end_reason, closed_on, archived_at)
         SELECT id, chain_id, renewal_number, received_on, opinion, opinion_on, decision, decision_on, starts_on, ends_on, end_reason, closed_on, ? FROM parcours_requests WHERE chain_id = ?`,
      ).run(at, chainId);
      const ids = db.prepare('SELECT id FROM parcours_requests WHERE chain_id = ? ORDER BY renewal_number DESC').pluck().all(chainId) as string[];
      for (const id of ids) {
        db.prepare(`DELETE FROM change_log WHERE entity = 'parcours_request' AND entity_id = ?`).run(id);
        db.prepare('DELETE FROM parcours_requests WHERE id = ?').run(id);
        deleted++;
      }
    }
    recordChange(db, at, 'parcours_retention', 'register', 'delete', { requests: deleted }, null);
    return { deleted };
  })();
}

// Export

function parcoursSheet(items: ParcoursListItem[], details: Map<string, { opinionReasons: string | null; decreeRef: string | null; sex: string | null; ageBand: string | null; nationality: string | null }>): TabularSheet<ParcoursListItem> {
  const label = <T extends string>(labels: Record<T, string>, v: string | null | undefined) => (v ? (labels[v as T] ?? v) : '');
  return {
    name: 'Parcours de sortie',
    rows: items,
    columns: [
      { header: 'Référence', value: (r) => r.reference, width: 16 },
      { header: 'Nature', value: (r) => parcoursKind(r.renewalNumber), width: 20 },
      { header: 'Demande renouvelée', value: (r) => r.previousReference, width: 16 },
      { header: 'Association', value: (r) => r.associationName, width: 34 },
      { header: 'Reçue le', value: (r) => r.receivedOn, type: 'date' },
      { header: 'Séance', value: (r) => r.meetingStartsAt?.slice(0, 10) ?? null, type: 'date' },
      { header: 'Avis', value: (r) => label(parcoursOpinions.labels, r.opinion) },
      { header: 'Motifs de l’avis', value: (r) => details.get(r.id)?.opinionReasons ?? '', width: 30 },
      { header: 'Décision', value: (r) => label(parcoursDecisions.labels, r.decision) },
      { header: 'Décision le', value: (r) => r.decisionOn, type: 'date' },
      { header: 'Arrêté', value: (r) => details.get(r.id)?.decreeRef ?? '', width: 16 },
      { header: 'Début', value: (r) => r.startsOn, type: 'date' },
      { header: 'Fin', value: (r) => r.endsOn, type: 'date' },
      { header: 'Droits ouverts', value: (r) => r.rights.map((c) => parcoursRights.labels[c]).join(', '), width: 30 },
      { header: 'État', value: (r) => parcoursStates.labels[r.state] },
      { header: 'Motif de fin', value: (r) => label(parcoursEndReasons.labels, r.endReason), width: 20 },
      { header: 'Fin le', value: (r) => r.closedOn, type: 'date' },
      { header: 'Sexe', value: (r) => label(parcoursSexes.labels, details.get(r.id)?.sex) },
      { header: 'Tranche d’âge', value: (r) => label(parcoursAgeBands.labels, details.get(r.id)?.ageBand) },
      { header: 'Nationalité', value: (r) => label(parcoursNationalities.labels, details.get(r.id)?.nationality), width: 20 },
    ],
  };
}

export async function exportParcours(db: Db, today: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const items = listParcours(db, today).reverse();
  const details = new Map(
    (db.prepare('SELECT id, opinion_reasons AS opinionReasons, decree_ref AS decreeRef, sex, age_band AS ageBand, nationality FROM parcours_requests').all() as {
      id: string;
      opinionReasons: string | null;
      decreeRef: string | null;
      sex: string | null;
      ageBand: string | null;
      nationality: string | null;
    }[]).map((d) => [d.id, d]),
  );
  const sheet = parcoursSheet(items, details);
  return format === 'xlsx' ? toXlsx(sheet.rows, sheet.columns, { sheetName: sheet.name }) : Buffer.from(toCsv(sheet.rows, sheet.columns), 'utf8');
}
