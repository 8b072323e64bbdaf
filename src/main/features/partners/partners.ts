import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { InterventionDomain, MemberRole, PartnerType, SeatTitle } from '../../../shared/labels';
import { AGREMENT_YEARS } from '../../../shared/schemas/partners';
import { parisToday } from '../../../shared/wallclock';
import type { contactFields, contactUpdate, partnerFields, partnerUpdate } from '../../../shared/schemas/partners';
import type { Contact, Partner, PartnerDetail, PartnerListItem, PartnerOption, PartnerUsage } from '../../../shared/types';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { changedAnything, recordChange } from '../../commission-file/changelog';
import { endContactMembership, insertSeatWithTitulaire, releaseContacts } from '../composition/composition';
import { IN_FORCE } from '../composition/sitting';
import { sortFrench } from '../../../shared/search';

/** The agrément is optional for callers that do not know it (import, demo). */
type PartnerInput = Omit<z.output<typeof partnerFields>, 'agrementOn' | 'agrementYears' | 'agrementPrefecture'> &
  Partial<Pick<z.output<typeof partnerFields>, 'agrementOn' | 'agrementYears' | 'agrementPrefecture'>>;
/** The seat's title is optional for callers that only know « membre : oui / non » (import, demo). */
type ContactInput = Omit<z.output<typeof contactFields>, 'memberTitle' | 'receivesReturns'> & { memberTitle?: SeatTitle; receivesReturns?: boolean };

