/**
 * Who is invited to a session and how they attend (présent, excusé, suppléé, mandat…), with the rules on
 * mandates, and the membership each session records once held (its quorum stays the one of its day).
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { childProtectionPartnerTypes, partnerTypes, type PartnerType } from '../../../shared/labels';
import type { MeetingDetail } from '../../../shared/model/meetings';
import type { addContacts, addPerson, setAttendance } from '../../../shared/schemas/meetings';
import { parisWallClock } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { getMeeting, meetingOf, meetingRow } from './detail';

/**
 * Records the membership of every session already begun that has not recorded it yet: the number of
 * titulaires of the commission and of the formation restreinte, and the membership of each invited
 * contact. Called before any change of the membership, so that a session's quorum stays the one of
 * the members composing the commission when it was held.
 */
export function recordCompositions(db: Db, now: Date): void {
  const wallClock = parisWallClock(now);
  const pending = db.prepare('SELECT id FROM meetings WHERE members_commission IS NULL AND starts_at <= ?').pluck().all(wallClock) as string[];
  if (pending.length === 0) return;
  const count = (restricted: string) => db.prepare(`SELECT count(*) FROM contacts WHERE is_member = 1 AND member_role = 'titulaire'${restricted}`).pluck().get() as number;
  const commission = count('');
  const restreinte = count(' AND restricted_member = 1');
  const attendees = db.prepare(
    `UPDATE meeting_attendees SET
       member_role = (SELECT c.member_role FROM contacts c WHERE c.id = meeting_attendees.contact_id),
       restricted_member = coalesce((SELECT c.restricted_member FROM contacts c WHERE c.id = meeting_attendees.contact_id), 0)
     WHERE meeting_id = ?`,
  );
  const meeting = db.prepare('UPDATE meetings SET members_commission = ?, members_restreinte = ? WHERE id = ?');
  for (const id of pending) {
    attendees.run(id);
    meeting.run(commission, restreinte, id);
  }
}

/**
 * A session that becomes an examining meeting loses its child-protection invitees, who by rule do
 * not attend it (a mandate one of them held goes back to « invité »). Returns their names.
 */
export function removeChildProtection(db: Db, meetingId: string, at: string): string[] {
  const removed = db
    .prepare(
      `SELECT a.id, a.name, a.structure, a.status FROM meeting_attendees a JOIN partners p ON p.id = a.partner_id
       WHERE a.meeting_id = ? AND p.type IN (${CHILD_PROTECTION_TYPES}) ORDER BY a.sort_order, a.name`,
    )
    .all(meetingId) as { id: string; name: string; structure: string | null; status: string }[];
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
  is_member: number;
  member_role: string | null;
  restricted_member: number;
  partner_name: string;
};

