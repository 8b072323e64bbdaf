import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { childProtectionPartnerTypes, meetingKinds, partnerTypes, type AttendanceStatus, type FollowUpStatus, type MeetingKind, type PartnerType } from '../../../shared/labels';
import type {
  AgendaItem,
  AgendaItemKind,
  AgendaLink,
  Attendee,
  Decision,
  FollowUp,
  Meeting,
  MeetingDetail,
  MeetingUpdate,
  MeetingListItem,
  MeetingFile,
  MeetingOptions,
  SessionsDashboard,
} from '../../../shared/model/meetings';
import type {
  addContacts,
  addPerson,
  agendaItemFields,
  agendaItemUpdate,
  decisionFields,
  decisionUpdate,
  followUpFields,
  followUpUpdate,
  meetingCreate,
  meetingUpdate,
  setAttendance,
} from '../../../shared/schemas/meetings';
import { computeQuorum, meetingRules } from '../../../shared/meeting-rules';
import { addDays, parisToday, parisWallClock, splitWallClock } from '../../../shared/wallclock';
import { lowerFirst } from '../../../shared/text';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';

type MeetingRow = {
  id: string;
  kind: string;
  title: string | null;
  starts_at: string;
  ends_at: string | null;
  place: string | null;
  video_link: string | null;
  chair: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  signs_by_delegation: number | null;
  next_meeting_note: string | null;
  notes: string | null;
  members_commission: number | null;
  members_restreinte: number | null;
  created_at: string;
  updated_at: string;
};

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    kind: r.kind as MeetingKind,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    videoLink: r.video_link,
    chair: r.chair,
    signatoryName: r.signatory_name,
    signatoryTitle: r.signatory_title,
    signsByDelegation: r.signs_by_delegation === null ? null : r.signs_by_delegation === 1,
    nextMeetingNote: r.next_meeting_note,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const LIST_SQL = `
  SELECT m.*,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) AS invited_count,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.status = 'present') AS present_count,
    (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id) AS agenda_count,
    (SELECT count(*) FROM decisions d WHERE d.meeting_id = m.id) AS decisions_count,
    (SELECT count(*) FROM follow_ups f WHERE f.meeting_id = m.id AND f.status <> 'close') AS open_follow_ups_count
  FROM meetings m`;

type ListRow = MeetingRow & {
  invited_count: number;
  present_count: number;
  agenda_count: number;
  decisions_count: number;
  open_follow_ups_count: number;
};

function toListItem(r: ListRow): MeetingListItem {
  return {
    ...toMeeting(r),
    invitedCount: r.invited_count,
    presentCount: r.present_count,
    agendaCount: r.agenda_count,
    decisionsCount: r.decisions_count,
    openFollowUpsCount: r.open_follow_ups_count,
  };
}

/** Most recent first: the secretary works on the next session or the last one. */
export function listMeetings(db: Db): MeetingListItem[] {
  return (db.prepare(`${LIST_SQL} ORDER BY m.starts_at DESC`).all() as ListRow[]).map(toListItem);
}

function meetingRow(db: Db, id: string): MeetingRow {
  const row = db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette séance n’existe plus : elle a peut-être été supprimée.');
  return row;
}

/** « latest »: the most recent session already begun, or else the first one to come. */
export function resolveMeetingId(db: Db, idOrLatest: string, now: Date): string {
  if (idOrLatest !== 'latest') return meetingRow(db, idOrLatest).id;
  const id =
    (db.prepare('SELECT id FROM meetings WHERE starts_at <= ? ORDER BY starts_at DESC LIMIT 1').pluck().get(parisWallClock(now)) as string | undefined) ??
    (db.prepare('SELECT id FROM meetings ORDER BY starts_at LIMIT 1').pluck().get() as string | undefined);
  if (!id) throw new ApiError('not_found', 'Cette commission n’a encore aucune séance.');
  return id;
}

