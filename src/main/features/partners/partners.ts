import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import type { InterventionDomain, PartnerType } from '../../../shared/labels';
import type { contactFields, contactUpdate, partnerFields, partnerUpdate } from '../../../shared/schemas/partners';
import type { Contact, Partner, PartnerDetail, PartnerListItem, PartnerOption, PartnerUsage } from '../../../shared/types';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { recordChange } from '../../commission-file/changelog';
import { recordCompositions } from '../meetings/attendance';

type PartnerInput = z.output<typeof partnerFields>;
/** Membership details are optional for callers that only know « membre : oui / non » (import, demo). */
type ContactInput = Omit<z.output<typeof contactFields>, 'memberRole' | 'restrictedMember' | 'receivesReturns'> & {
  memberRole?: 'titulaire' | 'suppleant' | null;
  restrictedMember?: boolean;
  receivesReturns?: boolean;
};

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
  is_member: number;
  member_role: string | null;
  restricted_member: number;
  receives_returns: number;
  source: string | null;
  confirmed_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    partnerId: row.partner_id,
    civility: row.civility as Contact['civility'],
    firstName: row.first_name,
    lastName: row.last_name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    isMember: row.is_member === 1,
    memberRole: row.member_role as Contact['memberRole'],
    restrictedMember: row.restricted_member === 1,
    receivesReturns: row.receives_returns === 1,
    source: row.source,
    confirmedOn: row.confirmed_on,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listPartners(db: Db): PartnerListItem[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.name, p.type, p.domains, p.postcode, p.commune, p.updated_at,
              count(c.id) AS contacts_count,
              coalesce(sum(c.is_member), 0) AS members_count,
              coalesce(group_concat(trim(coalesce(c.first_name || ' ', '') || c.last_name), ', '), '') AS contact_names
       FROM partners p LEFT JOIN contacts c ON c.partner_id = p.id
       GROUP BY p.id
       ORDER BY p.name COLLATE NOCASE`,
    )
    .all() as (Pick<PartnerRow, 'id' | 'name' | 'type' | 'domains' | 'postcode' | 'commune' | 'updated_at'> & {
    contacts_count: number;
    members_count: number;
    contact_names: string;
  })[];
  return rows.map((r) => ({
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
  return db.prepare('SELECT id, name, type, commune FROM partners ORDER BY name COLLATE NOCASE').all() as PartnerOption[];
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

export function getPartner(db: Db, id: string): PartnerDetail {
  const partner = toPartner(partnerRow(db, id));
  const contacts = (
    db.prepare('SELECT * FROM contacts WHERE partner_id = ? ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE').all(id) as ContactRow[]
  ).map(toContact);
  return { ...partner, contacts, usage: partnerUsage(db, id) };
}

/** Inserts a partner row as given; shared by the API, imports and the demo generator. */
export function insertPartner(db: Db, id: string, input: PartnerInput, at: string): void {
  cachedStatement(
    db,
    `INSERT INTO partners (id, name, type, domains, address, postcode, commune, website, siret, notes, created_at, updated_at)
     VALUES (@id, @name, @type, @domains, @address, @postcode, @commune, @website, @siret, @notes, @at, @at)`,
  ).run({ ...input, id, domains: JSON.stringify(input.domains), at });
}

export function createPartner(db: Db, input: PartnerInput, now: Date): PartnerDetail {
  const at = now.toISOString();
  const id = randomUUID();
  return db.transaction(() => {
    insertPartner(db, id, input, at);
    recordChange(db, at, 'partner', id, 'create', null, toPartner(partnerRow(db, id)));
    return getPartner(db, id);
  })();
}

export function updatePartner(db: Db, input: z.output<typeof partnerUpdate>, now: Date): PartnerDetail {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = toPartner(partnerRow(db, input.id));
    db.prepare(
      `UPDATE partners SET name = @name, type = @type, domains = @domains, address = @address, postcode = @postcode,
         commune = @commune, website = @website, siret = @siret, notes = @notes, updated_at = @at WHERE id = @id`,
    ).run({ ...input, domains: JSON.stringify(input.domains), at });
    recordChange(db, at, 'partner', input.id, 'update', before, toPartner(partnerRow(db, input.id)));
    return getPartner(db, input.id);
  })();
}

/**
 * Deletes a partner and its contacts; historical records keep their name snapshots. The contacts
 * go by cascade, so their deletion is recorded here, each in its own history.
 */
export function deletePartner(db: Db, id: string, now: Date): PartnerUsage {
  const at = now.toISOString();
  return db.transaction(() => {
    recordCompositions(db, new Date(at));
    const { contacts, usage, ...partner } = getPartner(db, id);
    db.prepare('DELETE FROM partners WHERE id = ?').run(id);
    for (const contact of contacts) recordChange(db, at, 'contact', contact.id, 'delete', contact, null);
    recordChange(db, at, 'partner', id, 'delete', partner, null);
    return usage;
  })();
}

function contactRow(db: Db, id: string): ContactRow {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  if (!row) throw new ApiError('not_found', 'Ce contact n’existe plus : il a peut-être été supprimé.');
  return row;
}

/** A member is a titulaire unless said otherwise; a non-member has no membership at all. */
function membership(input: { isMember: boolean; memberRole?: string | null; restrictedMember?: boolean }) {
  return {
    isMember: input.isMember ? 1 : 0,
    memberRole: input.isMember ? (input.memberRole ?? 'titulaire') : null,
    restrictedMember: input.isMember && input.restrictedMember ? 1 : 0,
  };
}

export function insertContact(db: Db, id: string, input: ContactInput, at: string): void {
  if (input.isMember) recordCompositions(db, new Date(at));
  cachedStatement(
    db,
    `INSERT INTO contacts (id, partner_id, civility, first_name, last_name, role, email, phone, is_member, member_role, restricted_member, receives_returns, source, confirmed_on, notes, created_at, updated_at)
     VALUES (@id, @partnerId, @civility, @firstName, @lastName, @role, @email, @phone, @isMember, @memberRole, @restrictedMember, @receivesReturns, @source, @confirmedOn, @notes, @at, @at)`,
  ).run({ ...input, ...membership(input), receivesReturns: input.receivesReturns ? 1 : 0, id, at });
}

export function createContact(db: Db, input: ContactInput, now: Date): Contact {
  const at = now.toISOString();
  return db.transaction(() => {
    partnerRow(db, input.partnerId);
    const id = randomUUID();
    insertContact(db, id, input, at);
    const created = toContact(contactRow(db, id));
    recordChange(db, at, 'contact', id, 'create', null, created);
    return created;
  })();
}

export function updateContact(db: Db, input: z.output<typeof contactUpdate>, now: Date): Contact {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = toContact(contactRow(db, input.id));
    recordCompositions(db, new Date(at));
    db.prepare(
      `UPDATE contacts SET civility = @civility, first_name = @firstName, last_name = @lastName, role = @role, email = @email,
         phone = @phone, is_member = @isMember, member_role = @memberRole, restricted_member = @restrictedMember, receives_returns = @receivesReturns, source = @source,
         confirmed_on = @confirmedOn, notes = @notes, updated_at = @at
       WHERE id = @id`,
    ).run({ ...input, ...membership(input), receivesReturns: input.receivesReturns ? 1 : 0, at });
    const after = toContact(contactRow(db, input.id));
    recordChange(db, at, 'contact', input.id, 'update', before, after);
    return after;
  })();
}

export function deleteContact(db: Db, id: string, now: Date): { id: string } {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = toContact(contactRow(db, id));
    recordCompositions(db, new Date(at));
    db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
    recordChange(db, at, 'contact', id, 'delete', before, null);
    return { id };
  })();
}
