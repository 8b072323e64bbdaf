/**
 * What the bilan reads: of the directory, its members in the main document, the whole directory only for the spreadsheet;
 * of the journal, its states, and its texts only for annex B.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapDetailed } from '../../src/main/documents/report/mapper';
import { readDirectory, readReportData } from '../../src/main/features/reports/reports';
import { reportOptions } from '../../src/shared/schemas/reports';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
let paul: string;
beforeEach(async () => {
  t = createTestRouter(); // 5 March 2026
  await t.call('app.createCommission', { departmentCode: '33' });
  const nid = await t.call('partners.create', { name: 'Amicale du Nid', type: 'association_sortie', domains: ['accompagnement', 'prevention'], address: '12 rue Sainte-Catherine', postcode: '33000', commune: 'Bordeaux' });
  await t.call('contacts.create', { partnerId: nid.id, civility: 'Mme', firstName: 'Hélène', lastName: 'Desfontaines', role: 'Directrice', email: 'h.desfontaines@nid.fr', isMember: true });
  paul = (await t.call('contacts.create', { partnerId: nid.id, firstName: 'Paul', lastName: 'Bernard', phone: '05 56 00 00 00' })).id;
  await t.call('partners.create', { name: 'Conseil départemental', type: 'conseil_departemental', website: 'https://gironde.fr' });
});
afterEach(() => t.cleanup());

const open = () => t.session.require();

describe('the bilan’s reading of the directory', () => {
  it('gives each structure its members and a count of its contacts, no personal details', () => {
    const { db, path } = open();
    const partners = readReportData(db, path, new Date('2026-03-05T12:00:00Z')).partners.sort((a, b) => a.name.localeCompare(b.name));
    expect(partners).toEqual([
      { name: 'Amicale du Nid', type: 'association_sortie', domains: ['accompagnement', 'prevention'], createdOn: '2026-03-05', members: [{ name: 'Mme Hélène Desfontaines', role: 'Directrice', fromOn: null, toOn: null }], contactCount: 2 },
      { name: 'Conseil départemental', type: 'conseil_departemental', domains: [], createdOn: '2026-03-05', members: [], contactCount: 0 },
    ]);
  });

  it('writes the directory without contacts unless asked, by name, only the structures known at the end of the period', () => {
    const { db } = open();
    expect(readDirectory(db, '2026-12-31', false)).toEqual([
      { structure: 'Amicale du Nid', type: 'Association agréée parcours de sortie', domains: 'Accompagnement social, Prévention / sensibilisation', address: '12 rue Sainte-Catherine, 33000 Bordeaux', website: '', name: '', role: '', member: false, email: '', phone: '' },
      { structure: 'Conseil départemental', type: 'Conseil départemental (ASE, PMI, prévention spécialisée)', domains: '', address: '', website: 'https://gironde.fr', name: '', role: '', member: false, email: '', phone: '' },
    ]);
    const withContacts = readDirectory(db, '2026-12-31', true);
    expect(withContacts.map((r) => [r.structure, r.name, r.member, r.email, r.phone])).toEqual([
      ['Amicale du Nid', 'Paul Bernard', false, '', '05 56 00 00 00'],
      ['Amicale du Nid', 'Mme Hélène Desfontaines', true, 'h.desfontaines@nid.fr', ''],
      ['Conseil départemental', '', false, '', ''],
    ]);
    expect(readDirectory(db, '2026-03-04', true)).toEqual([]);
  });

  it('follows a contact edited afterwards: made a member and given a role, in the members and in the directory', async () => {
    await t.call('contacts.update', { id: paul, firstName: 'Paul', lastName: 'Bernard', role: 'Chef de service', isMember: true });
    const { db, path } = open();
    const nid = readReportData(db, path, new Date('2026-03-05T12:00:00Z')).partners.find((p) => p.name === 'Amicale du Nid')!;
    expect(nid.members).toEqual([
      { name: 'Paul Bernard', role: 'Chef de service', fromOn: '2026-03-05', toOn: null },
      { name: 'Mme Hélène Desfontaines', role: 'Directrice', fromOn: null, toOn: null },
    ]);
    expect(nid.contactCount).toBe(2);
    expect(readDirectory(db, '2026-12-31', true).find((r) => r.name === 'Paul Bernard')).toMatchObject({ role: 'Chef de service', member: true });
  });
});

describe('the bilan’s reading of the journal', () => {
  it('reads the states for the main document and the texts only for annex B, which refuses a journal read without them', async () => {
    const measureId = open().db.prepare("SELECT id FROM catalogue_nodes WHERE code = 'PLAN2021-A5'").pluck().get() as string;
    const action = await t.call('actions.create', { title: 'Former les professionnels', measureIds: [measureId] });
    await t.call('journal.create', { actionId: action.id, entryOn: '2026-03-01', text: 'Deux sessions de formation', status: 'en_cours', meteo: 'soleil', progress: 30 });
    const { db, path } = open();
    const now = new Date('2026-03-05T12:00:00Z');
    const states = readReportData(db, path, now).journal.find((e) => e.entryOn === '2026-03-01');
    expect(states).toMatchObject({ text: null, status: 'en_cours', meteo: 'soleil', progress: 30 });
    const withTexts = readReportData(db, path, now, true);
    expect(withTexts.journal.find((e) => e.entryOn === '2026-03-01')).toMatchObject({ text: 'Deux sessions de formation', status: 'en_cours' });

    const options = reportOptions.parse({ from: '2026-01-01', to: '2026-12-31' });
    const card = mapDetailed(withTexts, options).frameworks.flatMap((f) => f.parts).flatMap((p) => p.cards)[0]!;
    expect(card.journal.map((e) => e.text)).toContain('Deux sessions de formation (statut : en cours, météo : soleil (objectifs sécurisés), avancement : 30 %)');
    expect(() => mapDetailed(readReportData(db, path, now), options)).toThrow(/sans ses textes/);
  });
});
