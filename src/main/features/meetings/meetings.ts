/** Sessions themselves: create (with its invitations and proposed agenda), change, delete, and the pickers' options. */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { MeetingKind } from '../../../shared/labels';
import type { MeetingDetail, MeetingUpdate, MeetingOptions } from '../../../shared/model/meetings';
import type { meetingCreate, meetingUpdate } from '../../../shared/schemas/meetings';
import { parisWallClock } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { getMeeting, meetingRow, sessionName, toMeeting } from './detail';
import { excludesChildProtection, insertMissingMembers, removeChildProtection } from './attendance';
import { agendaSnapshot, insertAgendaItem } from './agenda';

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

function meetingParams(input: Omit<MeetingInput, 'id'>) {
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
         next_meeting_note, notes, created_at, updated_at)
       VALUES (@id, @kind, @title, @startsAt, @endsAt, @place, @videoLink, @chair, @signatoryName, @signatoryTitle, @signsByDelegation,
         @nextMeetingNote, @notes, @at, @at)`,
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
         chair = @chair, signatory_name = @signatoryName, signatory_title = @signatoryTitle, signs_by_delegation = @signsByDelegation, next_meeting_note = @nextMeetingNote, notes = @notes, updated_at = @at WHERE id = @id`,
    ).run({ ...meetingParams(input), id: input.id, at });
    // Moved to a date still to come, the session is not held yet: it will read the membership of its day.
    db.prepare('UPDATE meetings SET members_commission = NULL, members_restreinte = NULL WHERE id = ? AND starts_at > ?').run(input.id, parisWallClock(now));
    // Journal entries written from this session's decisions follow its date.
    db.prepare(
      `UPDATE journal_entries SET entry_on = ?, updated_at = ? WHERE id IN (SELECT journal_entry_id FROM decisions WHERE meeting_id = ? AND journal_entry_id IS NOT NULL)`,
    ).run(input.date, at, input.id);
    const after = toMeeting(meetingRow(db, input.id));
    recordChange(db, at, 'meeting', input.id, 'update', before, after);
    const uninvited = before.kind !== after.kind && excludesChildProtection(db, input.id) ? removeChildProtection(db, input.id, at) : [];
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

export function meetingOptions(db: Db): MeetingOptions {
  return {
    partners: db.prepare('SELECT id, name FROM partners ORDER BY name COLLATE NOCASE').all() as MeetingOptions['partners'],
    contacts: (
      db
        .prepare(
          `SELECT c.id, c.partner_id, p.name AS partner_name, c.civility, trim(coalesce(c.first_name || ' ', '') || c.last_name) AS name, c.role, c.is_member, c.member_role
           FROM contacts c JOIN partners p ON p.id = c.partner_id ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE`,
        )
        .all() as { id: string; partner_id: string; partner_name: string; civility: string | null; name: string; role: string | null; is_member: number; member_role: string | null }[]
    ).map((c) => ({
      id: c.id,
      partnerId: c.partner_id,
      partnerName: c.partner_name,
      civility: c.civility as 'Mme' | 'M.' | null,
      name: c.name,
      role: c.role,
      isMember: c.is_member === 1,
      memberRole: c.member_role as MeetingOptions['contacts'][number]['memberRole'],
    })),
    actions: db.prepare(`SELECT id, code, coalesce(code || ' – ', '') || title AS label FROM actions ORDER BY code IS NULL, code, title COLLATE NOCASE`).all() as MeetingOptions['actions'],
    protocols: db.prepare('SELECT id, title AS label FROM protocols ORDER BY title COLLATE NOCASE').all() as MeetingOptions['protocols'],
  };
}
