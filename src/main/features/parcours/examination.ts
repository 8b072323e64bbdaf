/**
 * What an examining meeting does with parcours de sortie requests: puts those waiting for an avis on
 * its agenda, records one avis per request (with its vote, if counted) when the quorum of the item
 * allows it, and keeps out of each avis the members who have an interest in it (CRPA R. 133-10 to
 * R. 133-12). The association's agrément on the day of the meeting is shown with each request.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { formatDate, plural } from '../../../shared/format';
import type { MeetingKind } from '../../../shared/labels';
import { voteProblem } from '../../../shared/meeting-rules';
import type { ExaminedRequest, MeetingParcours } from '../../../shared/model/parcours';
import { addDays, parisToday } from '../../../shared/wallclock';
import { agrementState, agrementWarning, daysBetween, parcoursKind } from '../../../shared/parcours';
import type { interestInput, interestRemoval, parcoursOpinionInput } from '../../../shared/schemas/parcours';
import { lowerFirst } from '../../../shared/text';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { compareFrench } from '../../../shared/search';
import { assertAvisMayBeGiven, itemSittings } from './interests';
import { AGENDA_TITLE, EXAMINING_KIND, listParcours, nextExaminingMeeting, reminder, row } from './parcours';

function meetingRow(db: Db, meetingId: string): { id: string; kind: MeetingKind; starts_at: string } {
  const m = db.prepare('SELECT id, kind, starts_at FROM meetings WHERE id = ?').get(meetingId) as { id: string; kind: MeetingKind; starts_at: string } | undefined;
  if (!m) throw new ApiError('not_found', 'Cette séance n’existe plus : elle a peut-être été supprimée.');
  return m;
}

interface RequestRow {
  id: string;
  reference: string;
  renewal_number: number;
  association_id: string | null;
  association_name: string;
  received_on: string;
  opinion: ExaminedRequest['opinion'];
  opinion_reasons: string | null;
  decision: ExaminedRequest['decision'];
  votes_for: number | null;
  votes_against: number | null;
  votes_abstention: number | null;
  casting_vote: 'pour' | 'contre' | null;
  agrement_on: string | null;
  agrement_years: number | null;
}

/** The requests a meeting examines, each with who takes part in its avis, the quorum of its item and the association's agrément. */
export function examinedRequests(db: Db, meetingId: string): { examined: ExaminedRequest[]; members: MeetingParcours['members'] } {
  const day = meetingRow(db, meetingId).starts_at.slice(0, 10);
  const rows = (
    db
      .prepare(
        `SELECT r.id, r.reference, r.renewal_number, r.association_id, r.association_name, r.received_on, r.opinion, r.opinion_reasons, r.decision,
           r.votes_for, r.votes_against, r.votes_abstention, r.casting_vote, p.agrement_on, p.agrement_years
         FROM parcours_requests r LEFT JOIN partners p ON p.id = r.association_id WHERE r.meeting_id = ?`,
      )
      .all(meetingId) as RequestRow[]
  ).sort((a, b) => compareFrench(a.reference, b.reference));
  const { sittings, members } = itemSittings(
    db,
    meetingId,
    rows.map((r) => ({ id: r.id, associationId: r.association_id })),
  );
  const examined = rows.map((r, i): ExaminedRequest => ({
    id: r.id,
    reference: r.reference,
    renewalNumber: r.renewal_number,
    associationId: r.association_id,
    associationName: r.association_name,
    receivedOn: r.received_on,
    opinion: r.opinion,
    reasons: r.opinion_reasons,
    decision: r.decision,
    votes: r.votes_for === null ? null : { for: r.votes_for, against: r.votes_against ?? 0, abstention: r.votes_abstention ?? 0, casting: r.casting_vote },
    ...sittings[i]!,
    agrement: agrementState({ agrementOn: r.agrement_on, agrementYears: r.agrement_years }, day),
  }));
  return { examined, members: members.map((a) => ({ attendeeId: a.id, name: a.name, structure: a.structure })) };
}