type AttendeeRow = {
  id: string;
  meeting_id: string;
  contact_id: string | null;
  partner_id: string | null;
  civility: string | null;
  name: string;
  role: string | null;
  structure: string | null;
  status: string;
  represented_by: string | null;
  mandate_to: string | null;
  mandate_to_name: string | null;
  is_member: number;
  member_role: string | null;
  restricted_member: number | null;
  address: string | null;
  partner_type: string | null;
};

function toAttendee(r: AttendeeRow): Attendee {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    contactId: r.contact_id,
    partnerId: r.partner_id,
    civility: r.civility as Attendee['civility'],
    name: r.name,
    role: r.role,
    structure: r.structure,
    status: r.status as AttendanceStatus,
    representedBy: r.represented_by,
    mandateTo: r.mandate_to,
    mandateToName: r.mandate_to_name,
    isMember: r.is_member === 1,
    memberRole: r.member_role as Attendee['memberRole'],
    restrictedMember: r.restricted_member === 1,
    address: r.address,
    partnerType: r.partner_type as PartnerType | null,
  };
}

type FollowUpRow = {
  id: string;
  meeting_id: string;
  meeting_kind: string;
  meeting_starts_at: string;
  decision_id: string | null;
  text: string;
  owner_partner_id: string | null;
  owner_partner_name: string | null;
  owner_name: string | null;
  due_on: string | null;
  status: string;
  closed_on: string | null;
};

const FOLLOW_UP_SQL = `
  SELECT f.id, f.meeting_id, m.kind AS meeting_kind, m.starts_at AS meeting_starts_at, f.decision_id, f.text,
         f.owner_partner_id, p.name AS owner_partner_name, f.owner_name, f.due_on, f.status, f.closed_on
  FROM follow_ups f JOIN meetings m ON m.id = f.meeting_id LEFT JOIN partners p ON p.id = f.owner_partner_id`;

function toFollowUp(r: FollowUpRow): FollowUp {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    meetingKind: r.meeting_kind as MeetingKind,
    meetingStartsAt: r.meeting_starts_at,
    decisionId: r.decision_id,
    text: r.text,
    ownerPartnerId: r.owner_partner_id,
    ownerPartnerName: r.owner_partner_name,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    status: r.status as FollowUpStatus,
    closedOn: r.closed_on,
  };
}

function followUpById(db: Db, id: string): FollowUp {
  const row = db.prepare(`${FOLLOW_UP_SQL} WHERE f.id = ?`).get(id) as FollowUpRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette suite à donner n’existe plus.');
  return toFollowUp(row);
}

/**
 * Titulaires composing the commission, or the formation restreinte: as recorded when the session was
 * held (see recordCompositions), or today's for a session not held yet.
 */
function composition(db: Db, row: MeetingRow): number {
  const restricted = meetingRules(row.kind as MeetingKind).composition === 'restreinte';
  const recorded = restricted ? row.members_restreinte : row.members_commission;
  if (recorded !== null) return recorded;
  return db.prepare(`SELECT count(*) FROM contacts WHERE is_member = 1 AND member_role = 'titulaire'${restricted ? ' AND restricted_member = 1' : ''}`).pluck().get() as number;
}

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

// A session that recorded its membership reads it; one not held yet reads today's.
const ATTENDEES_SQL = `
  SELECT a.*,
         CASE WHEN m.members_commission IS NULL THEN c.member_role ELSE a.member_role END AS member_role,
         CASE WHEN m.members_commission IS NULL THEN c.restricted_member ELSE a.restricted_member END AS restricted_member,
         h.name AS mandate_to_name, p.type AS partner_type,
         nullif(trim(coalesce(p.address, '') || char(10) || trim(coalesce(p.postcode, '') || ' ' || coalesce(p.commune, ''))), '') AS address
  FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN contacts c ON c.id = a.contact_id LEFT JOIN meeting_attendees h ON h.id = a.mandate_to
  LEFT JOIN partners p ON p.id = a.partner_id
  WHERE a.meeting_id = ? ORDER BY a.is_member DESC, a.structure COLLATE NOCASE, a.name COLLATE NOCASE`;

