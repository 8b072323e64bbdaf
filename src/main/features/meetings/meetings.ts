/** Sessions themselves: create (with its invitations and proposed agenda), change, delete, and the pickers' options. */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { MeetingKind } from '../../../shared/labels';
import { formatDate } from '../../../shared/format';
import { deliberatesValidly, meetingRules } from '../../../shared/meeting-rules';
import type { MeetingDetail, MeetingUpdate, MeetingOptions } from '../../../shared/model/meetings';
import type { meetingCreate, meetingReconvene, meetingUpdate, minorsCount } from '../../../shared/schemas/meetings';
import { parisWallClock, splitWallClock } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { IN_FORCE } from '../composition/sitting';
import { getMeeting, meetingRow, sessionName, toMeeting } from './detail';
import { insertMissingMembers, removeNotSitting } from './attendance';
import { agendaSnapshot, insertAgendaItem } from './agenda';
import { sortFrench } from '../../../shared/search';

/** « latest »: the most recent session already begun, or else the first one to come. */
export function resolveMeetingId(db: Db, idOrLatest: string, now: Date): string {
  if (idOrLatest !== 'latest') return meetingRow(db, idOrLatest).id;
  const id =
    (db.prepare('SELECT id FROM meetings WHERE starts_at <= ? ORDER BY starts_at DESC LIMIT 1').pluck().get(parisWallClock(now)) as string | undefined) ??
    (db.prepare('SELECT id FROM meetings ORDER BY starts_at LIMIT 1').pluck().get() as string | undefined);
  if (!id) throw new ApiError('not_found', 'Cette commission n’a encore aucune séance.');
  return id;
}

type MeetingInput = z.output<typeof meetingUpdate>;

function meetingParams(input: Omit<MeetingInput, 'id' | 'minutesSignedOn'> & { minutesSignedOn?: string | null }) {
  return {
    kind: input.kind,
    title: input.title,
    startsAt: `${input.date}T${input.startTime}`,
    endsAt: input.endTime ? `${input.date}T${input.endTime}` : null,
    place: input.place,
    videoLink: input.videoLink,
    chair: input.chair,
    signatoryName: input.signatoryName,
    signatoryTitle: input.signatoryTitle,
    signsByDelegation: input.signsByDelegation === null ? null : input.signsByDelegation ? 1 : 0,
    nextMeetingNote: input.nextMeetingNote,
    notes: input.notes,
    minutesSignedOn: input.minutesSignedOn ?? null,
  };
}

/**
 * Creates a session with its invitation list (the commission's members) and, when there is an
 * earlier session, the two items every session starts with: approving the previous minutes, and
 * following up the decisions still open.
 */
export function createMeeting(db: Db, input: z.output<typeof meetingCreate>, now: Date): MeetingDetail {
  const at = now.toISOString();
  const id = randomUUID();
  return db.transaction(() => {
    db.prepare(
      `INSERT INTO meetings (id, kind, title, starts_at, ends_at, place, video_link, chair, signatory_name, signatory_title, signs_by_delegation,
         next_meeting_note, notes, minutes_signed_on, created_at, updated_at)
       VALUES (@id, @kind, @title, @startsAt, @endsAt, @place, @videoLink, @chair, @signatoryName, @signatoryTitle, @signsByDelegation,
         @nextMeetingNote, @notes, @minutesSignedOn, @at, @at)`,
    ).run({ ...meetingParams(input), id, at });
    if (input.inviteMembers) insertMissingMembers(db, id, at);
    if (input.proposeAgenda) {
      const detail = getMeeting(db, id);
      // A session approves the minutes of the previous session of its kind (a plénière, the last plénière's).
      const approved = db.prepare('SELECT id, kind, starts_at FROM meetings WHERE kind = ? AND starts_at < ? ORDER BY starts_at DESC LIMIT 1').get(input.kind, detail.startsAt) as
        | { id: string; kind: MeetingKind; starts_at: string }
        | undefined;
      if (detail.previous) {
        const proposed: string[] = [];
        if (approved) {
          const itemId = insertAgendaItem(db, id, 'approbation', `Approbation du compte rendu de la ${sessionName(approved.kind, approved.starts_at)}`, at);
          db.prepare('UPDATE agenda_items SET approves_meeting_id = ? WHERE id = ?').run(approved.id, itemId);
          proposed.push(itemId);
        }
        if (detail.earlierFollowUps.length > 0) proposed.push(insertAgendaItem(db, id, 'suivi', 'Suivi des décisions', at));
        for (const itemId of proposed) recordChange(db, at, 'agenda_item', itemId, 'create', null, agendaSnapshot(db, itemId));
      }
    }
    recordChange(db, at, 'meeting', id, 'create', null, toMeeting(meetingRow(db, id)));
    return getMeeting(db, id);
  })();
}

