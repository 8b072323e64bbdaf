/**
 * The directory through the router: partners and their contacts, created, listed, updated and deleted, with
 * their usage elsewhere and every change in the change log.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PartnerDetail } from '../../src/shared/types';
import { DEFAULT_NOW, type TestRouter } from '../helpers/router';
import { UUID, routerSuite, type ChangeRow } from '../helpers/router-suite';

const suite = routerSuite();
const { count, changes, snapshot, newCommission, newPartner, db } = suite;
let t: TestRouter;
beforeEach(() => {
  t = suite.router();
});

describe('partners', () => {
  beforeEach(async () => {
    await newCommission();
  });

  it('creates a partner: trimmed, normalised, with an id, timestamps and empty usage', async () => {
    const created = await t.call('partners.create', {
      name: '  Amicale du Nid  ',
      type: 'association_sortie',
      domains: ['accompagnement', 'prevention', 'accompagnement'],
      address: ' 12 rue Sainte-Catherine ',
      postcode: '33000',
      commune: 'Bordeaux',
      website: 'amicaledunid.org',
      siret: '732 829 320 00074',
      notes: '   ',
    });
    expect(created.id).toMatch(UUID);
    expect(created).toMatchObject({
      name: 'Amicale du Nid',
      type: 'association_sortie',
      domains: ['accompagnement', 'prevention'],
      address: '12 rue Sainte-Catherine',
      postcode: '33000',
      commune: 'Bordeaux',
      website: 'https://amicaledunid.org',
      siret: '73282932000074',
      notes: null,
      createdAt: DEFAULT_NOW,
      updatedAt: DEFAULT_NOW,
      contacts: [],
      usage: { contacts: 0, actionsPiloted: 0, actionsContributed: 0, protocolsSigned: 0, meetingAttendances: 0, followUps: 0 },
    });
    const row = db().prepare('SELECT name, domains, website, siret, notes FROM partners WHERE id = ?').get(created.id);
    expect(row).toEqual({ name: 'Amicale du Nid', domains: '["accompagnement","prevention"]', website: 'https://amicaledunid.org', siret: '73282932000074', notes: null });
  });

  it('lists partners by name regardless of case, with contact counts, member counts and contact names', async () => {
    const nid = await newPartner('Amicale du Nid', { domains: ['accompagnement'], postcode: '33000', commune: 'Bordeaux' });
    const cidff = await newPartner('cidff de la Gironde');
    const police = await t.call('partners.create', { name: 'Brigade de protection des familles', type: 'police' });
    await t.call('contacts.create', { partnerId: nid.id, firstName: 'Jeanne', lastName: 'Dupont', isMember: true });
    await t.call('contacts.create', { partnerId: nid.id, lastName: 'Martin', isMember: true });
    await t.call('contacts.create', { partnerId: nid.id, firstName: 'Karim', lastName: 'Benali' });
    await t.call('contacts.create', { partnerId: police.id, firstName: 'Luc', lastName: 'Garnier' });

    const list = await t.call('partners.list');
    expect(list.map((p) => p.name)).toEqual(['Amicale du Nid', 'Brigade de protection des familles', 'cidff de la Gironde']);
    const [first, second, third] = list;
    expect(first).toMatchObject({ id: nid.id, type: 'association_sortie', domains: ['accompagnement'], postcode: '33000', commune: 'Bordeaux', contactsCount: 3, membersCount: 2 });
    expect(first!.contactNames.split(', ').sort()).toEqual(['Jeanne Dupont', 'Karim Benali', 'Martin']);
    expect(second).toMatchObject({ id: police.id, contactsCount: 1, membersCount: 0, contactNames: 'Luc Garnier' });
    expect(third).toMatchObject({ id: cidff.id, contactsCount: 0, membersCount: 0, contactNames: '', domains: [], postcode: null });

    // The pickers' list: the same structures in the same order, with only what a picker shows.
    expect(await t.call('partners.options')).toEqual(list.map(({ id, name, type, commune }) => ({ id, name, type, commune })));
  });

  it('gets a partner with its contacts sorted by name and its usage elsewhere', async () => {
    const partner = await newPartner();
    const dupont = await t.call('contacts.create', { partnerId: partner.id, firstName: 'Jeanne', lastName: 'dupont', isMember: true });
    await t.call('contacts.create', { partnerId: partner.id, lastName: 'Martin' });
    await t.call('contacts.create', { partnerId: partner.id, firstName: 'Ana', lastName: 'Benali' });
    const other = await newPartner('CIDFF');
    await t.call('contacts.create', { partnerId: other.id, lastName: 'Autre' });
    const usage = addUsage(partner.id, dupont.id);

    const detail = await t.call('partners.get', { id: partner.id });
    expect(detail.contacts.map((c) => c.lastName)).toEqual(['Benali', 'dupont', 'Martin']);
    expect(detail.contacts.every((c) => c.partnerId === partner.id)).toBe(true);
    expect(detail.usage).toEqual({ contacts: 3, ...usage });
  });

  it('updates a partner: new values, new updatedAt, same createdAt', async () => {
    const partner = await newPartner('Amicale du Nid', { commune: 'Bordeaux' });
    t.clock.advance(60_000);
    const updated = await t.call('partners.update', {
      id: partner.id,
      name: 'Amicale du Nid 33',
      type: 'association_sortie',
      domains: ['hebergement'],
      commune: null,
      postcode: ' 33800 ',
    });
    expect(updated).toMatchObject({ id: partner.id, name: 'Amicale du Nid 33', domains: ['hebergement'], commune: null, postcode: '33800', createdAt: DEFAULT_NOW, updatedAt: t.clock.iso() });
    expect(updated.updatedAt).not.toBe(DEFAULT_NOW);
    expect(await t.call('partners.get', { id: partner.id })).toEqual(updated);
    expect((await t.call('partners.list'))[0]).toMatchObject({ name: 'Amicale du Nid 33', updatedAt: t.clock.iso() });
  });

  it('answers not_found to an update of a missing partner and writes nothing', async () => {
    await newPartner();
    const before = snapshot();
    const error = await t.callError('partners.update', { id: randomUUID(), name: 'X', type: 'autre' });
    expect(error).toEqual({ code: 'not_found', message: 'Cette structure n’existe plus : elle a peut-être été supprimée.' });
    expect(snapshot()).toEqual(before);
  });

  it('deletes a partner with its contacts, returns what it was used by, and keeps history snapshots', async () => {
    const partner = await newPartner();
    const contact = await t.call('contacts.create', { partnerId: partner.id, firstName: 'Jeanne', lastName: 'Dupont' });
    await t.call('contacts.create', { partnerId: partner.id, lastName: 'Martin' });
    const kept = await newPartner('CIDFF');
    const keptContact = await t.call('contacts.create', { partnerId: kept.id, lastName: 'Autre' });
    const usage = addUsage(partner.id, contact.id);

    const result = await t.call('partners.delete', { id: partner.id });
    expect(result).toEqual({ contacts: 2, ...usage, undo: { token: expect.any(String), seconds: 10 } });

    expect(count('partners', 'id = ?', partner.id)).toBe(0);
    expect(count('contacts', 'partner_id = ?', partner.id)).toBe(0);
    expect((await t.call('partners.get', { id: kept.id })).contacts.map((c) => c.id)).toEqual([keptContact.id]);
    // Actions, protocols, meetings and follow-ups stay, with the partner's name kept as written.
    expect(db().prepare("SELECT id, pilot_partner_id FROM actions ORDER BY id").all()).toEqual([
      { id: 'a1', pilot_partner_id: null },
      { id: 'a2', pilot_partner_id: null },
    ]);
    expect(count('action_partners')).toBe(0);
    expect(db().prepare('SELECT partner_id, structure_name FROM protocol_signatories').all()).toEqual([{ partner_id: null, structure_name: 'Amicale du Nid' }]);
    expect(db().prepare('SELECT partner_id, contact_id, name, structure FROM meeting_attendees').all()).toEqual([
      { partner_id: null, contact_id: null, name: 'Jeanne Dupont', structure: 'Amicale du Nid' },
    ]);
    expect(db().prepare('SELECT owner_partner_id, owner_name FROM follow_ups').all()).toEqual([{ owner_partner_id: null, owner_name: 'Amicale du Nid' }]);

    const error = await t.callError('partners.get', { id: partner.id });
    expect(error).toEqual({ code: 'not_found', message: 'Cette structure n’existe plus : elle a peut-être été supprimée.' });
    expect((await t.callError('partners.delete', { id: partner.id })).code).toBe('not_found');
    expect((await t.call('partners.list')).map((p) => p.id)).toEqual([kept.id]);
  });

  it('records each create, update and delete in the change log with before and after', async () => {
    const partner = await newPartner('Amicale du Nid');
    t.clock.advance(1000);
    await t.call('partners.update', { id: partner.id, name: 'Amicale du Nid 33', type: 'association_sortie' });
    t.clock.advance(1000);
    await t.call('partners.delete', { id: partner.id });

    const rows = changes('partner');
    expect(rows.map((r) => [r.op, r.entity_id, r.at])).toEqual([
      ['create', partner.id, DEFAULT_NOW],
      ['update', partner.id, '2026-03-05T13:30:01.000Z'],
      ['delete', partner.id, '2026-03-05T13:30:02.000Z'],
    ]);
    const [create, update, del] = rows as [ChangeRow, ChangeRow, ChangeRow];
    expect(create.before).toBeNull();
    expect(JSON.parse(create.after!)).toMatchObject({ id: partner.id, name: 'Amicale du Nid', type: 'association_sortie' });
    expect(JSON.parse(update.before!)).toMatchObject({ id: partner.id, name: 'Amicale du Nid' });
    expect(JSON.parse(update.after!)).toMatchObject({ id: partner.id, name: 'Amicale du Nid 33', updatedAt: '2026-03-05T13:30:01.000Z' });
    expect(JSON.parse(del.before!)).toMatchObject({ id: partner.id, name: 'Amicale du Nid 33' });
    expect(del.after).toBeNull();
  });

  it('records an update with before and after of the same shape, so that the history can compare them', async () => {
    const partner = await newPartner();
    await t.call('contacts.create', { partnerId: partner.id, lastName: 'Dupont' });
    await t.call('partners.update', { id: partner.id, name: 'Amicale du Nid 33', type: 'association_sortie' });
    const update = changes('partner').find((r) => r.op === 'update')!;
    const before = JSON.parse(update.before!) as Record<string, unknown>;
    const after = JSON.parse(update.after!) as Record<string, unknown>;
    expect(Object.keys(before).sort()).toEqual(Object.keys(after).sort());
    const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    expect(changed.sort()).toEqual(['name']);
  });

  it('writes no change log row for a refused call', async () => {
    await t.callError('partners.create', { name: '', type: 'autre' });
    await t.callError('partners.delete', { id: randomUUID() });
    expect(changes('partner')).toEqual([]);
  });
});

describe('contacts', () => {
  let partner: PartnerDetail;

  beforeEach(async () => {
    await newCommission();
    partner = await newPartner();
  });

  it('creates a contact with normalised fields', async () => {
    const contact = await t.call('contacts.create', {
      partnerId: partner.id,
      civility: 'Mme',
      firstName: ' Jeanne ',
      lastName: ' Dupont ',
      role: 'Directrice',
      email: ' jeanne.dupont@amicaledunid.org ',
      phone: '05 56 00 00 00',
      isMember: true,
      source: 'Annuaire 2025',
      confirmedOn: '2026-01-15',
      notes: '',
    });
    expect(contact).toEqual({
      id: expect.stringMatching(UUID),
      partnerId: partner.id,
      civility: 'Mme',
      firstName: 'Jeanne',
      lastName: 'Dupont',
      role: 'Directrice',
      email: 'jeanne.dupont@amicaledunid.org',
      phone: '05 56 00 00 00',
      isMember: true,
      // A member becomes the titulaire of a new seat of their structure, « membre de la commission » unless said otherwise.
      membership: { seatId: expect.stringMatching(UUID), seatLabel: partner.name, role: 'titulaire', title: 'commission' },
      receivesReturns: false,
      source: 'Annuaire 2025',
      confirmedOn: '2026-01-15',
      notes: null,
      createdAt: DEFAULT_NOW,
      updatedAt: DEFAULT_NOW,
    });
    expect(db().prepare(`SELECT role FROM seat_members WHERE contact_id = ? AND to_on IS NULL`).pluck().get(contact.id)).toBe('titulaire');
    expect((await t.call('partners.get', { id: partner.id })).contacts).toEqual([contact]);
  });

  it('answers not_found for a contact of a missing partner and writes nothing', async () => {
    const before = snapshot();
    const error = await t.callError('contacts.create', { partnerId: randomUUID(), lastName: 'Dupont' });
    expect(error).toEqual({ code: 'not_found', message: 'Cette structure n’existe plus : elle a peut-être été supprimée.' });
    expect(snapshot()).toEqual(before);
  });

  it('updates a contact and the partner list follows', async () => {
    const contact = await t.call('contacts.create', { partnerId: partner.id, firstName: 'Jeanne', lastName: 'Dupont' });
    t.clock.advance(5000);
    const updated = await t.call('contacts.update', { id: contact.id, civility: 'Mme', firstName: 'Jeanne', lastName: 'Durand', isMember: true, email: 'j.durand@exemple.fr' });
    expect(updated).toMatchObject({ id: contact.id, partnerId: partner.id, lastName: 'Durand', isMember: true, email: 'j.durand@exemple.fr', role: null, createdAt: DEFAULT_NOW, updatedAt: t.clock.iso() });
    expect((await t.call('partners.list'))[0]).toMatchObject({ contactNames: 'Jeanne Durand', membersCount: 1 });
  });

  it('answers not_found to an update or delete of a missing contact', async () => {
    const before = snapshot();
    expect(await t.callError('contacts.update', { id: randomUUID(), lastName: 'X' })).toEqual({ code: 'not_found', message: 'Ce contact n’existe plus : il a peut-être été supprimé.' });
    expect((await t.callError('contacts.delete', { id: randomUUID() })).code).toBe('not_found');
    expect(snapshot()).toEqual(before);
  });

  it('deletes a contact only', async () => {
    const a = await t.call('contacts.create', { partnerId: partner.id, lastName: 'Dupont' });
    const b = await t.call('contacts.create', { partnerId: partner.id, lastName: 'Martin' });
    expect(await t.call('contacts.delete', { id: a.id })).toEqual({ id: a.id, undo: { token: expect.any(String), seconds: 10 } });
    const detail = await t.call('partners.get', { id: partner.id });
    expect(detail.contacts.map((c) => c.id)).toEqual([b.id]);
    expect(detail.usage.contacts).toBe(1);
    expect((await t.callError('contacts.delete', { id: a.id })).code).toBe('not_found');
  });

  it('records each create, update and delete in the change log', async () => {
    const contact = await t.call('contacts.create', { partnerId: partner.id, lastName: 'Dupont' });
    await t.call('contacts.update', { id: contact.id, lastName: 'Durand' });
    await t.call('contacts.delete', { id: contact.id });
    const rows = changes('contact');
    expect(rows.map((r) => [r.op, r.entity_id])).toEqual([
      ['create', contact.id],
      ['update', contact.id],
      ['delete', contact.id],
    ]);
    expect(rows[0]!.before).toBeNull();
    expect(JSON.parse(rows[0]!.after!)).toEqual(contact);
    expect(JSON.parse(rows[1]!.before!)).toEqual(contact);
    expect(JSON.parse(rows[1]!.after!)).toMatchObject({ id: contact.id, lastName: 'Durand' });
    expect(JSON.parse(rows[2]!.before!)).toMatchObject({ id: contact.id, lastName: 'Durand' });
    expect(rows[2]!.after).toBeNull();
  });
});

/** Links a partner to one record of every kind that counts in its usage; returns the expected counts. */
function addUsage(partnerId: string, contactId: string) {
  const now = DEFAULT_NOW;
  const d = db();
  d.prepare("INSERT INTO actions (id, title, pilot_partner_id, status, created_at, updated_at) VALUES ('a1', 'Former les professionnels', ?, 'en_cours', ?, ?)").run(partnerId, now, now);
  d.prepare("INSERT INTO actions (id, title, status, created_at, updated_at) VALUES ('a2', 'Campagne', 'a_lancer', ?, ?)").run(now, now);
  d.prepare("INSERT INTO action_partners (action_id, partner_id) VALUES ('a2', ?)").run(partnerId);
  d.prepare("INSERT INTO protocols (id, title, kind, status, created_at, updated_at) VALUES ('pr1', 'Protocole', 'partenariat', 'signe', ?, ?)").run(now, now);
  d.prepare("INSERT INTO protocol_signatories (id, protocol_id, partner_id, structure_name) VALUES ('s1', 'pr1', ?, 'Amicale du Nid')").run(partnerId);
  d.prepare("INSERT INTO meetings (id, kind, starts_at, created_at, updated_at) VALUES ('m1', 'pleniere', '2026-03-10T14:00', ?, ?)").run(now, now);
  d.prepare("INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, name, structure, status) VALUES ('at1', 'm1', ?, ?, 'Jeanne Dupont', 'Amicale du Nid', 'present')").run(
    contactId,
    partnerId,
  );
  d.prepare("INSERT INTO follow_ups (id, meeting_id, text, owner_partner_id, owner_name, status, created_at, updated_at) VALUES ('f1', 'm1', 'Envoyer la liste', ?, 'Amicale du Nid', 'ouverte', ?, ?)").run(
    partnerId,
    now,
    now,
  );
  return { actionsPiloted: 1, actionsContributed: 1, protocolsSigned: 1, meetingAttendances: 1, followUps: 1 };
}
