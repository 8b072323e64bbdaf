import Database from 'better-sqlite3';
import { openProblemMessages } from '../../src/main/platform/system-errors';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { LATEST_VERSION } from '../../src/main/db/migrate';
import type { InputOf } from '../../src/shared/api';
import type { ApiErrorBody } from '../../src/shared/errors';
import type { CommissionSummary, PartnerDetail } from '../../src/shared/types';
import { createTestRouter, DEFAULT_NOW, type TestRouter } from '../helpers/router';

// A valid 1×1 PNG (signature, IHDR, IDAT, IEND).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
// SOI, a JFIF APP0 header start, EOI: enough for the JPEG check.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TestRouter;
const extra: { routers: TestRouter[]; dbs: Db[] } = { routers: [], dbs: [] };

beforeEach(() => {
  t = createTestRouter();
});

afterEach(() => {
  for (const r of extra.routers.splice(0)) r.cleanup();
  for (const d of extra.dbs.splice(0)) if (d.open) d.close();
  t.cleanup();
});

const db = () => t.session.require().db;
const count = (table: string, where = '1', ...params: unknown[]) => db().prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...params) as number;

interface ChangeRow {
  seq: number;
  at: string;
  entity: string;
  entity_id: string;
  op: string;
  before: string | null;
  after: string | null;
}
function changes(entity: string): ChangeRow[] {
  return db().prepare('SELECT * FROM change_log WHERE entity = ? ORDER BY seq').all(entity) as ChangeRow[];
}

/** Every row of the tables a call may write: to prove that a refused call wrote nothing. */
function snapshot(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['commission', 'partners', 'contacts', 'change_log']) out[table] = db().prepare(`SELECT * FROM ${table}`).all();
  return out;
}

/** A plain read-only look at a database file, outside the session. */
function peek(path: string): Db {
  const d = new Database(path, { readonly: true, fileMustExist: true });
  extra.dbs.push(d);
  return d;
}

function newCommission(departmentCode = '33'): Promise<CommissionSummary> {
  return t.call('app.createCommission', { departmentCode });
}

function newPartner(name = 'Amicale du Nid', fields: Partial<InputOf<'partners.create'>> = {}): Promise<PartnerDetail> {
  return t.call('partners.create', { name, type: 'association_sortie', ...fields });
}