export function updateMeeting(db: Db, input: MeetingInput, now: Date): MeetingUpdate {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = toMeeting(meetingRow(db, input.id));
    db.prepare(
      `UPDATE meetings SET kind = @kind, title = @title, starts_at = @startsAt, ends_at = @endsAt, place = @place, video_link = @videoLink,
         chair = @chair, signatory_name = @signatoryName, signatory_title = @signatoryTitle, signs_by_delegation = @signsByDelegation, next_meeting_note = @nextMeetingNote, notes = @notes,
         minutes_signed_on = @minutesSignedOn, updated_at = @at WHERE id = @id`,
    ).run({ ...meetingParams(input), id: input.id, at });
    // Journal entries written from this session's decisions follow its date.
    db.prepare(
      `UPDATE journal_entries SET entry_on = ?, updated_at = ? WHERE id IN (SELECT journal_entry_id FROM decisions WHERE meeting_id = ? AND journal_entry_id IS NOT NULL)`,
    ).run(input.date, at, input.id);
    const after = toMeeting(meetingRow(db, input.id));
    recordChange(db, at, 'meeting', input.id, 'update', before, after);
    const uninvited = before.kind !== after.kind ? removeNotSitting(db, input.id, at) : [];
    return { ...getMeeting(db, input.id), uninvited };
  })();
}

/** Deletes a session with everything recorded in it; journal entries its decisions wrote stay in the fiches actions. */
export function deleteMeeting(db: Db, id: string, now: Date): { id: string } {
  return db.transaction(() => {
    const before = getMeeting(db, id);
    db.prepare('DELETE FROM meetings WHERE id = ?').run(id);
    recordChange(db, now.toISOString(), 'meeting', id, 'delete', before, null);
    return { id };
  })();
}

/**
 * « Nouvelle convocation sans condition de quorum » (R. 133-10): the meeting held without quorum is
 * convened again on the same agenda, with the same invitees; the new meeting deliberates whatever the
 * attendance, and its convocation says so. Requests it was to examine move to it, without the avis
 * that could not be validly given.
 */
export function reconvene(db: Db, input: z.output<typeof meetingReconvene>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const first = getMeeting(db, input.id);
    if (!first.quorum.applies) throw new ApiError('conflict', 'Ce type de séance ne connaît pas de quorum : il n’y a pas lieu de la convoquer de nouveau.');
    if (first.quorum.waived) throw new ApiError('conflict', 'Cette séance délibérait déjà sans condition de quorum.');
    if (first.reconvenedAs) throw new ApiError('conflict', `Une nouvelle convocation a déjà été faite pour le ${formatDate(splitWallClock(first.reconvenedAs.startsAt).date)}.`);
    if (first.quorum.pending > 0) throw new ApiError('conflict', 'Notez d’abord les présences : le quorum se constate en séance.');
    if (deliberatesValidly(first.quorum)) throw new ApiError('conflict', 'Le quorum est atteint : la séance a délibéré valablement.');
    const startsAt = `${input.date}T${input.startTime}`;
    if (startsAt <= first.startsAt) throw new ApiError('validation', 'La nouvelle séance suit celle où le quorum n’a pas été atteint.', [{ path: 'date', message: 'Choisissez une date après la première séance.' }]);
    const id = randomUUID();
    db.prepare(
      `INSERT INTO meetings (id, kind, title, starts_at, ends_at, place, video_link, chair, signatory_name, signatory_title, signs_by_delegation, next_meeting_note, notes,
         second_convocation_of, created_at, updated_at)
       SELECT ?, kind, title, ?, ?, place, video_link, chair, signatory_name, signatory_title, signs_by_delegation, NULL, NULL, id, ?, ? FROM meetings WHERE id = ?`,
    ).run(id, startsAt, input.endTime ? `${input.date}T${input.endTime}` : null, at, at, first.id);
    // The same agenda: its items, as written (without the notes of the first meeting), and their links.
    for (const item of first.agenda) {
      const itemId = insertAgendaItem(db, id, item.kind, item.title, at, { presenter: item.presenter, durationMin: item.durationMin });
      db.prepare('UPDATE agenda_items SET approves_meeting_id = ? WHERE id = ?').run(item.approvesMeetingId, itemId);
      for (const link of item.links) db.prepare('INSERT INTO agenda_item_links (agenda_item_id, action_id, protocol_id) VALUES (?, ?, ?)').run(itemId, link.kind === 'action' ? link.id : null, link.kind === 'protocol' ? link.id : null);
      recordChange(db, at, 'agenda_item', itemId, 'create', null, agendaSnapshot(db, itemId));
    }
    // The same invitees, attendance to be noted again.
    for (const a of first.attendees) {
      db.prepare(
        `INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, structure, status, sort_order)
         SELECT ?, ?, contact_id, partner_id, civility, name, role, structure, 'invite', sort_order FROM meeting_attendees WHERE id = ?`,
      ).run(randomUUID(), id, a.id);
    }
    const requests = db.prepare('SELECT id, opinion, opinion_on, opinion_reasons FROM parcours_requests WHERE meeting_id = ? AND decision IS NULL').all(first.id) as {
      id: string;
      opinion: string | null;
      opinion_on: string | null;
      opinion_reasons: string | null;
    }[];
    for (const r of requests) {
      db.prepare(
        'UPDATE parcours_requests SET meeting_id = ?, opinion = NULL, opinion_on = NULL, opinion_reasons = NULL, votes_for = NULL, votes_against = NULL, votes_abstention = NULL, casting_vote = NULL, updated_at = ? WHERE id = ?',
      ).run(id, at, r.id);
      recordChange(db, at, 'parcours_request', r.id, 'update', { meetingId: first.id, opinion: r.opinion, opinionOn: r.opinion_on, opinionReasons: r.opinion_reasons }, { meetingId: id, opinion: null, opinionOn: null, opinionReasons: null });
    }
    recordChange(db, at, 'meeting', id, 'create', null, toMeeting(meetingRow(db, id)));
    return getMeeting(db, id);
  })();
}