export function getMeeting(db: Db, id: string): MeetingDetail {
  const row = meetingRow(db, id);
  const meeting = toMeeting(row);
  const attendees = (db.prepare(ATTENDEES_SQL).all(id) as AttendeeRow[]).map(toAttendee);

  const linkRows = db
    .prepare(
      `SELECT l.agenda_item_id, l.action_id, l.protocol_id,
              coalesce(a.code || ' – ', '') || a.title AS action_label, p.title AS protocol_label
       FROM agenda_item_links l JOIN agenda_items i ON i.id = l.agenda_item_id
       LEFT JOIN actions a ON a.id = l.action_id LEFT JOIN protocols p ON p.id = l.protocol_id
       WHERE i.meeting_id = ? ORDER BY l.rowid`,
    )
    .all(id) as { agenda_item_id: string; action_id: string | null; protocol_id: string | null; action_label: string | null; protocol_label: string | null }[];
  const links = new Map<string, AgendaLink[]>();
  for (const l of linkRows) {
    const link: AgendaLink = l.action_id
      ? { kind: 'action', id: l.action_id, label: l.action_label ?? '' }
      : { kind: 'protocol', id: l.protocol_id!, label: l.protocol_label ?? '' };
    links.set(l.agenda_item_id, [...(links.get(l.agenda_item_id) ?? []), link]);
  }
  const agenda: AgendaItem[] = (
    db.prepare('SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position').all(id) as {
      id: string;
      position: number;
      kind: string;
      title: string;
      presenter: string | null;
      duration_min: number | null;
      notes: string | null;
      approves_meeting_id: string | null;
    }[]
  ).map((r) => ({
    id: r.id,
    position: r.position,
    kind: r.kind as AgendaItemKind,
    title: r.title,
    presenter: r.presenter,
    durationMin: r.duration_min,
    notes: r.notes,
    links: links.get(r.id) ?? [],
    approvesMeetingId: r.approves_meeting_id,
  }));

  const decisions: Decision[] = (
    db
      .prepare(
        `SELECT d.id, d.agenda_item_id, d.text, d.action_id, coalesce(a.code || ' – ', '') || a.title AS action_label, d.journal_entry_id, d.position
         FROM decisions d LEFT JOIN actions a ON a.id = d.action_id WHERE d.meeting_id = ? ORDER BY d.position, d.created_at`,
      )
      .all(id) as { id: string; agenda_item_id: string | null; text: string; action_id: string | null; action_label: string | null; journal_entry_id: string | null; position: number }[]
  ).map((r) => ({
    id: r.id,
    agendaItemId: r.agenda_item_id,
    text: r.text,
    actionId: r.action_id,
    actionLabel: r.action_label,
    journalEntryId: r.journal_entry_id,
    position: r.position,
  }));

  const followUps = (db.prepare(`${FOLLOW_UP_SQL} WHERE f.meeting_id = ? ORDER BY f.created_at, f.rowid`).all(id) as FollowUpRow[]).map(toFollowUp);
  const day = meeting.startsAt.slice(0, 10);
  const earlierFollowUps = (
    db
      .prepare(`${FOLLOW_UP_SQL} WHERE m.starts_at < ? AND (f.status <> 'close' OR f.closed_on >= ?) ORDER BY m.starts_at, f.created_at, f.rowid`)
      .all(meeting.startsAt, day) as FollowUpRow[]
  ).map(toFollowUp);

  const neighbour = (sql: string) => {
    const r = db.prepare(sql).get(meeting.startsAt, id) as { id: string; kind: string; starts_at: string } | undefined;
    return r ? { id: r.id, kind: r.kind as MeetingKind, startsAt: r.starts_at } : null;
  };
  return {
    ...meeting,
    attendees,
    agenda,
    decisions,
    followUps,
    earlierFollowUps,
    previous: neighbour('SELECT id, kind, starts_at FROM meetings WHERE starts_at < ? AND id <> ? ORDER BY starts_at DESC LIMIT 1'),
    next: neighbour('SELECT id, kind, starts_at FROM meetings WHERE starts_at > ? AND id <> ? ORDER BY starts_at LIMIT 1'),
    quorum: computeQuorum(meeting.kind, composition(db, row), attendees),
    files: db.prepare('SELECT id, title, file_name AS fileName FROM meeting_files WHERE meeting_id = ? ORDER BY position, created_at').all(id) as MeetingFile[],
    approval: approvalOf(db, id),
  };
}

