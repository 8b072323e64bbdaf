/**
 * Who is invited to a session and how they attend (présent, à distance, suppléé, mandat, excusé…).
 * The members invited are those whose seat sits at this kind of meeting on its day (sitsAt, in
 * src/shared/meeting-rules.ts); a mandate goes to a member who attends and holds none (CRPA R. 133-9).
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { MeetingKind } from '../../../shared/labels';
import { sitsAt, whyNotSitting } from '../../../shared/meeting-rules';
import type { MeetingDetail } from '../../../shared/model/meetings';
import type { addContacts, addPerson, setAttendance } from '../../../shared/schemas/meetings';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { membershipOf, membershipsOn } from '../composition/sitting';
import { getMeeting, meetingDay, meetingOf, meetingRow, sittingOf } from './detail';

/**
 * A session whose kind changes loses the members whose seat does not sit at its new kind (a mandate
 * one of them held goes back to « invité »). Returns their names.
 */
export function removeNotSitting(db: Db, meetingId: string, at: string): string[] {
  const removed = sittingOf(db, meetingRow(db, meetingId)).attendees.filter((a) => a.isMember && !a.sits);
  for (const a of removed) {
    const mandants = db.prepare(`SELECT id, name FROM meeting_attendees WHERE mandate_to = ? AND status = 'mandat'`).all(a.id) as { id: string; name: string }[];
    for (const m of mandants) {
      db.prepare(`UPDATE meeting_attendees SET status = 'invite', mandate_to = NULL WHERE id = ?`).run(m.id);
      recordChange(db, at, 'meeting_attendee', m.id, 'update', { meetingId, name: m.name, status: 'mandat', mandateTo: a.id }, { meetingId, name: m.name, status: 'invite', mandateTo: null });
    }
    db.prepare('DELETE FROM meeting_attendees WHERE id = ?').run(a.id);
    recordChange(db, at, 'meeting_attendee', a.id, 'delete', { meetingId, name: a.name, structure: a.structure, status: a.status }, null);
  }
  return removed.map((a) => (a.structure ? `${a.name} – ${a.structure}` : a.name));
}

type ContactSnapshot = {
  id: string;
  partner_id: string;
  civility: string | null;
  first_name: string | null;
  last_name: string;
  role: string | null;
  partner_name: string;
};

const CONTACT_SNAPSHOT_SQL = `SELECT c.id, c.partner_id, c.civility, c.first_name, c.last_name, c.role, p.name AS partner_name
  FROM contacts c JOIN partners p ON p.id = c.partner_id`;

