/**
 * The composition of the commission as the préfet's arrêtés make it: seats in colleges, each held
 * under a title by a titulaire and suppléants, appointed from and until a date. Every change is in the
 * history with its fields; nothing that a past meeting counted is rewritten: a member who leaves gets
 * an end date, a replaced titulaire's appointment ends where the new one's begins.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import { colleges, memberRoles, seatTitles, type College, type MemberRole, type PartnerType, type SeatTitle } from '../../../shared/labels';
import { collegeOfPartnerType } from '../../../shared/meeting-rules';
import type { Composition, CompositionCandidate, ContactMembership, Seat, SeatMember } from '../../../shared/model/composition';
import type { appointMembers, appointToSeat, memberUpdate, membersArrete, membersEnd, seatUpdate, seatsUpdate } from '../../../shared/schemas/composition';
import type { Civility } from '../../../shared/schemas/partners';
import { addDays } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { toCsv, toXlsx, type TabularColumn } from '../../spreadsheets/writer';
import { freezeAttendances, IN_FORCE } from './sitting';
import { sortFrench } from '../../../shared/search';

interface SeatRow {
  id: string;
  college: College;
  title: SeatTitle;
  minors_coordination: number;
  label: string;
  partner_id: string | null;
  partner_name: string | null;
  position: number;
}

interface MemberRow {
  id: string;
  seat_id: string;
  contact_id: string | null;
  civility: Civility | null;
  name: string;
  function: string | null;
  structure: string | null;
  role: MemberRole;
  from_on: string | null;
  to_on: string | null;
  arrete_ref: string | null;
  arrete_on: string | null;
}

const MEMBER_SQL = `SELECT m.id, m.seat_id, m.contact_id, c.civility, m.name, c.role AS function, p.name AS structure, m.role, m.from_on, m.to_on, m.arrete_ref, m.arrete_on
  FROM seat_members m LEFT JOIN contacts c ON c.id = m.contact_id LEFT JOIN partners p ON p.id = c.partner_id`;

function toMember(r: MemberRow): SeatMember {
  return {
    id: r.id,
    seatId: r.seat_id,
    contactId: r.contact_id,
    civility: r.civility,
    name: r.name,
    function: r.function,
    structure: r.structure,
    role: r.role,
    fromOn: r.from_on,
    toOn: r.to_on,
    arreteRef: r.arrete_ref,
    arreteOn: r.arrete_on,
  };
}

const inForce = (m: SeatMember, day: string) => (m.fromOn === null || m.fromOn <= day) && (m.toOn === null || m.toOn > day);

/** The seats, in the order of the colleges, and who holds each on `on`. */
export function getComposition(db: Db, on: string): Composition {
  const seats = db
    .prepare('SELECT s.*, p.name AS partner_name FROM seats s LEFT JOIN partners p ON p.id = s.partner_id')
    .all() as SeatRow[];
  // On each seat: the titulaire first, then by first day (unknown first) and name.
  const members = sortFrench(db.prepare(MEMBER_SQL).all() as MemberRow[], (m) => [m.role === 'titulaire' ? 0 : 1, m.from_on ? 1 : 0, m.from_on, m.name]).map(toMember);
  const bySeat = new Map<string, SeatMember[]>();
  for (const m of members) bySeat.set(m.seatId, [...(bySeat.get(m.seatId) ?? []), m]);
  const order = (c: College) => colleges.codes.indexOf(c);
  return {
    on,
    toConfirm: (db.prepare('SELECT composition_to_confirm FROM commission WHERE id = 1').pluck().get() as number | undefined) === 1,
    seats: sortFrench(
      seats.map((s): Seat => {
        const held = bySeat.get(s.id) ?? [];
        const current = held.filter((m) => inForce(m, on));
        return {
          id: s.id,
          college: s.college,
          title: s.title,
          minorsCoordination: s.minors_coordination === 1,
          label: s.label,
          partnerId: s.partner_id,
          partnerName: s.partner_name,
          position: s.position,
          titulaire: current.find((m) => m.role === 'titulaire') ?? null,
          suppleants: current.filter((m) => m.role === 'suppleant'),
          others: held.filter((m) => !inForce(m, on)),
        };
      }),
      (s) => [order(s.college), s.position, s.label],
    ),
  };
}