/** The first later session that recorded a decision on the item approving these minutes. */
function approvalOf(db: Db, meetingId: string): MeetingDetail['approval'] {
  const row = db
    .prepare(
      `SELECT m.id, m.starts_at FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
       WHERE i.approves_meeting_id = ? AND EXISTS (SELECT 1 FROM decisions d WHERE d.agenda_item_id = i.id) ORDER BY m.starts_at LIMIT 1`,
    )
    .get(meetingId) as { id: string; starts_at: string } | undefined;
  return row ? { on: row.starts_at.slice(0, 10), meetingId: row.id } : null;
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

function sessionName(kind: MeetingKind, startsAt: string): string {
  return `${lowerFirst(meetingKinds.labels[kind])} du ${formatDate(splitWallClock(startsAt).date)}`;
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

/**
 * A session that becomes an examining meeting loses its child-protection invitees, who by rule do
 * not attend it (a mandate one of them held goes back to « invité »). Returns their names.
 */
function removeChildProtection(db: Db, meetingId: string, at: string): string[] {
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

/** Deletes a session with everything recorded in it; journal entries its decisions wrote stay in the fiches actions. */
export function deleteMeeting(db: Db, id: string, now: Date): { id: string } {
  return db.transaction(() => {
    const before = getMeeting(db, id);
    db.prepare('DELETE FROM meetings WHERE id = ?').run(id);
    recordChange(db, now.toISOString(), 'meeting', id, 'delete', before, null);
    return { id };
  })();
}

// Attendees

function meetingOf(db: Db, table: 'meeting_attendees' | 'agenda_items' | 'decisions' | 'follow_ups', id: string, missing: string): string {
  const meetingId = db.prepare(`SELECT meeting_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;
  if (!meetingId) throw new ApiError('not_found', missing);
  return meetingId;
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
function excludesChildProtection(db: Db, meetingId: string): boolean {
  return db.prepare('SELECT kind FROM meetings WHERE id = ?').pluck().get(meetingId) === 'examen_parcours';
}

const CHILD_PROTECTION_TYPES = childProtectionPartnerTypes.map((t) => `'${t}'`).join(', ');

function insertMissingMembers(db: Db, meetingId: string, at: string): number {
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

// Agenda

function insertAgendaItem(db: Db, meetingId: string, kind: AgendaItemKind, title: string, at: string, fields: Partial<{ presenter: string | null; durationMin: number | null; notes: string | null }> = {}): string {
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

function agendaSnapshot(db: Db, id: string): unknown {
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

function decisionRow(db: Db, id: string): DecisionRow {
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

// Follow-ups

function assertDecisionOfMeeting(db: Db, decisionId: string | null, meetingId: string): void {
  if (decisionId !== null && decisionRow(db, decisionId).meeting_id !== meetingId) throw new ApiError('validation', 'Cette décision n’appartient pas à cette séance.');
}

function assertPartner(db: Db, partnerId: string | null): void {
  if (partnerId !== null && !db.prepare('SELECT 1 FROM partners WHERE id = ?').get(partnerId))
    throw new ApiError('not_found', 'Cette structure n’existe plus : elle a peut-être été supprimée.');
}

function closedOn(status: FollowUpStatus, previous: string | null, now: Date): string | null {
  return status === 'close' ? (previous ?? parisToday(now)) : null;
}

export function createFollowUp(db: Db, input: z.output<typeof followUpFields>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    meetingRow(db, input.meetingId);
    assertDecisionOfMeeting(db, input.decisionId, input.meetingId);
    assertPartner(db, input.ownerPartnerId);
    const id = randomUUID();
    db.prepare(
      `INSERT INTO follow_ups (id, meeting_id, decision_id, text, owner_partner_id, owner_name, due_on, status, closed_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.meetingId, input.decisionId, input.text, input.ownerPartnerId, input.ownerName, input.dueOn, input.status, closedOn(input.status, null, now), at, at);
    recordChange(db, at, 'follow_up', id, 'create', null, followUpById(db, id));
    return getMeeting(db, input.meetingId);
  })();
}

export function updateFollowUp(db: Db, input: z.output<typeof followUpUpdate>, now: Date): MeetingDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = followUpById(db, input.id);
    assertDecisionOfMeeting(db, input.decisionId, before.meetingId);
    assertPartner(db, input.ownerPartnerId);
    db.prepare(
      'UPDATE follow_ups SET decision_id = ?, text = ?, owner_partner_id = ?, owner_name = ?, due_on = ?, status = ?, closed_on = ?, updated_at = ? WHERE id = ?',
    ).run(input.decisionId, input.text, input.ownerPartnerId, input.ownerName, input.dueOn, input.status, closedOn(input.status, before.closedOn, now), at, input.id);
    recordChange(db, at, 'follow_up', input.id, 'update', before, followUpById(db, input.id));
    return getMeeting(db, before.meetingId);
  })();
}