export interface PartnerRow {
  id: string;
  name: string;
  type: string;
  domains: string;
  address: string | null;
  postcode: string | null;
  commune: string | null;
  website: string | null;
  siret: string | null;
  notes: string | null;
  agrement_on: string | null;
  agrement_years: number | null;
  agrement_prefecture: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactRow {
  id: string;
  partner_id: string;
  civility: string | null;
  first_name: string | null;
  last_name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  receives_returns: number;
  source: string | null;
  confirmed_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** A contact row with the appointment it holds on the day read (CONTACTS_SQL). */
export type ContactWithMembershipRow = ContactRow & { member_role: MemberRole | null; seat_id: string | null; seat_label: string | null; seat_title: SeatTitle | null };

/** Contacts and the seat each holds on @day; add a WHERE (sort with sortFrench). */
export const CONTACTS_SQL = `SELECT c.*, m.role AS member_role, s.id AS seat_id, s.label AS seat_label, s.title AS seat_title
  FROM contacts c LEFT JOIN seat_members m ON m.contact_id = c.id AND ${IN_FORCE} LEFT JOIN seats s ON s.id = m.seat_id`;

/** What a contact is named by. */
export type ContactName = Pick<ContactRow, 'civility' | 'first_name' | 'last_name'>;

/** « Mme Hélène Desfontaines »: how a contact is named in lists, documents and the history. */
export function contactDisplayName(c: ContactName): string {
  return [c.civility, c.first_name, c.last_name].filter(Boolean).join(' ');
}

export function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    type: row.type as PartnerType,
    domains: JSON.parse(row.domains) as InterventionDomain[],
    address: row.address,
    postcode: row.postcode,
    commune: row.commune,
    website: row.website,
    siret: row.siret,
    notes: row.notes,
    agrementOn: row.agrement_on,
    agrementYears: row.agrement_years,
    agrementPrefecture: row.agrement_prefecture,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toContact(row: ContactWithMembershipRow): Contact {
  return {
    id: row.id,
    partnerId: row.partner_id,
    civility: row.civility as Contact['civility'],
    firstName: row.first_name,
    lastName: row.last_name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    isMember: row.member_role !== null,
    membership: row.member_role && row.seat_id ? { seatId: row.seat_id, seatLabel: row.seat_label ?? '', role: row.member_role, title: row.seat_title ?? 'commission' } : null,
    receivesReturns: row.receives_returns === 1,
    source: row.source,
    confirmedOn: row.confirmed_on,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listPartners(db: Db, today: string): PartnerListItem[] {
  const rows = db
    .prepare(
      // Contacts counted and named in one pass over them, then joined: a third faster than grouping the join of
      // 2,000 structures with their 5,000 contacts and counting each structure's members apart.
      `WITH people AS (
         SELECT c.partner_id, count(*) AS contacts_count,
                sum(EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND ${IN_FORCE})) AS members_count,
                group_concat(trim(coalesce(c.first_name || ' ', '') || c.last_name), ', ') AS contact_names
         FROM contacts c GROUP BY c.partner_id)
       SELECT p.id, p.name, p.type, p.domains, p.postcode, p.commune, p.updated_at,
              coalesce(people.contacts_count, 0) AS contacts_count, coalesce(people.members_count, 0) AS members_count,
              coalesce(people.contact_names, '') AS contact_names
       FROM partners p LEFT JOIN people ON people.partner_id = p.id`,
    )
    .all({ day: today }) as (Pick<PartnerRow, 'id' | 'name' | 'type' | 'domains' | 'postcode' | 'commune' | 'updated_at'> & {
    contacts_count: number;
    members_count: number;
    contact_names: string;
  })[];
  return sortFrench(rows, (r) => [r.name, r.commune]).map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type as PartnerType,
    domains: JSON.parse(r.domains) as InterventionDomain[],
    postcode: r.postcode,
    commune: r.commune,
    contactsCount: r.contacts_count,
    membersCount: r.members_count,
    contactNames: r.contact_names,
    updatedAt: r.updated_at,
  }));
}

export function listPartnerOptions(db: Db): PartnerOption[] {
  return sortFrench(db.prepare('SELECT id, name, type, commune FROM partners').all() as PartnerOption[], (p) => [p.name, p.commune]);
}

function partnerRow(db: Db, id: string): PartnerRow {
  const row = db.prepare('SELECT * FROM partners WHERE id = ?').get(id) as PartnerRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette structure n’existe plus : elle a peut-être été supprimée.');
  return row;
}

function partnerUsage(db: Db, id: string): PartnerUsage {
  const count = (sql: string) => (db.prepare(sql).pluck().get(id) as number) ?? 0;
  return {
    contacts: count('SELECT count(*) FROM contacts WHERE partner_id = ?'),
    actionsPiloted: count('SELECT count(*) FROM actions WHERE pilot_partner_id = ?'),
    actionsContributed: count('SELECT count(*) FROM action_partners WHERE partner_id = ?'),
    protocolsSigned: count('SELECT count(*) FROM protocol_signatories WHERE partner_id = ?'),
    meetingAttendances: count('SELECT count(*) FROM meeting_attendees WHERE partner_id = ?'),
    followUps: count('SELECT count(*) FROM follow_ups WHERE owner_partner_id = ?'),
  };
}

export function getPartner(db: Db, id: string, today: string): PartnerDetail {
  const partner = toPartner(partnerRow(db, id));
  const contacts = sortFrench(db.prepare(`${CONTACTS_SQL} WHERE c.partner_id = @id`).all({ id, day: today }) as ContactWithMembershipRow[], (c) => [c.last_name, c.first_name]).map(toContact);
  return { ...partner, contacts, usage: partnerUsage(db, id) };
}

/** Inserts a partner row as given; shared by the API, imports and the demo generator. */
export function insertPartner(db: Db, id: string, input: PartnerInput, at: string): void {
  cachedStatement(
    db,
    `INSERT INTO partners (id, name, type, domains, address, postcode, commune, website, siret, notes, agrement_on, agrement_years, agrement_prefecture, created_at, updated_at)
     VALUES (@id, @name, @type, @domains, @address, @postcode, @commune, @website, @siret, @notes, @agrementOn, @agrementYears, @agrementPrefecture, @at, @at)`,
  ).run({ ...agrement(input), id, domains: JSON.stringify(input.domains), at });
}

/** An agrément without a length lasts the three years of the CASF; without a date there is none. */
function agrement<T extends Partial<Pick<PartnerInput, 'agrementOn' | 'agrementYears' | 'agrementPrefecture'>>>(input: T) {
  const on = input.agrementOn ?? null;
  return { ...input, agrementOn: on, agrementYears: on ? (input.agrementYears ?? AGREMENT_YEARS) : null, agrementPrefecture: on ? (input.agrementPrefecture ?? null) : null };
}

export function createPartner(db: Db, input: PartnerInput, now: Date): PartnerDetail {
  const at = now.toISOString();
  const id = randomUUID();
  return db.transaction(() => {
    insertPartner(db, id, input, at);
    recordChange(db, at, 'partner', id, 'create', null, toPartner(partnerRow(db, id)));
    return getPartner(db, id, parisToday(now));
  })();
}

export function updatePartner(db: Db, input: z.output<typeof partnerUpdate>, now: Date): PartnerDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = toPartner(partnerRow(db, input.id));
    db.prepare(
      `UPDATE partners SET name = @name, type = @type, domains = @domains, address = @address, postcode = @postcode,
         commune = @commune, website = @website, siret = @siret, notes = @notes, agrement_on = @agrementOn, agrement_years = @agrementYears,
         agrement_prefecture = @agrementPrefecture, updated_at = @at WHERE id = @id`,
    ).run({ ...agrement(input), domains: JSON.stringify(input.domains), at });
    const after = toPartner(partnerRow(db, input.id));
    recordChange(db, at, 'partner', input.id, 'update', before, after);
    // Saved as it was: « modifiée le » stays (and the history records nothing).
    if (!changedAnything(before, after)) db.prepare('UPDATE partners SET updated_at = ? WHERE id = ?').run(before.updatedAt, input.id);
    return getPartner(db, input.id, parisToday(now));
  })();
}