export function meetingParcours(db: Db, meetingId: string, today: string): MeetingParcours {
  const m = meetingRow(db, meetingId);
  const items = listParcours(db, today);
  const day = m.starts_at.slice(0, 10);
  const waiting = items
    .filter((r) => r.deadline === 'awaiting_opinion' && r.meetingId !== meetingId && r.receivedOn <= day)
    .map((r) => reminder(r, r.receivedOn, daysBetween(r.receivedOn, day)))
    .sort((a, b) => a.date.localeCompare(b.date));
  const next = nextExaminingMeeting(db, m.starts_at, meetingId);
  // Without a next meeting planned, three months ahead is what the secretary plans for.
  const horizon = next ? next.startsAt.slice(0, 10) : addDays(day, 91);
  const renewalsDue = items
    .filter((r) => r.decision === 'autorise' && r.state === 'en_cours' && !r.renewalReference && r.endsOn && r.endsOn <= horizon)
    .map((r) => reminder(r, r.endsOn!, daysBetween(day, r.endsOn!)))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { meetingId, isExamining: m.kind === EXAMINING_KIND, ...examinedRequests(db, meetingId), waiting, renewalsDue };
}

/**
 * Puts every request waiting for an avis on this meeting (an adjourned one comes back with its
 * previous avis cleared; the history keeps it) and writes the agenda item that lists them by
 * reference, flagging an association without an agrément in force, with the parcours whose renewal
 * falls due before the next meeting.
 */
export function fillAgenda(db: Db, meetingId: string, now: Date): MeetingParcours {
  const today = parisToday(now);
  const at = now.toISOString();
  return db.transaction(() => {
    const m = meetingRow(db, meetingId);
    if (m.kind !== EXAMINING_KIND) throw new ApiError('conflict', 'Seule une formation restreinte d’examen des demandes de parcours examine les demandes.');
    const before = meetingParcours(db, meetingId, today);
    for (const w of before.waiting) {
      const prior = db.prepare('SELECT meeting_id AS meetingId, opinion, opinion_on AS opinionOn, opinion_reasons AS opinionReasons FROM parcours_requests WHERE id = ?').get(w.id);
      db.prepare('UPDATE parcours_requests SET meeting_id = ?, opinion = NULL, opinion_on = NULL, opinion_reasons = NULL, updated_at = ? WHERE id = ?').run(meetingId, at, w.id);
      recordChange(db, at, 'parcours_request', w.id, 'update', prior, { meetingId, opinion: null, opinionOn: null, opinionReasons: null });
    }
    const after = meetingParcours(db, meetingId, today);
    const described = after.examined.map((r) => {
      const warning = agrementWarning(r.agrement);
      return `${r.reference} (${lowerFirst(parcoursKind(r.renewalNumber))}, ${r.associationName}${warning ? ` : ${warning}` : ''})`;
    });
    const lines = [`${plural(after.examined.length, 'demande examinée', 'demandes examinées')} : ${described.join(' ; ') || 'aucune'}.`];
    if (after.renewalsDue.length) {
      lines.push(`Parcours arrivant à échéance avant la prochaine séance, renouvellement à demander : ${after.renewalsDue.map((r) => `${r.reference} (fin le ${formatDate(r.date)})`).join(' ; ')}.`);
    }
    const notes = lines.join('\n\n');
    const existing = db.prepare('SELECT id, notes FROM agenda_items WHERE meeting_id = ? AND title = ?').get(meetingId, AGENDA_TITLE) as { id: string; notes: string | null } | undefined;
    if (existing) {
      db.prepare('UPDATE agenda_items SET notes = ?, updated_at = ? WHERE id = ?').run(notes, at, existing.id);
      recordChange(db, at, 'agenda_item', existing.id, 'update', { meetingId, notes: existing.notes }, { meetingId, notes });
    } else {
      const id = randomUUID();
      const position = db.prepare('SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?').pluck().get(meetingId) as number;
      db.prepare(`INSERT INTO agenda_items (id, meeting_id, position, kind, title, presenter, duration_min, notes, created_at, updated_at) VALUES (?, ?, ?, 'libre', ?, NULL, NULL, ?, ?, ?)`).run(
        id,
        meetingId,
        position,
        AGENDA_TITLE,
        notes,
        at,
        at,
      );
      recordChange(db, at, 'agenda_item', id, 'create', null, { meetingId, title: AGENDA_TITLE, notes });
    }
    return after;
  })();
}

/**
 * Records the avis given on a request: only if the quorum of its item is reached (or waived at a new
 * convocation), and, when the vote is counted, only if the count holds and gives that avis (R. 133-11).
 */