/** The contacts of the directory, with the seat each holds on `on`, for the pickers. */
export function compositionCandidates(db: Db, on: string): CompositionCandidate[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.civility, trim(coalesce(c.first_name || ' ', '') || c.last_name) AS name, c.role, p.id AS partnerId, p.name AS partnerName, p.type AS partnerType,
         (SELECT m.seat_id FROM seat_members m WHERE m.contact_id = c.id AND ${IN_FORCE}) AS seatId, c.first_name, c.last_name
       FROM contacts c JOIN partners p ON p.id = c.partner_id`,
    )
    .all({ day: on }) as (CompositionCandidate & { first_name: string | null; last_name: string })[];
  return sortFrench(rows, (c) => [c.last_name, c.first_name]).map(
    (c): CompositionCandidate => ({ id: c.id, civility: c.civility, name: c.name, role: c.role, partnerId: c.partnerId, partnerName: c.partnerName, partnerType: c.partnerType, seatId: c.seatId }),
  );
}

/** A contact's appointment on `on`, for their partner page. */
export function contactMembership(db: Db, contactId: string, on: string): ContactMembership | null {
  return (db
    .prepare(
      `SELECT s.id AS seatId, s.label AS seatLabel, m.id AS memberId, m.role, s.title, s.college, m.from_on AS fromOn
       FROM seat_members m JOIN seats s ON s.id = m.seat_id WHERE m.contact_id = @contactId AND ${IN_FORCE}`,
    )
    .get({ contactId, day: on }) ?? null) as ContactMembership | null;
}

// Writes. Each records its change with the fields a history reader needs.

function seatSnapshot(db: Db, id: string) {
  const s = db.prepare('SELECT s.*, p.name AS partner_name FROM seats s LEFT JOIN partners p ON p.id = s.partner_id WHERE s.id = ?').get(id) as SeatRow | undefined;
  if (!s) throw new ApiError('not_found', 'Ce siège n’existe plus : rechargez la composition.');
  return { label: s.label, partnerId: s.partner_id, partnerName: s.partner_name, college: s.college, title: s.title, minorsCoordination: s.minors_coordination === 1 };
}

function memberSnapshot(db: Db, id: string) {
  const m = db.prepare('SELECT m.*, s.label AS seat_label FROM seat_members m JOIN seats s ON s.id = m.seat_id WHERE m.id = ?').get(id) as
    | (Omit<MemberRow, 'civility' | 'function' | 'structure'> & { seat_label: string })
    | undefined;
  if (!m) throw new ApiError('not_found', 'Cette nomination n’existe plus : rechargez la composition.');
  return { seatId: m.seat_id, seatLabel: m.seat_label, contactId: m.contact_id, name: m.name, role: m.role, fromOn: m.from_on, toOn: m.to_on, arreteRef: m.arrete_ref, arreteOn: m.arrete_on };
}

interface ContactRow {
  id: string;
  civility: string | null;
  first_name: string | null;
  last_name: string;
  partner_id: string;
  partner_name: string;
  partner_type: PartnerType;
}

function contactRow(db: Db, id: string): ContactRow {
  const c = db.prepare('SELECT c.id, c.civility, c.first_name, c.last_name, c.partner_id, p.name AS partner_name, p.type AS partner_type FROM contacts c JOIN partners p ON p.id = c.partner_id WHERE c.id = ?').get(id) as
    | ContactRow
    | undefined;
  if (!c) throw new ApiError('not_found', 'Un des contacts choisis n’existe plus : rechargez la liste.');
  return c;
}

const displayName = (c: ContactRow) => [c.civility, c.first_name, c.last_name].filter(Boolean).join(' ');

/** A person holds one appointment at a time: refuses one that would overlap another of theirs. */
function assertFree(db: Db, contactId: string, fromOn: string | null, toOn: string | null, exceptId: string | null, name: string): void {
  const clash = db
    .prepare(
      `SELECT m.from_on, m.to_on, s.label FROM seat_members m JOIN seats s ON s.id = m.seat_id WHERE m.contact_id = @contactId AND m.id <> @exceptId
         AND (m.to_on IS NULL OR @fromOn IS NULL OR m.to_on > @fromOn) AND (@toOn IS NULL OR m.from_on IS NULL OR m.from_on < @toOn)`,
    )
    .get({ contactId, fromOn, toOn, exceptId: exceptId ?? '' }) as { from_on: string | null; to_on: string | null; label: string } | undefined;
  if (clash) {
    const when = clash.to_on ? ` jusqu’au ${formatDate(addDays(clash.to_on, -1))}` : '';
    throw new ApiError('conflict', `${name} siège déjà (« ${clash.label} »${when}) : mettez d’abord fin à ce mandat, ou nommez une autre personne.`);
  }
}

function insertMember(
  db: Db,
  seatId: string,
  contact: ContactRow,
  role: MemberRole,
  fromOn: string | null,
  arreteRef: string | null,
  arreteOn: string | null,
  at: string,
  newId: () => string = randomUUID,
): string {
  const name = displayName(contact);
  assertFree(db, contact.id, fromOn, null, null, name);
  const id = newId();
  db.prepare(
    `INSERT INTO seat_members (id, seat_id, contact_id, name, role, from_on, to_on, arrete_ref, arrete_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  ).run(id, seatId, contact.id, name, role, fromOn, arreteRef, arreteOn, at, at);
  recordChange(db, at, 'seat_member', id, 'create', null, memberSnapshot(db, id));
  return id;
}