function writeIncoming(name: string, bytes: Buffer | string): string {
  const folder = join(t.dir, 'incoming');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

const filesDirOf = (dbPath: string) => dbPath.replace(/\.maillage$/, '-fichiers');

describe('router errors', () => {
  it('answers unknown_channel for a channel that is not in the contract', async () => {
    for (const channel of ['partners.explode', 'app', '', 42, null, 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const result = await t.invoke(channel, {});
      expect(result, String(channel)).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Opération inconnue.' } });
    }
  });

  it('answers no_commission, in French, to channels that need an open commission', async () => {
    for (const [channel, input] of [
      ['partners.list', undefined],
      ['partners.create', { name: 'X', type: 'autre' }],
      ['contacts.delete', { id: randomUUID() }],
      ['settings.update', { name: 'CDLP', departmentCode: '33' }],
      ['settings.logo', undefined],
    ] as const) {
      const error = await t.callError(channel, input);
      expect(error.code, channel).toBe('no_commission');
      expect(error.message).toBe('Aucune commission n’est ouverte : créez-en une ou ouvrez un fichier.');
    }
  });

  it('does not show a dialog when no commission is open', async () => {
    expect((await t.callError('app.saveCopy')).code).toBe('no_commission');
    expect((await t.callError('settings.chooseLogo')).code).toBe('no_commission');
    expect(t.os.dialogs).toEqual([]);
  });

  it('reports app.status as empty before any commission', async () => {
    expect(await t.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
  });

  describe('validation', () => {
    beforeEach(async () => {
      await newCommission();
    });

    it('refuses a bad input with details, a French message, and writes nothing', async () => {
      const before = snapshot();
      const partnersBefore = count('partners');
      const error = await t.callError('partners.create', { name: '  ', type: 'mairie', postcode: '3300', website: 'pas un site' });
      expect(error.code).toBe('validation');
      expect(error.details).toEqual(
        expect.arrayContaining([
          { path: 'name', message: 'Le nom de la structure est obligatoire.' },
          { path: 'type', message: 'Choisissez un type de structure.' },
          { path: 'postcode', message: 'Le code postal doit comporter 5 chiffres.' },
          { path: 'website', message: 'Adresse de site invalide (exemple : www.exemple.fr).' },
        ]),
      );
      expect(error.details).toHaveLength(4);
      expect(error.message).toBe('Saisie à corriger (4 champs) : Le nom de la structure est obligatoire.');
      expect(count('partners')).toBe(partnersBefore);
      expect(snapshot()).toEqual(before);
    });

    it('names the single wrong field in the message', async () => {
      const error = await t.callError('partners.create', { name: 'X', type: 'autre', siret: '73282932000075' });
      expect(error).toEqual({
        code: 'validation',
        message: 'Saisie à corriger : SIRET invalide : 14 chiffres dont la clé de contrôle.',
        details: [{ path: 'siret', message: 'SIRET invalide : 14 chiffres dont la clé de contrôle.' }],
      });
    });

    it('gives nested paths and refuses unknown keys', async () => {
      const error = await t.callError('partners.create', { name: 'X', type: 'autre', domains: ['sante', 'magie'], couleur: 'bleu' });
      expect(error.code).toBe('validation');
      expect(error.details).toContainEqual({ path: 'domains.1', message: 'Domaine d’intervention inconnu.' });
      const unknownKey = error.details!.find((d) => d.path === '');
      expect(unknownKey?.message).toMatch(/Clé non reconnue/);
      expect(unknownKey?.message).toContain('couleur');
    });

    it('refuses NUL bytes before they reach the database', async () => {
      const before = snapshot();
      const error = await t.callError('partners.create', { name: 'Pré\u0000fecture', type: 'prefecture' });
      expect(error.details).toEqual([{ path: 'name', message: 'Ce texte contient des caractères non autorisés.' }]);
      expect(snapshot()).toEqual(before);
    });

    it('refuses inputs that are not objects, and extra input on channels that take none', async () => {
      for (const input of [undefined, null, 'Amicale', 42, []]) {
        expect((await t.callError('partners.create', input)).code).toBe('validation');
      }
      expect((await t.callError('partners.get', { id: 'not-a-uuid' })).details).toEqual([{ path: 'id', message: 'Identifiant invalide.' }]);
      expect((await t.callError('app.status', { verbose: true })).code).toBe('validation');
      expect((await t.callError('partners.list', { filter: 'x' })).code).toBe('validation');
    });

    it('counts one wrong field once: a mistyped date gives one detail', async () => {
      const partner = await newPartner();
      const error = await t.callError('contacts.create', { partnerId: partner.id, lastName: 'Dupont', confirmedOn: '05/03/2026' });
      expect(error.details).toEqual([{ path: 'confirmedOn', message: 'Date invalide (format attendu : jj/mm/aaaa).' }]);
      expect(error.message).toBe('Saisie à corriger : Date invalide (format attendu : jj/mm/aaaa).');
    });
  });

  it('turns an unexpected failure into « internal » with a plain French sentence, and logs the cause', async () => {
    await newCommission();
    db().close();
    const result = await t.invoke('partners.list', undefined);
    expect(result.ok).toBe(false);
    const error = (result as { ok: false; error: ApiErrorBody }).error;
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^Une erreur inattendue est survenue ; rien n’a été modifié\./);
    expect(error.message).not.toMatch(/\n|\bat \S+:\d+|TypeError|Error:|database connection/i);
    expect(t.logged).toHaveLength(1);
    const logged = t.logged[0] as Error & { cause?: Error };
    expect(logged.message).toBe('Channel partners.list failed');
    expect(logged.cause).toBeInstanceOf(Error);
    expect(String(logged.cause?.message)).toMatch(/not open/);
  });

  it('maps a SQLite constraint failure to a French conflict instead of an internal error', async () => {
    await newCommission();
    const partner = await newPartner();
    // The partner disappears between the check and the insert: simulated by a trigger that deletes it first.
    db().exec(`CREATE TEMP TRIGGER vanish BEFORE INSERT ON contacts BEGIN DELETE FROM partners WHERE id = NEW.partner_id; END;`);
    const error = await t.callError('contacts.create', { partnerId: partner.id, lastName: 'Dupont' });
    expect(error).toEqual({ code: 'conflict', message: 'Un élément lié n’existe plus. Rechargez la page et réessayez.' });
    db().exec('DROP TRIGGER vanish');
    // The transaction rolled back: the partner is still there and nothing was logged.
    expect(count('partners')).toBe(1);
    expect(count('contacts')).toBe(0);
    expect(changes('contact')).toEqual([]);
    expect(t.logged).toEqual([]);
  });
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

describe('settings', () => {
  let summary: CommissionSummary;

  beforeEach(async () => {
    summary = await newCommission();
  });

  it('updates the commission settings and records the change', async () => {
    t.clock.advance(60_000);
    const updated = await t.call('settings.update', { name: '  CDLP de Corse-du-Sud ', departmentCode: '2A', secretaryName: ' Marie Leroy ' });
    expect(updated).toEqual({ ...summary, name: 'CDLP de Corse-du-Sud', departmentCode: '2A', departmentName: 'Corse-du-Sud', secretaryName: 'Marie Leroy' });
    expect(await t.call('app.status')).toEqual({ commission: updated, damaged: null, unavailable: null });
    expect(db().prepare('SELECT updated_at FROM commission').pluck().get()).toBe(t.clock.iso());
    const rows = changes('commission');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ op: 'update', entity_id: '1', at: t.clock.iso() });
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ name: summary.name });
  });

  it('records the settings change with the same field names before and after', async () => {
    await t.call('settings.update', { name: 'CDLP', departmentCode: '33', secretaryName: 'Marie Leroy' });
    const row = changes('commission')[0]!;
    const before = JSON.parse(row.before!) as Record<string, unknown>;
    const after = JSON.parse(row.after!) as Record<string, unknown>;
    expect(Object.keys(before).sort()).toEqual(Object.keys(after).sort());
  });

  it('refuses settings without a name and keeps the old ones', async () => {
    const before = snapshot();
    const error = await t.callError('settings.update', { name: '', departmentCode: '975' });
    expect(error.details).toEqual([
      { path: 'name', message: 'Le nom de la commission est obligatoire.' },
      { path: 'departmentCode', message: 'Département inconnu : choisissez-le dans la liste.' },
    ]);
    expect(snapshot()).toEqual(before);
  });

  it('copies a chosen PNG logo into the commission files and serves it as a data URL', async () => {
    const source = writeIncoming('Logo Préfecture.PNG', PNG);
    t.os.queueOpenFile(source);
    const updated = await t.call('settings.chooseLogo');
    expect(updated).toEqual({ ...summary, logoFile: 'logo.png' });
    const copied = join(filesDirOf(summary.filePath), 'logo.png');
    expect(readFileSync(copied).equals(PNG)).toBe(true);
    expect(t.os.dialogs).toEqual([{ kind: 'open', title: 'Choisir le logo de la préfecture', filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg'] }] }]);
    expect(await t.call('settings.logo')).toEqual({ fileName: 'logo.png', dataUrl: `data:image/png;base64,${PNG.toString('base64')}` });
    // The source can go away: the commission keeps its own copy.
    rmSync(source);
    expect((await t.call('settings.logo'))?.fileName).toBe('logo.png');
  });

  it('takes a JPEG logo too', async () => {
    t.os.queueOpenFile(writeIncoming('logo.jpeg', JPEG));
    // Stored under one name per format, so that replacing a logo never leaves the old one behind.
    expect((await t.call('settings.chooseLogo'))?.logoFile).toBe('logo.jpg');
    expect((await t.call('settings.logo'))?.dataUrl).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
  });

  it('replaces a PNG logo by a JPEG one without leaving the old file, and records both changes', async () => {
    const summary = (await t.call('app.status')).commission!;
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    t.os.queueOpenFile(writeIncoming('logo.jpeg', JPEG));
    await t.call('settings.chooseLogo');
    expect(readdirSync(filesDirOf(summary.filePath))).toEqual(['logo.jpg', 'sauvegardes']);
    const changes = db().prepare("SELECT before, after FROM change_log WHERE entity = 'commission' ORDER BY seq").all();
    expect(changes).toEqual([
      { before: '{"logoFile":null}', after: '{"logoFile":"logo.png"}' },
      { before: '{"logoFile":"logo.png"}', after: '{"logoFile":"logo.jpg"}' },
    ]);
  });

  it('does nothing when the dialog is cancelled', async () => {
    t.os.queueOpenFile(null);
    expect(await t.call('settings.chooseLogo')).toBeNull();
    expect((await t.call('app.status')).commission?.logoFile).toBeNull();
    expect(await t.call('settings.logo')).toBeNull();
  });

  it('refuses a file that is not an image, and changes nothing', async () => {
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    const before = snapshot();

    t.os.queueOpenFile(writeIncoming('faux-logo.png', 'Ceci est un texte, pas une image.'));
    const notPng = await t.callError('settings.chooseLogo');
    expect(notPng).toEqual({ code: 'validation', message: 'Le fichier faux-logo.png n’est pas une image PNG valide.' });

    t.os.queueOpenFile(writeIncoming('compte-rendu.pdf', '%PDF-1.7'));
    expect(await t.callError('settings.chooseLogo')).toEqual({ code: 'validation', message: 'Le logo doit être une image PNG ou JPEG.' });

    t.os.queueOpenFile(writeIncoming('photo.jpg', PNG));
    expect((await t.callError('settings.chooseLogo')).message).toBe('Le fichier photo.jpg n’est pas une image JPEG valide.');

    expect(snapshot()).toEqual(before);
    expect(readdirSync(filesDirOf(summary.filePath))).toEqual(['logo.png', 'sauvegardes']);
    expect(readFileSync(join(filesDirOf(summary.filePath), 'logo.png')).equals(PNG)).toBe(true);
  });

  it('refuses a non-image without writing to the files folder', async () => {
    t.os.queueOpenFile(writeIncoming('texte.png', 'pas une image'));
    expect((await t.callError('settings.chooseLogo')).code).toBe('validation');
    // Only the backup taken when the commission was opened is there.
    expect(readdirSync(filesDirOf(summary.filePath))).toEqual(['sauvegardes']);
  });

  it('answers io when the chosen file cannot be read', async () => {
    t.os.queueOpenFile(join(t.dir, 'absent.png'));
    expect(await t.callError('settings.chooseLogo')).toEqual({ code: 'io', message: 'Impossible de lire le fichier absent.png.' });
  });

  it('removes the logo and its file', async () => {
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    const removed = await t.call('settings.removeLogo');
    expect(removed).toEqual({ ...summary, logoFile: null });
    expect(existsSync(join(filesDirOf(summary.filePath), 'logo.png'))).toBe(false);
    expect(await t.call('settings.logo')).toBeNull();
    // Removing again is harmless.
    expect((await t.call('settings.removeLogo')).logoFile).toBeNull();
  });

  it('shows no logo when its file has gone missing', async () => {
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    rmSync(join(filesDirOf(summary.filePath), 'logo.png'));
    expect(await t.call('settings.logo')).toBeNull();
  });
});

describe('app', () => {
  it('creates a commission with its default name and opens it', async () => {
    const summary = await newCommission('33');
    expect(summary).toEqual({
      name: expect.stringMatching(/^Commission départementale de lutte contre la prostitution.*– Gironde$/),
      departmentCode: '33',
      departmentName: 'Gironde',
      secretaryName: null,
      prefectureCity: null,
      secretariatContact: null,
      prefectCivility: null,
      prefectName: null,
      signatoryName: null,
      signatoryTitle: null,
      signsByDelegation: false,
      logoFile: null,
      filePath: join(t.dir, 'commissions', 'commission-33.maillage'),
      readOnly: false,
    });
    expect(existsSync(summary.filePath)).toBe(true);
    expect(await t.call('app.status')).toEqual({ commission: summary, damaged: null, unavailable: null });
    expect(count('frameworks')).toBe(2);
  });

  it('takes a given name, trimmed', async () => {
    const summary = await t.call('app.createCommission', { departmentCode: '2A', name: '  CDLP Corse-du-Sud ' });
    expect(summary).toMatchObject({ name: 'CDLP Corse-du-Sud', departmentName: 'Corse-du-Sud', filePath: join(t.dir, 'commissions', 'commission-2a.maillage') });
  });

  it('creates two distinct files for the same département', async () => {
    const first = await newCommission('33');
    await newPartner('Dans la première');
    const second = await newCommission('33');
    expect(second.filePath).not.toBe(first.filePath);
    expect(existsSync(first.filePath) && existsSync(second.filePath)).toBe(true);
    expect((await t.call('app.status')).commission?.filePath).toBe(second.filePath);
    expect(await t.call('partners.list')).toEqual([]);
    expect(peek(first.filePath).prepare('SELECT name FROM partners').pluck().all()).toEqual(['Dans la première']);
  });

  it('refuses an unknown département without creating a file', async () => {
    const error = await t.callError('app.createCommission', { departmentCode: '975' });
    expect(error.details).toEqual([{ path: 'departmentCode', message: 'Département inconnu : choisissez-le dans la liste.' }]);
    expect(existsSync(join(t.dir, 'commissions'))).toBe(false);
    expect(await t.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
  });

  it('opens a commission file chosen by the user', async () => {
    const first = await newCommission('33');
    await newPartner('Amicale du Nid');
    await newCommission('40');
    t.os.queueOpenFile(first.filePath);
    expect(await t.call('app.open')).toEqual({ commission: first, damaged: null, unavailable: null });
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
    expect(t.os.dialogs.at(-1)).toMatchObject({ kind: 'open', filters: [{ name: 'Commission Maillage', extensions: ['maillage', 'sqlite'] }] });
  });

  it('returns null when the open dialog is cancelled, keeping the current commission', async () => {
    const current = await newCommission();
    t.os.queueOpenFile(null);
    expect(await t.call('app.open')).toBeNull();
    expect((await t.call('app.status')).commission).toEqual(current);
  });

  it('refuses a file that is not a database with an io error, keeping the current commission open', async () => {
    const current = await newCommission();
    await newPartner('Amicale du Nid');
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    const path = writeIncoming('pas-une-commission.maillage', garbage);
    t.os.queueOpenFile(path);
    const error = await t.callError('app.open');
    expect(error).toEqual({ code: 'io', message: 'Ce fichier n’est pas une commission Maillage, ou il est endommagé.' });
    expect((await t.call('app.status')).commission).toEqual(current);
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
    expect(readFileSync(path).equals(garbage)).toBe(true);
    expect(JSON.parse(readFileSync(join(t.dir, 'preferences.json'), 'utf8'))).toEqual({ lastCommission: current.filePath });
  });

  it('answers io for a file that has disappeared', async () => {
    await newCommission();
    t.os.queueOpenFile(join(t.dir, 'disparu.maillage'));
    expect(await t.callError('app.open')).toEqual({ code: 'io', message: openProblemMessages.missing });
  });

  it('refuses a database from a newer Maillage with its explanation', async () => {
    const current = await newCommission('33');
    const other = await newCommission('40');
    t.session.close();
    const raw = new Database(other.filePath);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    t.os.queueOpenFile(current.filePath);
    await t.call('app.open');
    t.os.queueOpenFile(other.filePath);
    const error = await t.callError('app.open');
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/version plus récente de Maillage/);
    expect((await t.call('app.status')).commission?.filePath).toBe(current.filePath);
  });

  it('refuses a SQLite file from another program and leaves it untouched', async () => {
    const current = await newCommission();
    const path = join(t.dir, 'incoming', 'autre-logiciel.sqlite');
    mkdirSync(join(t.dir, 'incoming'), { recursive: true });
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE contacts_crm (id INTEGER PRIMARY KEY, nom TEXT); INSERT INTO contacts_crm (nom) VALUES ('Dupont');");
    foreign.close();
    const bytes = readFileSync(path);

    t.os.queueOpenFile(path);
    const error = await t.callError('app.open');
    expect(error.code).toBe('io');
    expect((await t.call('app.status')).commission).toEqual(current);

    const check = peek(path);
    expect(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['contacts_crm']);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('saves a copy that opens and holds the same partners, contacts and logo', async () => {
    const original = await newCommission('33');
    const nid = await newPartner('Amicale du Nid');
    await t.call('contacts.create', { partnerId: nid.id, firstName: 'Jeanne', lastName: 'Dupont', isMember: true });
    await newPartner('CIDFF');
    t.os.queueOpenFile(writeIncoming('logo.png', PNG));
    await t.call('settings.chooseLogo');
    const listBefore = await t.call('partners.list');

    const target = join(t.dir, 'sauvegardes', 'copie.maillage');
    mkdirSync(join(t.dir, 'sauvegardes'));
    t.os.queueSaveFile(target);
    expect(await t.call('app.saveCopy')).toEqual({ path: target });
    expect(t.os.dialogs.at(-1)).toMatchObject({ kind: 'save', defaultName: 'commission-33-copie.maillage' });
    expect(readFileSync(join(t.dir, 'sauvegardes', 'copie-fichiers', 'logo.png')).equals(PNG)).toBe(true);

    t.os.queueOpenFile(target);
    const copy = await t.call('app.open');
    expect(copy).toEqual({ commission: { ...original, logoFile: 'logo.png', filePath: target }, damaged: null, unavailable: null });
    expect(await t.call('partners.list')).toEqual(listBefore);
    expect((await t.call('partners.get', { id: nid.id })).contacts.map((c) => c.lastName)).toEqual(['Dupont']);
    expect((await t.call('settings.logo'))?.dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(db().pragma('integrity_check', { simple: true })).toBe('ok');

    // The copy lives on its own: a change there does not reach the original.
    await newPartner('Seulement dans la copie');
    expect(peek(original.filePath).prepare('SELECT count(*) FROM partners').pluck().get()).toBe(2);
  });

  it('returns null when the save dialog is cancelled, without writing anything', async () => {
    await newCommission();
    const before = readdirSync(join(t.dir, 'commissions')).sort();
    t.os.queueSaveFile(null);
    expect(await t.call('app.saveCopy')).toBeNull();
    expect(readdirSync(join(t.dir, 'commissions')).sort()).toEqual(before);
  });

  it('does not overwrite the open commission with a copy of itself', async () => {
    const current = await newCommission();
    await newPartner('Amicale du Nid');
    t.os.queueSaveFile(current.filePath);
    expect((await t.callError('app.saveCopy', undefined)).code).toBe('validation');
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
    expect(db().pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('reopens the last commission in a new session on the same data folder', async () => {
    const summary = await newCommission('33');
    await newPartner('Amicale du Nid');
    await t.call('settings.update', { name: 'CDLP Gironde', departmentCode: '33', secretaryName: 'Marie Leroy' });
    t.session.close();

    const next = createTestRouter({ dir: t.dir });
    extra.routers.push(next);
    expect(await next.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
    const reopened = await next.session.reopenLast();
    expect(reopened).toEqual({ commission: { ...summary, name: 'CDLP Gironde', secretaryName: 'Marie Leroy' }, damaged: null, unavailable: null });
    expect(await next.call('app.status')).toEqual(reopened);
    expect((await next.call('partners.list')).map((p) => p.name)).toEqual(['Amicale du Nid']);
  });

  it('reopens nothing when the last commission file has gone', async () => {
    const summary = await newCommission('33');
    t.session.close();
    rmSync(summary.filePath);
    const next = createTestRouter({ dir: t.dir });
    extra.routers.push(next);
    expect(await next.session.reopenLast()).toBeNull();
    expect(await next.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
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