export function recordOpinion(db: Db, input: z.output<typeof parcoursOpinionInput>, now: Date): MeetingParcours {
  const today = parisToday(now);
  const at = now.toISOString();
  return db.transaction(() => {
    const m = meetingRow(db, input.meetingId);
    if (m.kind !== EXAMINING_KIND) throw new ApiError('conflict', 'Les avis sont rendus en formation restreinte d’examen des demandes de parcours.');
    const r = row(db, input.id);
    if (r.decision) throw new ApiError('conflict', `La décision du préfet sur ${r.reference} est déjà enregistrée : corrigez l’avis depuis le registre.`);
    if (r.state === 'termine') throw new ApiError('conflict', `La demande ${r.reference} est close : elle n’est plus examinée.`);
    const day = m.starts_at.slice(0, 10);
    if (day < r.received_on) throw new ApiError('validation', `La demande ${r.reference} a été reçue après cette séance (le ${formatDate(r.received_on)}).`);
    const item = assertAvisMayBeGiven(db, input.meetingId, { id: r.id, associationId: r.association_id, reference: r.reference });
    if (input.votes) {
      const problem = voteProblem(input.votes, item.quorum.counted, input.opinion);
      if (problem) throw new ApiError('validation', `${r.reference} : ${problem}`);
    }
    const votes = input.votes ?? { for: null, against: null, abstention: null, casting: null };
    db.prepare(
      `UPDATE parcours_requests SET meeting_id = ?, opinion = ?, opinion_on = ?, opinion_reasons = ?, votes_for = ?, votes_against = ?, votes_abstention = ?, casting_vote = ?, updated_at = ? WHERE id = ?`,
    ).run(input.meetingId, input.opinion, day, input.reasons, votes.for, votes.against, votes.abstention, votes.casting, at, input.id);
    recordChange(
      db,
      at,
      'parcours_request',
      input.id,
      'update',
      { meetingId: r.meeting_id, opinion: r.opinion, opinionOn: r.opinion_on, opinionReasons: r.opinion_reasons },
      { meetingId: input.meetingId, opinion: input.opinion, opinionOn: day, opinionReasons: input.reasons, votesFor: votes.for, votesAgainst: votes.against, votesAbstention: votes.abstention, castingVote: votes.casting },
    );
    return meetingParcours(db, input.meetingId, today);
  })();
}

function interestContext(db: Db, requestId: string, attendeeId: string): { meetingId: string; reference: string; name: string } {
  const r = row(db, requestId);
  const a = db.prepare('SELECT meeting_id, name FROM meeting_attendees WHERE id = ?').get(attendeeId) as { meeting_id: string; name: string } | undefined;
  if (!a || a.meeting_id !== r.meeting_id) throw new ApiError('validation', 'Ce membre n’est pas invité à la séance qui examine cette demande.');
  return { meetingId: a.meeting_id, reference: r.reference, name: a.name };
}

/** A member declares an interest in a request: they take no part in its avis. */
export function declareInterest(db: Db, input: z.output<typeof interestInput>, now: Date): MeetingParcours {
  const at = now.toISOString();
  return db.transaction(() => {
    const c = interestContext(db, input.requestId, input.attendeeId);
    db.prepare('INSERT INTO avis_interests (request_id, attendee_id, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason').run(
      input.requestId,
      input.attendeeId,
      input.reason,
      at,
    );
    recordChange(db, at, 'parcours_request', input.requestId, 'update', null, { interest: `${c.name} ne prend pas part à l’avis`, interestReason: input.reason });
    return meetingParcours(db, c.meetingId, parisToday(now));
  })();
}

export function withdrawInterest(db: Db, input: z.output<typeof interestRemoval>, now: Date): MeetingParcours {
  const at = now.toISOString();
  return db.transaction(() => {
    const c = interestContext(db, input.requestId, input.attendeeId);
    const removed = db.prepare('DELETE FROM avis_interests WHERE request_id = ? AND attendee_id = ?').run(input.requestId, input.attendeeId).changes;
    if (removed) recordChange(db, at, 'parcours_request', input.requestId, 'update', { interest: `${c.name} ne prend pas part à l’avis` }, { interest: null });
    return meetingParcours(db, c.meetingId, parisToday(now));
  })();
}

/** The last meeting that examined requests (the CLI's « latest »). */
export function latestExaminingMeeting(db: Db): string {
  const id = db
    .prepare(`SELECT m.id FROM meetings m WHERE EXISTS (SELECT 1 FROM parcours_requests r WHERE r.meeting_id = m.id) ORDER BY m.starts_at DESC LIMIT 1`)
    .pluck()
    .get() as string | undefined;
  if (!id) throw new ApiError('not_found', 'Aucune séance n’a encore examiné de demande de parcours de sortie.');
  return id;
}