function insertAttendeeFromContact(db: Db, meetingId: string, c: ContactSnapshot): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, structure, status, is_member, member_role, restricted_member)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'invite', ?, ?, ?)`,
  ).run(id, meetingId, c.id, c.partner_id, c.civility, [c.first_name, c.last_name].filter(Boolean).join(' '), c.role, c.partner_name, c.is_member, c.member_role, c.restricted_member);
  return id;
}

const CONTACT_SNAPSHOT_SQL = `SELECT c.id, c.partner_id, c.civility, c.first_name, c.last_name, c.role, c.is_member, c.member_role, c.restricted_member, p.name AS partner_name
  FROM contacts c JOIN partners p ON p.id = c.partner_id`;

/** Child-protection members do not attend the examination of parcours de sortie requests. */
export function excludesChildProtection(db: Db, meetingId: string): boolean {
  return db.prepare('SELECT kind FROM meetings WHERE id = ?').pluck().get(meetingId) === 'examen_parcours';
}

const CHILD_PROTECTION_TYPES = childProtectionPartnerTypes.map((t) => `'${t}'`).join(', ');

export function insertMissingMembers(db: Db, meetingId: string, at: string): number {
  const excluded = excludesChildProtection(db, meetingId) ? ` AND p.type NOT IN (${CHILD_PROTECTION_TYPES})` : '';
  const members = db
    .prepare(`${CONTACT_SNAPSHOT_SQL} WHERE c.is_member = 1${excluded} AND c.id NOT IN (SELECT contact_id FROM meeting_attendees WHERE meeting_id = ? AND contact_id IS NOT NULL)`)
    .all(meetingId) as ContactSnapshot[];
  for (const c of members) {
    const id = insertAttendeeFromContact(db, meetingId, c);
    recordChange(db, at, 'meeting_attendee', id, 'create', null, { meetingId, contactId: c.id, name: [c.first_name, c.last_name].filter(Boolean).join(' '), structure: c.partner_name });
  }
  return members.length;
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
    meetingRow(db, input.meetingId);
    const already = new Set(
      db.prepare('SELECT contact_id FROM meeting_attendees WHERE meeting_id = ? AND contact_id IS NOT NULL').pluck().all(input.meetingId) as string[],
    );
    const find = db.prepare(`${CONTACT_SNAPSHOT_SQL} WHERE c.id = ?`);
    for (const contactId of new Set(input.contactIds)) {
      if (already.has(contactId)) continue;
      const contact = find.get(contactId) as ContactSnapshot | undefined;
      if (!contact) throw new ApiError('not_found', 'Un des contacts choisis n’existe plus : rechargez la liste.');
      const type = db.prepare('SELECT type FROM partners WHERE id = ?').pluck().get(contact.partner_id) as PartnerType;
      if (excludesChildProtection(db, input.meetingId) && childProtectionPartnerTypes.includes(type)) {
        throw new ApiError(
          'conflict',
          `${contact.partner_name} (${partnerTypes.labels[type]}) siège pour les mineurs : ses membres n’assistent pas à l’examen des demandes de parcours de sortie.`,
        );
      }
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
    db.prepare(
      `INSERT INTO meeting_attendees (id, meeting_id, partner_id, civility, name, role, structure, status, is_member) VALUES (?, ?, ?, ?, ?, ?, ?, 'invite', 0)`,
    ).run(id, input.meetingId, input.partnerId, input.civility, input.name, input.role, structure);
    recordChange(db, at, 'meeting_attendee', id, 'create', null, { ...input, structure });
    return getMeeting(db, input.meetingId);
  })();
}

/**
 * Records a person's attendance. A mandate goes to another member of the same session who attends
 * it, and nobody holds more than one mandate (décret 2006-672, art. 12); only members give one.
 */
export function markAttendance(db: Db, input: z.output<typeof setAttendance>, now: Date): MeetingDetail {
  return db.transaction(() => {
    const meetingId = meetingOf(db, 'meeting_attendees', input.id, 'Cette personne ne figure plus parmi les invités.');
    const before = db.prepare('SELECT status, represented_by AS representedBy, mandate_to AS mandateTo, is_member FROM meeting_attendees WHERE id = ?').get(input.id) as {
      status: string;
      representedBy: string | null;
      mandateTo: string | null;
      is_member: number;
    };
    if (input.status === 'mandat' || input.status === 'supplee') {
      if (before.is_member !== 1) throw new ApiError('validation', 'Seul un membre de la commission peut se faire représenter par son suppléant ou donner mandat.');
    }
    if (input.status === 'mandat') {
      const holder = db.prepare('SELECT meeting_id, is_member, status FROM meeting_attendees WHERE id = ?').get(input.mandateTo) as
        | { meeting_id: string; is_member: number; status: string }
        | undefined;
      if (!holder || holder.meeting_id !== meetingId || input.mandateTo === input.id)
        throw new ApiError('validation', 'Le mandat se donne à un autre membre invité à cette séance.');
      if (holder.is_member !== 1) throw new ApiError('validation', 'Le mandat ne peut être donné qu’à un membre de la commission.');
      if (holder.status === 'mandat' || holder.status === 'excuse' || holder.status === 'absent' || holder.status === 'supplee')
        throw new ApiError('validation', 'Ce membre n’assiste pas à la séance : il ne peut pas recevoir de mandat.');
      const held = db.prepare("SELECT count(*) FROM meeting_attendees WHERE mandate_to = ? AND status = 'mandat' AND id <> ?").pluck().get(input.mandateTo, input.id) as number;
      if (held > 0) throw new ApiError('validation', 'Ce membre détient déjà un mandat : nul ne peut en détenir plus d’un.');
    }
    if (input.status !== 'present' && input.status !== 'invite') {
      // Whoever no longer attends hands back the mandates they held.
      const given = db.prepare("SELECT count(*) FROM meeting_attendees WHERE mandate_to = ? AND status = 'mandat'").pluck().get(input.id) as number;
      if (given > 0) throw new ApiError('validation', 'Cette personne détient le mandat d’un autre membre : changez d’abord la présence de ce membre.');
    }
    db.prepare('UPDATE meeting_attendees SET status = ?, represented_by = ?, mandate_to = ? WHERE id = ?').run(input.status, input.representedBy, input.mandateTo, input.id);
    const after = { status: input.status, representedBy: input.representedBy, mandateTo: input.mandateTo };
    recordChange(db, now.toISOString(), 'meeting_attendee', input.id, 'update', { status: before.status, representedBy: before.representedBy, mandateTo: before.mandateTo }, after);
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