/** Ends the titulaire of a seat on `on`, when a new one is appointed from that day. */
function endTitulaire(db: Db, seatId: string, on: string | null, at: string): void {
  const current = db.prepare(`SELECT id, from_on FROM seat_members WHERE seat_id = ? AND role = 'titulaire' AND to_on IS NULL`).all(seatId) as { id: string; from_on: string | null }[];
  for (const m of current) {
    if (!on) throw new ApiError('validation', 'Ce siège a déjà un titulaire : indiquez la date à laquelle le nouveau titulaire le remplace.', [{ path: 'fromOn', message: 'Date de nomination requise pour un remplacement.' }]);
    if (m.from_on && m.from_on > on) throw new ApiError('validation', `Le titulaire actuel siège depuis le ${formatDate(m.from_on)} : son remplaçant ne peut pas être nommé avant.`);
    setMemberEnd(db, m.id, on, at);
  }
}

function setMemberEnd(db: Db, id: string, on: string, at: string): void {
  const before = memberSnapshot(db, id);
  if (before.fromOn && on < before.fromOn) throw new ApiError('validation', `${before.name} siège depuis le ${formatDate(before.fromOn)} : son mandat ne peut pas finir avant.`);
  db.prepare('UPDATE seat_members SET to_on = ?, updated_at = ? WHERE id = ?').run(on, at, id);
  recordChange(db, at, 'seat_member', id, 'update', before, memberSnapshot(db, id));
}

function nextPosition(db: Db): number {
  return db.prepare('SELECT coalesce(max(position), -1) + 1 FROM seats').pluck().get() as number;
}

