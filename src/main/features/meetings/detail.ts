/**
 * Reading a session: its row, its attendees, agenda, decisions and follow-ups as one MeetingDetail, and the
 * list of sessions. Every writer of the other modules returns getMeeting's answer, so the page redraws from it.
 */
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { meetingKinds, type AttendanceStatus, type FollowUpStatus, type MeetingKind, type PartnerType } from '../../../shared/labels';
import type { AgendaItem, AgendaItemKind, AgendaLink, Attendee, Decision, FollowUp, Meeting, MeetingDetail, MeetingListItem, MeetingFile } from '../../../shared/model/meetings';
import { computeQuorum, sitsAt } from '../../../shared/meeting-rules';
import { splitWallClock } from '../../../shared/wallclock';
import { lowerFirst } from '../../../shared/text';
import type { Db } from '../../db/connection';
import { membershipById, membershipsOn, seatsComposing, type Membership } from '../composition/sitting';
import { sortFrench } from '../../../shared/search';

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
  second_convocation_of: string | null;
  minutes_signed_on: string | null;
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
    secondConvocationOf: r.second_convocation_of,
    minutesSignedOn: r.minutes_signed_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const LIST_SQL = `
  SELECT m.*,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) AS invited_count,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.status IN ('present', 'distance')) AS present_count,
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
  seat_member_id: string | null;
  address: string | null;
  partner_type: string | null;
};

function toAttendee(r: AttendeeRow, m: Membership | null, kind: MeetingKind): Attendee {
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
    isMember: m !== null,
    memberRole: m?.role ?? null,
    seatId: m?.seatId ?? null,
    seatTitle: m?.title ?? null,
    college: m?.college ?? null,
    sits: m !== null && sitsAt(kind, m),
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

const ATTENDEES_SQL = `
  SELECT a.*, h.name AS mandate_to_name, p.type AS partner_type,
         nullif(trim(coalesce(p.address, '') || char(10) || trim(coalesce(p.postcode, '') || ' ' || coalesce(p.commune, ''))), '') AS address
  FROM meeting_attendees a LEFT JOIN meeting_attendees h ON h.id = a.mandate_to LEFT JOIN partners p ON p.id = a.partner_id
  WHERE a.meeting_id = ?`;

/** The day of a meeting, on which its members are read. */
export const meetingDay = (row: Pick<MeetingRow, 'starts_at'>) => row.starts_at.slice(0, 10);

/**
 * The invitees of a meeting with the seat each held on its day (an attendance frozen on an appointment
 * when its contact went keeps it), members first, and the seats composing the commission that day.
 */
export function sittingOf(db: Db, row: MeetingRow): { attendees: Attendee[]; memberships: Membership[] } {
  const memberships = membershipsOn(db, meetingDay(row));
  const byContact = new Map(memberships.filter((m) => m.contactId !== null).map((m) => [m.contactId!, m]));
  const kind = row.kind as MeetingKind;
  const attendees = (db.prepare(ATTENDEES_SQL).all(row.id) as AttendeeRow[]).map((r) =>
    toAttendee(r, r.seat_member_id ? membershipById(db, r.seat_member_id) : r.contact_id ? (byContact.get(r.contact_id) ?? null) : null, kind),
  );
  // Members first, then by structure and name, as the attendance sheet and the minutes list them.
  return { attendees: sortFrench(attendees, (a) => [a.isMember ? 0 : 1, a.structure, a.name]), memberships };
}

export function getMeeting(db: Db, id: string): MeetingDetail {
  const row = meetingRow(db, id);
  const meeting = toMeeting(row);
  const { attendees, memberships } = sittingOf(db, row);

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
    quorum: computeQuorum(meeting.kind, { waived: row.second_convocation_of !== null, seats: seatsComposing(memberships), attendees }),
    files: db.prepare('SELECT id, title, file_name AS fileName FROM meeting_files WHERE meeting_id = ? ORDER BY position, created_at').all(id) as MeetingFile[],
    approval: approvalOf(db, row),
    firstConvocation: row.second_convocation_of ? neighbourById(db, row.second_convocation_of) : null,
    reconvenedAs: (db.prepare('SELECT id, starts_at AS startsAt FROM meetings WHERE second_convocation_of = ? ORDER BY starts_at LIMIT 1').get(id) ?? null) as MeetingDetail['reconvenedAs'],
    minorsSituations: (db.prepare('SELECT minors_situations FROM meeting_parcours WHERE meeting_id = ?').pluck().get(id) as number | undefined) ?? 0,
  };
}

function neighbourById(db: Db, id: string): { id: string; startsAt: string } | null {
  return (db.prepare('SELECT id, starts_at AS startsAt FROM meetings WHERE id = ?').get(id) ?? null) as { id: string; startsAt: string } | null;
}

/**
 * The minutes are approved by the first later session that recorded a decision on the item approving
 * them, or by the chair's signature, whichever came first.
 */
function approvalOf(db: Db, meeting: MeetingRow): MeetingDetail['approval'] {
  const row = db
    .prepare(
      `SELECT m.id, m.starts_at FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
       WHERE i.approves_meeting_id = ? AND EXISTS (SELECT 1 FROM decisions d WHERE d.agenda_item_id = i.id) ORDER BY m.starts_at LIMIT 1`,
    )
    .get(meeting.id) as { id: string; starts_at: string } | undefined;
  const byMeeting = row ? { on: row.starts_at.slice(0, 10), meetingId: row.id } : null;
  const signed = meeting.minutes_signed_on;
  if (signed && (!byMeeting || signed < byMeeting.on)) return { on: signed, meetingId: null };
  return byMeeting;
}

export function sessionName(kind: MeetingKind, startsAt: string): string {
  return `${lowerFirst(meetingKinds.labels[kind])} du ${formatDate(splitWallClock(startsAt).date)}`;
}

export function meetingOf(db: Db, table: 'meeting_attendees' | 'agenda_items' | 'decisions' | 'follow_ups', id: string, missing: string): string {
  const meetingId = db.prepare(`SELECT meeting_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;
  if (!meetingId) throw new ApiError('not_found', missing);
  return meetingId;
}