export function setFollowUpStatus(db: Db, input: { id: string; status: FollowUpStatus }, now: Date): FollowUp {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = followUpById(db, input.id);
    db.prepare('UPDATE follow_ups SET status = ?, closed_on = ?, updated_at = ? WHERE id = ?').run(input.status, closedOn(input.status, before.closedOn, now), at, input.id);
    const after = followUpById(db, input.id);
    recordChange(db, at, 'follow_up', input.id, 'update', before, after);
    return after;
  })();
}

export function deleteFollowUp(db: Db, id: string, now: Date): MeetingDetail {
  return db.transaction(() => {
    const before = followUpById(db, id);
    db.prepare('DELETE FROM follow_ups WHERE id = ?').run(id);
    recordChange(db, now.toISOString(), 'follow_up', id, 'delete', before, null);
    return getMeeting(db, before.meetingId);
  })();
}

const OPEN_ORDER = `ORDER BY f.due_on IS NULL, f.due_on, m.starts_at, f.created_at`;

export function partnerFollowUps(db: Db, partnerId: string): FollowUp[] {
  return (db.prepare(`${FOLLOW_UP_SQL} WHERE f.owner_partner_id = ? AND f.status <> 'close' ${OPEN_ORDER}`).all(partnerId) as FollowUpRow[]).map(toFollowUp);
}

/** Follow-ups due within this many days count as « bientôt dues ». */
export const DUE_SOON_DAYS = 14;
const DASHBOARD_FOLLOW_UPS = 12;

export function sessionsDashboard(db: Db, now: Date): SessionsDashboard {
  const today = parisToday(now);
  const soon = addDays(today, DUE_SOON_DAYS);
  const next = db.prepare(`${LIST_SQL} WHERE m.starts_at >= ? ORDER BY m.starts_at LIMIT 1`).get(parisWallClock(now)) as ListRow | undefined;
  const open = (db.prepare(`${FOLLOW_UP_SQL} WHERE f.status <> 'close' ${OPEN_ORDER}`).all() as FollowUpRow[]).map((r) => {
    const f = toFollowUp(r);
    return { ...f, overdue: f.dueOn !== null && f.dueOn < today, dueSoon: f.dueOn !== null && f.dueOn >= today && f.dueOn <= soon };
  });
  return {
    next: next ? toListItem(next) : null,
    openFollowUps: open.filter((f) => f.overdue || f.dueSoon).slice(0, DASHBOARD_FOLLOW_UPS),
    overdueCount: open.filter((f) => f.overdue).length,
    dueSoonCount: open.filter((f) => f.dueSoon).length,
    openCount: open.length,
  };
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
