/**
 * Reading a session: its row, its attendees, agenda, decisions and follow-ups as one MeetingDetail, and the
 * list of sessions. Every writer of the other modules returns getMeeting's answer, so the page redraws from it.
 */
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { meetingKinds, type AttendanceStatus, type FollowUpStatus, type MeetingKind, type PartnerType } from '../../../shared/labels';
import type { AgendaItem, AgendaItemKind, AgendaLink, Attendee, Decision, FollowUp, Meeting, MeetingDetail, MeetingListItem, MeetingFile } from '../../../shared/model/meetings';
import { computeQuorum, meetingRules } from '../../../shared/meeting-rules';
import { splitWallClock } from '../../../shared/wallclock';
import { lowerFirst } from '../../../shared/text';
import type { Db } from '../../db/connection';

export type MeetingRow = {
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

export function toMeeting(r: MeetingRow): Meeting {
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

export const LIST_SQL = `
  SELECT m.*,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) AS invited_count,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.status = 'present') AS present_count,
    (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id) AS agenda_count,
    (SELECT count(*) FROM decisions d WHERE d.meeting_id = m.id) AS decisions_count,
    (SELECT count(*) FROM follow_ups f WHERE f.meeting_id = m.id AND f.status <> 'close') AS open_follow_ups_count
  FROM meetings m`;

export type ListRow = MeetingRow & {
  invited_count: number;
  present_count: number;
  agenda_count: number;
  decisions_count: number;
  open_follow_ups_count: number;
};

export function toListItem(r: ListRow): MeetingListItem {
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

export function meetingRow(db: Db, id: string): MeetingRow {
  const row = db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette séance n’existe plus : elle a peut-être été supprimée.');
  return row;
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

export type FollowUpRow = {
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

export const FOLLOW_UP_SQL = `
  SELECT f.id, f.meeting_id, m.kind AS meeting_kind, m.starts_at AS meeting_starts_at, f.decision_id, f.text,
         f.owner_partner_id, p.name AS owner_partner_name, f.owner_name, f.due_on, f.status, f.closed_on
  FROM follow_ups f JOIN meetings m ON m.id = f.meeting_id LEFT JOIN partners p ON p.id = f.owner_partner_id`;

export function toFollowUp(r: FollowUpRow): FollowUp {
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

export function followUpById(db: Db, id: string): FollowUp {
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

export function sessionName(kind: MeetingKind, startsAt: string): string {
  return `${lowerFirst(meetingKinds.labels[kind])} du ${formatDate(splitWallClock(startsAt).date)}`;
}

export function meetingOf(db: Db, table: 'meeting_attendees' | 'agenda_items' | 'decisions' | 'follow_ups', id: string, missing: string): string {
  const meetingId = db.prepare(`SELECT meeting_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;
  if (!meetingId) throw new ApiError('not_found', missing);
  return meetingId;
}