/**
 * Deletes a partner and its contacts; historical records keep their name snapshots. The contacts
 * go by cascade, so their deletion is recorded here, each in its own history.
 */
export function deletePartner(db: Db, id: string, now: Date): PartnerUsage {
  const at = now.toISOString();
  return db.transaction(() => {
    const { contacts, usage, ...partner } = getPartner(db, id, parisToday(now));
    releaseContacts(
      db,
      contacts.map((c) => c.id),
      parisToday(now),
      at,
    );
    db.prepare('DELETE FROM partners WHERE id = ?').run(id);
    for (const contact of contacts) recordChange(db, at, 'contact', contact.id, 'delete', contact, null);
    recordChange(db, at, 'partner', id, 'delete', partner, null);
    return usage;
  })();
}

function readContact(db: Db, id: string, today: string): Contact {
  const row = db.prepare(`${CONTACTS_SQL} WHERE c.id = @id`).get({ id, day: today }) as ContactWithMembershipRow | undefined;
  if (!row) throw new ApiError('not_found', 'Ce contact n’existe plus : il a peut-être été supprimé.');
  return toContact(row);
}

/**
 * Inserts a contact; a member gets a seat of their own as its titulaire, appointed since before the
 * record began (the import and the demo bring members the commission already had).
 */
export function insertContact(db: Db, id: string, input: ContactInput, at: string): void {
  cachedStatement(
    db,
    `INSERT INTO contacts (id, partner_id, civility, first_name, last_name, role, email, phone, receives_returns, source, confirmed_on, notes, created_at, updated_at)
     VALUES (@id, @partnerId, @civility, @firstName, @lastName, @role, @email, @phone, @receivesReturns, @source, @confirmedOn, @notes, @at, @at)`,
  ).run({ ...input, receivesReturns: input.receivesReturns ? 1 : 0, id, at });
  if (input.isMember) insertSeatWithTitulaire(db, id, { title: input.memberTitle ?? 'commission', college: null }, { fromOn: null, arreteRef: null, arreteOn: null }, at);
}

export function createContact(db: Db, input: ContactInput, now: Date): Contact {
  const at = now.toISOString();
  return db.transaction(() => {
    partnerRow(db, input.partnerId);
    const id = randomUUID();
    insertContact(db, id, input, at);
    const created = readContact(db, id, parisToday(now));
    recordChange(db, at, 'contact', id, 'create', null, created);
    return created;
  })();
}

/** Ticking « membre » appoints the contact from today; unticking ends their appointment today. */
export function updateContact(db: Db, input: z.output<typeof contactUpdate>, now: Date): Contact {
  const at = now.toISOString();
  const today = parisToday(now);
  return db.transaction(() => {
    const before = readContact(db, input.id, today);
    db.prepare(
      `UPDATE contacts SET civility = @civility, first_name = @firstName, last_name = @lastName, role = @role, email = @email,
         phone = @phone, receives_returns = @receivesReturns, source = @source, confirmed_on = @confirmedOn, notes = @notes, updated_at = @at
       WHERE id = @id`,
    ).run({ ...input, receivesReturns: input.receivesReturns ? 1 : 0, at });
    if (before.isMember && !input.isMember) endContactMembership(db, input.id, today, at);
    if (!before.isMember && input.isMember) insertSeatWithTitulaire(db, input.id, { title: input.memberTitle, college: null }, { fromOn: today, arreteRef: null, arreteOn: null }, at);
    const after = readContact(db, input.id, today);
    recordChange(db, at, 'contact', input.id, 'update', before, after);
    if (!changedAnything(before, after)) {
      db.prepare('UPDATE contacts SET updated_at = ? WHERE id = ?').run(before.updatedAt, input.id);
      return readContact(db, input.id, today);
    }
    return after;
  })();
}

export function deleteContact(db: Db, id: string, now: Date): { id: string } {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = readContact(db, id, parisToday(now));
    releaseContacts(db, [id], parisToday(now), at);
    db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
    recordChange(db, at, 'contact', id, 'delete', before, null);
    return { id };
  })();
}