function insertAttendeeFromContact(db: Db, meetingId: string, c: ContactSnapshot): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, structure, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'invite')`,
  ).run(id, meetingId, c.id, c.partner_id, c.civility, [c.first_name, c.last_name].filter(Boolean).join(' '), c.role, c.partner_name);
  return id;
}

/** Invites the titulaires who sit at this meeting on its day and are not invited yet (a suppléant comes in their stead, or is added by hand). */
export function insertMissingMembers(db: Db, meetingId: string, at: string): number {
  const row = meetingRow(db, meetingId);
  const kind = row.kind as MeetingKind;
  const invited = new Set(db.prepare('SELECT contact_id FROM meeting_attendees WHERE meeting_id = ? AND contact_id IS NOT NULL').pluck().all(meetingId) as string[]);
  const find = db.prepare(`${CONTACT_SNAPSHOT_SQL} WHERE c.id = ?`);
  let added = 0;
  for (const m of membershipsOn(db, meetingDay(row))) {
    if (!m.contactId || m.role !== 'titulaire' || invited.has(m.contactId) || !sitsAt(kind, m)) continue;
    const c = find.get(m.contactId) as ContactSnapshot;
    const id = insertAttendeeFromContact(db, meetingId, c);
    invited.add(m.contactId);
    recordChange(db, at, 'meeting_attendee', id, 'create', null, { meetingId, contactId: c.id, name: [c.first_name, c.last_name].filter(Boolean).join(' '), structure: c.partner_name });
    added++;
  }
  return added;
}

export function inviteMembers(db: Db, meetingId: string, now: Date): MeetingDetail {
  return db.transaction(() => {
    meetingRow(db, meetingId);
    const added = insertMissingMembers(db, meetingId, now.toISOString());
    if (added > 0) recordChange(db, now.toISOString(), 'meeting', meetingId, 'update', null, { membersInvited: added });
    return getMeeting(db, meetingId);
  })();
}

export function inviteContacts(db: Db, input: z.output<typeof addContacts>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const row = meetingRow(db, input.meetingId);
    const already = new Set(
      db.prepare('SELECT contact_id FROM meeting_attendees WHERE meeting_id = ? AND contact_id IS NOT NULL').pluck().all(input.meetingId) as string[],
    );
    const find = db.prepare(`${CONTACT_SNAPSHOT_SQL} WHERE c.id = ?`);
    for (const contactId of new Set(input.contactIds)) {
      if (already.has(contactId)) continue;
      const contact = find.get(contactId) as ContactSnapshot | undefined;
      if (!contact) throw new ApiError('not_found', 'Un des contacts choisis n’existe plus : rechargez la liste.');
      // A member whose seat does not sit here is not invited as someone else: the rule follows the seat.
      const membership = membershipOf(db, contactId, meetingDay(row));
      const why = membership && whyNotSitting(row.kind as MeetingKind, membership);
      if (why) throw new ApiError('conflict', `${[contact.civility, contact.first_name, contact.last_name].filter(Boolean).join(' ')} (${contact.partner_name}) ${why}.`);
      const id = insertAttendeeFromContact(db, input.meetingId, contact);
      recordChange(db, at, 'meeting_attendee', id, 'create', null, { meetingId: input.meetingId, contactId });
    }
    return getMeeting(db, input.meetingId);
  })();
}

export function invitePerson(db: Db, input: z.output<typeof addPerson>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    meetingRow(db, input.meetingId);
    const structure =
      input.structure ?? (input.partnerId ? ((db.prepare('SELECT name FROM partners WHERE id = ?').pluck().get(input.partnerId) as string | undefined) ?? null) : null);
    const id = randomUUID();
    db.prepare(`INSERT INTO meeting_attendees (id, meeting_id, partner_id, civility, name, role, structure, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'invite')`).run(
      id,
      input.meetingId,
      input.partnerId,
      input.civility,
      input.name,
      input.role,
      structure,
    );
    recordChange(db, at, 'meeting_attendee', id, 'create', null, { ...input, structure });
    return getMeeting(db, input.meetingId);
  })();
}

/**
 * Records a person's attendance. Only a member who sits here is replaced by their suppléant or gives a
 * mandate (R. 133-3, R. 133-9); the mandate goes to another member who sits and attends, and nobody
 * holds more than one.
 */
export function markAttendance(db: Db, input: z.output<typeof setAttendance>, now: Date): MeetingDetail {
  return db.transaction(() => {
    const meetingId = meetingOf(db, 'meeting_attendees', input.id, 'Cette personne ne figure plus parmi les invités.');
    const { attendees } = sittingOf(db, meetingRow(db, meetingId));
    const self = attendees.find((a) => a.id === input.id)!;
    if ((input.status === 'mandat' || input.status === 'supplee') && !self.sits) {
      throw new ApiError('validation', 'Seul un membre qui siège à cette séance peut se faire représenter par son suppléant ou donner mandat.');
    }
    if (input.status === 'supplee' && self.memberRole === 'suppleant') throw new ApiError('validation', 'Un suppléant ne se fait pas lui-même suppléer : il peut donner mandat à un autre membre.');
    if (input.status === 'mandat') {
      const holder = attendees.find((a) => a.id === input.mandateTo);
      if (!holder || input.mandateTo === input.id) throw new ApiError('validation', 'Le mandat se donne à un autre membre invité à cette séance.');
      if (!holder.sits) throw new ApiError('validation', 'Le mandat ne peut être donné qu’à un membre qui siège à cette séance.');
      if (holder.status !== 'present' && holder.status !== 'distance' && holder.status !== 'invite') throw new ApiError('validation', 'Ce membre n’assiste pas à la séance : il ne peut pas recevoir de mandat.');
      if (attendees.some((a) => a.id !== input.id && a.status === 'mandat' && a.mandateTo === input.mandateTo)) {
        throw new ApiError('validation', 'Ce membre détient déjà un mandat : nul ne peut en détenir plus d’un.');
      }
    }
    if (input.status !== 'present' && input.status !== 'distance' && input.status !== 'invite' && attendees.some((a) => a.status === 'mandat' && a.mandateTo === input.id)) {
      // Whoever no longer attends hands back the mandate they held.
      throw new ApiError('validation', 'Cette personne détient le mandat d’un autre membre : changez d’abord la présence de ce membre.');
    }
    db.prepare('UPDATE meeting_attendees SET status = ?, represented_by = ?, mandate_to = ? WHERE id = ?').run(input.status, input.representedBy, input.mandateTo, input.id);
    const after = { status: input.status, representedBy: input.representedBy, mandateTo: input.mandateTo };
    recordChange(db, now.toISOString(), 'meeting_attendee', input.id, 'update', { status: self.status, representedBy: self.representedBy, mandateTo: self.mandateTo }, after);
    return getMeeting(db, meetingId);
  })();
}

export function removeAttendee(db: Db, id: string, now: Date): MeetingDetail {
  return db.transaction(() => {
    const meetingId = meetingOf(db, 'meeting_attendees', id, 'Cette personne ne figure plus parmi les invités.');
    const before = db.prepare('SELECT * FROM meeting_attendees WHERE id = ?').get(id);
    db.prepare('DELETE FROM meeting_attendees WHERE id = ?').run(id);
    recordChange(db, now.toISOString(), 'meeting_attendee', id, 'delete', before, null);
    return getMeeting(db, meetingId);
  })();
}
