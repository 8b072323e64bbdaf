/**
 * « Effacer partout » leaves the name nowhere in the commission's file: a person present in every
 * place a name is kept (contact, attendance and « représenté par », session chair, agenda presenter,
 * the commission's secretary, protocol signatory, follow-up owner, and the change log of all of it)
 * is erased, then the raw bytes of the .maillage file and of its -wal are searched for the name,
 * while the commission is still open.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(() => {
  t = createTestRouter();
});
afterEach(() => t.cleanup());

function rawBytes(path: string): Buffer {
  return Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
}

describe('erasing a person everywhere', () => {
  it('leaves the name neither in the database file nor in its WAL', async () => {
    const summary = await t.call('app.createCommission', { departmentCode: '33', name: null });
    const partner = await t.call('partners.create', { name: 'Brigade de protection des familles', type: 'police', domains: [] });
    const contact = await t.call('contacts.create', { partnerId: partner.id, civility: 'Mme', firstName: 'Anaïs', lastName: 'Quelennec', role: 'Commandante', email: 'anais.quelennec@interieur.gouv.fr', isMember: true });
    const other = await t.call('contacts.create', { partnerId: partner.id, civility: 'M.', firstName: 'Paul', lastName: 'Martin', isMember: true });
    await t.call('settings.update', { name: summary.name, departmentCode: '33', secretaryName: 'Anaïs Quelennec, déléguée départementale' });
    const meeting = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-20', startTime: '14:00', endTime: '16:00', chair: 'Mme Anaïs Quelennec', place: 'Préfecture' });
    const withItem = await t.call('agenda.create', { meetingId: meeting.id, title: 'Repérage dans les hôtels', presenter: 'Anaïs Quelennec (BPF)', durationMin: 20, links: { actionIds: [], protocolIds: [] } });
    const paul = withItem.attendees.find((a) => a.contactId === other.id)!;
    await t.call('attendees.setAttendance', { id: paul.id, status: 'supplee', representedBy: 'Mme Anaïs Quelennec' });
    await t.call('followUps.create', { meetingId: meeting.id, text: 'Transmettre la trame', ownerPartnerId: partner.id, ownerName: 'Anaïs Quelennec' });
    await t.call('protocols.create', { title: 'Protocole', kind: 'charte', signatories: [{ partnerId: partner.id, structureName: partner.name, signerName: 'Mme Anaïs Quelennec', signerRole: 'Commandante' }] });
    // A namesake in another family stays.
    await t.call('attendees.addPerson', { meetingId: meeting.id, name: 'Anaïs Quelennec-Durand', civility: null, role: null, structure: null, partnerId: null });
    expect(rawBytes(summary.filePath).includes('Quelennec')).toBe(true);

    const report = await t.call('gdpr.erase', { id: contact.id });
    // « other »: the chair, the presenter, the secretary, and her appointment to the commission's seat.
    expect(report).toMatchObject({ attendances: 2, followUps: 1, signatories: 1, other: 4 });

    const { db } = t.session.require();
    expect(db.prepare('SELECT chair FROM meetings').pluck().get()).toBe('Personne effacée');
    expect(db.prepare('SELECT presenter FROM agenda_items').pluck().get()).toBe('Personne effacée');
    expect(db.prepare('SELECT secretary_name FROM commission').pluck().get()).toBe('Personne effacée');
    expect(db.prepare("SELECT count(*) FROM meeting_attendees WHERE name = 'Anaïs Quelennec-Durand'").pluck().get()).toBe(1);
    // Every copy of the name in the file and the WAL, but the namesake's, is gone.
    const raw = rawBytes(summary.filePath).toString('latin1');
    const found = raw.match(/Quelennec(?!-Durand)/g) ?? [];
    const namesake = Buffer.from('Quelennec-Durand', 'utf8').toString('latin1');
    const rest = raw.split(namesake).join('');
    const at = rest.indexOf('Quelennec');
    expect(at, rest.slice(Math.max(0, at - 200), at + 100).replace(/[^\x20-\x7e]/g, '.')).toBe(-1);
    expect(found).toEqual([]);
    expect(raw.includes(namesake)).toBe(true);
    expect(raw.includes('anais.quelennec')).toBe(false);
    // The commission is still open and usable.
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Brigade de protection des familles']);
  });
});