/** Creates a seat held by a structure and appoints its titulaire; shared by the screen, the contact form and the demo (which passes its own ids). */
export function insertSeatWithTitulaire(
  db: Db,
  contactId: string,
  seat: { title: SeatTitle; college: College | null; minorsCoordination?: boolean; label?: string },
  appointment: { fromOn: string | null; arreteRef: string | null; arreteOn: string | null },
  at: string,
  newId: () => string = randomUUID,
): string {
  const contact = contactRow(db, contactId);
  const seatId = newId();
  db.prepare(`INSERT INTO seats (id, college, title, minors_coordination, label, partner_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    seatId,
    seat.college ?? collegeOfPartnerType(contact.partner_type, contact.partner_name),
    seat.title,
    (seat.minorsCoordination ?? seat.title === 'protection_enfance') ? 1 : 0,
    seat.label ?? contact.partner_name,
    contact.partner_id,
    nextPosition(db),
    at,
    at,
  );
  recordChange(db, at, 'seat', seatId, 'create', null, seatSnapshot(db, seatId));
  insertMember(db, seatId, contact, 'titulaire', appointment.fromOn, appointment.arreteRef, appointment.arreteOn, at, newId);
  return seatId;
}

export function appoint(db: Db, input: z.output<typeof appointMembers>, now: Date, today: string): Composition {
  const at = now.toISOString();
  return db.transaction(() => {
    for (const contactId of input.contactIds) insertSeatWithTitulaire(db, contactId, { title: input.title, college: input.college }, input, at);
    return getComposition(db, today);
  })();
}

/** Appoints one person to an existing seat; a new titulaire ends the current one's appointment the day theirs begins. */
export function appointMember(db: Db, input: z.output<typeof appointToSeat>, at: string, newId: () => string = randomUUID): string {
  seatSnapshot(db, input.seatId);
  if (input.role === 'titulaire') endTitulaire(db, input.seatId, input.fromOn, at);
  const id = insertMember(db, input.seatId, contactRow(db, input.contactId), input.role, input.fromOn, input.arreteRef, input.arreteOn, at, newId);
  db.prepare('UPDATE seats SET updated_at = ? WHERE id = ?').run(at, input.seatId);
  return id;
}

export function appointToSeatOf(db: Db, input: z.output<typeof appointToSeat>, now: Date, today: string): Composition {
  return db.transaction(() => {
    appointMember(db, input, now.toISOString());
    return getComposition(db, today);
  })();
}

function writeSeat(db: Db, id: string, fields: { label?: string; college?: College; title?: SeatTitle; minorsCoordination?: boolean }, at: string): void {
  const before = seatSnapshot(db, id);
  const after = { ...before, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  db.prepare('UPDATE seats SET label = ?, college = ?, title = ?, minors_coordination = ?, updated_at = ? WHERE id = ?').run(
    after.label,
    after.college,
    after.title,
    after.minorsCoordination ? 1 : 0,
    at,
    id,
  );
  recordChange(db, at, 'seat', id, 'update', before, seatSnapshot(db, id));
}

export function updateSeat(db: Db, input: z.output<typeof seatUpdate>, now: Date, today: string): Composition {
  return db.transaction(() => {
    writeSeat(db, input.id, input, now.toISOString());
    return getComposition(db, today);
  })();
}

export function updateSeats(db: Db, input: z.output<typeof seatsUpdate>, now: Date, today: string): Composition {
  return db.transaction(() => {
    for (const id of input.seatIds) writeSeat(db, id, { title: input.title, college: input.college, minorsCoordination: input.minorsCoordination }, now.toISOString());
    return getComposition(db, today);
  })();
}

export function updateMember(db: Db, input: z.output<typeof memberUpdate>, now: Date, today: string): Composition {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = memberSnapshot(db, input.id);
    if (before.contactId) assertFree(db, before.contactId, input.fromOn, input.toOn, input.id, before.name);
    if (input.role === 'titulaire') {
      const other = db
        .prepare(
          `SELECT name FROM seat_members WHERE seat_id = @seatId AND role = 'titulaire' AND id <> @id
             AND (to_on IS NULL OR @fromOn IS NULL OR to_on > @fromOn) AND (@toOn IS NULL OR from_on IS NULL OR from_on < @toOn)`,
        )
        .pluck()
        .get({ seatId: before.seatId, id: input.id, fromOn: input.fromOn, toOn: input.toOn }) as string | undefined;
      if (other) throw new ApiError('conflict', `${other} est titulaire de ce siège sur la même période : un siège n’a qu’un titulaire à la fois.`);
    }
    db.prepare('UPDATE seat_members SET role = ?, from_on = ?, to_on = ?, arrete_ref = ?, arrete_on = ?, updated_at = ? WHERE id = ?').run(
      input.role,
      input.fromOn,
      input.toOn,
      input.arreteRef,
      input.arreteOn,
      at,
      input.id,
    );
    recordChange(db, at, 'seat_member', input.id, 'update', before, memberSnapshot(db, input.id));
    return getComposition(db, today);
  })();
}

export function setArrete(db: Db, input: z.output<typeof membersArrete>, now: Date, today: string): Composition {
  const at = now.toISOString();
  return db.transaction(() => {
    for (const id of input.memberIds) {
      const before = memberSnapshot(db, id);
      db.prepare('UPDATE seat_members SET arrete_ref = ?, arrete_on = ?, updated_at = ? WHERE id = ?').run(input.arreteRef, input.arreteOn, at, id);
      recordChange(db, at, 'seat_member', id, 'update', before, memberSnapshot(db, id));
    }
    return getComposition(db, today);
  })();
}

export function endMembers(db: Db, input: z.output<typeof membersEnd>, now: Date, today: string): Composition {
  const at = now.toISOString();
  return db.transaction(() => {
    for (const id of input.memberIds) setMemberEnd(db, id, input.on, at);
    return getComposition(db, today);
  })();
}

/** Ends, from `on`, every appointment a contact holds (the contact form's « membre » unticked). */
export function endContactMembership(db: Db, contactId: string, on: string, at: string): void {
  const ids = db.prepare(`SELECT id FROM seat_members m WHERE contact_id = @contactId AND ${IN_FORCE}`).pluck().all({ contactId, day: on }) as string[];
  for (const id of ids) setMemberEnd(db, id, on, at);
}

/**
 * Before contacts go (deleted, erased, or their structure deleted): their attendances keep the seat
 * they were made under, and their appointments end today, the name staying in the composition's past.
 */
export function releaseContacts(db: Db, contactIds: readonly string[], today: string, at: string): void {
  freezeAttendances(db, contactIds);
  for (const id of contactIds) endContactMembership(db, id, today, at);
}

export function deleteMember(db: Db, id: string, now: Date, today: string): Composition {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = memberSnapshot(db, id);
    db.prepare('DELETE FROM seat_members WHERE id = ?').run(id);
    recordChange(db, at, 'seat_member', id, 'delete', before, null);
    // A seat nobody ever held is no seat of the arrêté.
    if ((db.prepare('SELECT count(*) FROM seat_members WHERE seat_id = ?').pluck().get(before.seatId) as number) === 0) {
      const seat = seatSnapshot(db, before.seatId);
      db.prepare('DELETE FROM seats WHERE id = ?').run(before.seatId);
      recordChange(db, at, 'seat', before.seatId, 'delete', seat, null);
    }
    return getComposition(db, today);
  })();
}

export function confirmComposition(db: Db, now: Date, today: string): Composition {
  return db.transaction(() => {
    db.prepare('UPDATE commission SET composition_to_confirm = 0, updated_at = ? WHERE id = 1').run(now.toISOString());
    recordChange(db, now.toISOString(), 'commission', '1', 'update', { compositionToConfirm: true }, { compositionToConfirm: false });
    return getComposition(db, today);
  })();
}

interface ExportRow {
  seat: Seat;
  member: SeatMember | null;
}

/** One line per appointment in force on the day (a vacant seat on a line of its own), by college. */
export function compositionSheet(c: Composition): { name: string; rows: ExportRow[]; columns: TabularColumn<ExportRow>[] } {
  const rows = c.seats.flatMap((seat): ExportRow[] => {
    const members = [seat.titulaire, ...seat.suppleants].filter((m): m is SeatMember => m !== null);
    return members.length ? members.map((member) => ({ seat, member })) : [{ seat, member: null }];
  });
  return {
    name: 'Composition',
    rows,
    columns: [
      { header: 'Collège', value: (r) => colleges.labels[r.seat.college], width: 26 },
      { header: 'Siège', value: (r) => r.seat.label, width: 40 },
      { header: 'Titre', value: (r) => seatTitles.labels[r.seat.title], width: 30 },
      { header: 'Coordination des situations de mineurs', value: (r) => (r.seat.minorsCoordination ? 'oui' : 'non') },
      { header: 'Qualité', value: (r) => (r.member ? memberRoles.labels[r.member.role] : 'Siège vacant') },
      { header: 'Membre', value: (r) => r.member?.name ?? null, width: 30 },
      { header: 'Fonction', value: (r) => r.member?.function ?? null, width: 34 },
      { header: 'Structure', value: (r) => r.member?.structure ?? r.seat.partnerName, width: 34 },
      { header: 'Nommé à compter du', value: (r) => r.member?.fromOn ?? null, type: 'date' },
      { header: 'Jusqu’au', value: (r) => (r.member?.toOn ? addDays(r.member.toOn, -1) : null), type: 'date' },
      { header: 'Arrêté', value: (r) => r.member?.arreteRef ?? null, width: 30 },
      { header: 'Arrêté du', value: (r) => r.member?.arreteOn ?? null, type: 'date' },
    ],
  };
}

/** The composition on `on` as a .xlsx or CSV table. */
export async function exportComposition(db: Db, on: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const sheet = compositionSheet(getComposition(db, on));
  return format === 'xlsx' ? toXlsx(sheet.rows, sheet.columns, { sheetName: sheet.name }) : Buffer.from(toCsv(sheet.rows, sheet.columns), 'utf8');
}