/** The number of minors' situations a coordination meeting coordinated: a count, never a list. */
export function setMinorsSituations(db: Db, input: z.output<typeof minorsCount>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const row = meetingRow(db, input.meetingId);
    if (!meetingRules(row.kind as MeetingKind).coordinatesMinors) throw new ApiError('conflict', 'Seule une séance de coordination des situations de mineurs les compte.');
    const before = db.prepare('SELECT minors_situations FROM meeting_parcours WHERE meeting_id = ?').pluck().get(input.meetingId) as number | undefined;
    db.prepare(
      'INSERT INTO meeting_parcours (meeting_id, minors_situations, updated_at) VALUES (?, ?, ?) ON CONFLICT (meeting_id) DO UPDATE SET minors_situations = excluded.minors_situations, updated_at = excluded.updated_at',
    ).run(input.meetingId, input.count, at);
    recordChange(db, at, 'meeting', input.meetingId, 'update', { minorsSituations: before ?? 0 }, { minorsSituations: input.count });
    return getMeeting(db, input.meetingId);
  })();
}

export function meetingOptions(db: Db, today: string): MeetingOptions {
  return {
    partners: sortFrench(db.prepare('SELECT id, name FROM partners').all() as MeetingOptions['partners'], (p) => [p.name]),
    contacts: sortFrench(
      db
        .prepare(
          `SELECT c.id, c.partner_id, p.name AS partner_name, c.civility, c.first_name, c.last_name, trim(coalesce(c.first_name || ' ', '') || c.last_name) AS name, c.role,
             (SELECT m.role FROM seat_members m WHERE m.contact_id = c.id AND ${IN_FORCE}) AS member_role
           FROM contacts c JOIN partners p ON p.id = c.partner_id`,
        )
        .all({ day: today }) as { id: string; partner_id: string; partner_name: string; civility: string | null; first_name: string | null; last_name: string; name: string; role: string | null; member_role: string | null }[],
      (c) => [c.last_name, c.first_name, c.partner_name],
    ).map((c) => ({
      id: c.id,
      partnerId: c.partner_id,
      partnerName: c.partner_name,
      civility: c.civility as 'Mme' | 'M.' | null,
      name: c.name,
      role: c.role,
      isMember: c.member_role !== null,
      memberRole: c.member_role as MeetingOptions['contacts'][number]['memberRole'],
    })),
    actions: sortFrench(db.prepare(`SELECT id, code, coalesce(code || ' – ', '') || title AS label FROM actions`).all() as MeetingOptions['actions'], (a) => [a.code, a.label]),
    protocols: sortFrench(db.prepare('SELECT id, title AS label FROM protocols').all() as MeetingOptions['protocols'], (p) => [p.label]),
  };
}
