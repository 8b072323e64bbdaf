/**
 * Who holds which seat on a given day: the memberships every meeting reads to know its members, their
 * seats and titles, and the seats composing the body whose half makes the quorum.
 */
import type { College, MemberRole, SeatTitle } from '../../../shared/labels';
import type { SittingSeat } from '../../../shared/meeting-rules';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';

/** An appointment in force, with its seat. */
export interface Membership {
  memberId: string;
  contactId: string | null;
  role: MemberRole;
  seatId: string;
  seatLabel: string;
  title: SeatTitle;
  college: College;
  minorsCoordination: boolean;
}

interface MembershipRow {
  memberId: string;
  contactId: string | null;
  role: MemberRole;
  seatId: string;
  seatLabel: string;
  title: SeatTitle;
  college: College;
  minorsCoordination: number;
}

const MEMBERSHIP_COLUMNS = `m.id AS memberId, m.contact_id AS contactId, m.role, s.id AS seatId, s.label AS seatLabel, s.title, s.college, s.minors_coordination AS minorsCoordination`;

/** In force on `day`: from its first day (if known) until the day before its end. */
export const IN_FORCE = `(m.from_on IS NULL OR m.from_on <= @day) AND (m.to_on IS NULL OR m.to_on > @day)`;

const toMembership = (r: MembershipRow): Membership => ({ ...r, minorsCoordination: r.minorsCoordination === 1 });

/** Every appointment in force on `day` (YYYY-MM-DD). */
export function membershipsOn(db: Db, day: string): Membership[] {
  return (cachedStatement(db, `SELECT ${MEMBERSHIP_COLUMNS} FROM seat_members m JOIN seats s ON s.id = m.seat_id WHERE ${IN_FORCE} ORDER BY s.position, m.role DESC`).all({ day }) as MembershipRow[]).map(
    toMembership,
  );
}

/** One appointment by its id, whatever the day (an attendance frozen on it when its contact went). */
export function membershipById(db: Db, memberId: string): Membership | null {
  const row = cachedStatement(db, `SELECT ${MEMBERSHIP_COLUMNS} FROM seat_members m JOIN seats s ON s.id = m.seat_id WHERE m.id = ?`).get(memberId) as MembershipRow | undefined;
  return row ? toMembership(row) : null;
}

/** The appointment a contact holds on `day`, if any. */
export function membershipOf(db: Db, contactId: string, day: string): Membership | null {
  const row = cachedStatement(db, `SELECT ${MEMBERSHIP_COLUMNS} FROM seat_members m JOIN seats s ON s.id = m.seat_id WHERE m.contact_id = @contactId AND ${IN_FORCE}`).get({
    contactId,
    day,
  }) as MembershipRow | undefined;
  return row ? toMembership(row) : null;
}

/** The seats composing the commission on `day`: those a titulaire holds (a vacant seat composes nothing). */
export function seatsComposing(memberships: readonly Membership[]): (SittingSeat & { id: string })[] {
  const seats = new Map<string, SittingSeat & { id: string }>();
  for (const m of memberships) if (m.role === 'titulaire') seats.set(m.seatId, { id: m.seatId, title: m.title, minorsCoordination: m.minorsCoordination });
  return [...seats.values()];
}

/**
 * Before a contact goes (deleted, erased, or their structure deleted), each of their attendances is
 * tied to the appointment it was made under, so that past meetings keep counting it.
 */
export function freezeAttendances(db: Db, contactIds: readonly string[]): void {
  const freeze = cachedStatement(
    db,
    `UPDATE meeting_attendees SET seat_member_id = (
       SELECT m.id FROM seat_members m, meetings g WHERE g.id = meeting_attendees.meeting_id AND m.contact_id = meeting_attendees.contact_id
         AND (m.from_on IS NULL OR m.from_on <= substr(g.starts_at, 1, 10)) AND (m.to_on IS NULL OR m.to_on > substr(g.starts_at, 1, 10)))
     WHERE contact_id = ? AND seat_member_id IS NULL`,
  );
  for (const id of contactIds) freeze.run(id);
}
