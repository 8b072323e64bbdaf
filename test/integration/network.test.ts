import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(async () => {
  t = createTestRouter(); // 5 March 2026
  await t.call('app.createCommission', { departmentCode: '33' });
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;

describe('Cartographie', () => {
  it('counts structures by type × domain and by commune, and names the gaps', async () => {
    await t.call('partners.create', { name: 'Amicale du Nid', type: 'association_sortie', domains: ['accompagnement', 'prevention'], commune: 'Bordeaux' });
    await t.call('partners.create', { name: 'CIDFF', type: 'association_sortie', domains: ['accompagnement'], commune: 'bordeaux' });
    await t.call('partners.create', { name: 'Parquet', type: 'parquet', domains: ['justice'], commune: 'Libourne' });
    await t.call('partners.create', { name: 'Mairie', type: 'commune' });
    const map = await t.call('network.map');
    expect(map.partners).toBe(4);
    const sortie = map.rows.find((r) => r.type === 'association_sortie')!;
    expect(sortie).toMatchObject({ total: 2, withoutDomain: 0 });
    expect(sortie.byDomain).toMatchObject({ accompagnement: 2, prevention: 1, hebergement: 0 });
    expect(map.domainTotals.hebergement).toBe(0);
    expect(map.gaps.domains).toEqual(['reperage', 'hebergement', 'sante', 'formation', 'insertion', 'recherche']);
    expect(map.gaps.types).toContain('hebergement');
    expect(map.gaps.types).not.toContain('parquet');
    // The professional orders are part of the typology: a network without one shows the gap.
    expect(map.gaps.types).toContain('ordre_professionnel');
    expect(map.communes.map((c) => [c.commune, c.total])).toEqual([
      ['Bordeaux', 2],
      ['Commune non renseignée', 1],
      ['Libourne', 1],
    ]);

    const target = join(t.dir, 'carto.xlsx');
    t.os.queueSaveFile(target);
    await t.call('network.exportMap', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Types × domaines', 'Communes', 'Lacunes']);
    const matrix = wb.worksheets[0]!;
    expect(matrix.getCell('A1').value).toBe('Cartographie du réseau : 4 structures par type et domaine d’intervention');
    expect(matrix.getRow(3).values).toContain('Hébergement / mise à l’abri');
    expect(wb.worksheets[2]!.getCell('B2').value).toBe('Repérage / signalement');
  });
});

describe('GDPR for contacts', () => {
  async function person() {
    const partner = await t.call('partners.create', { name: 'Brigade de protection des familles', type: 'police' });
    const contact = await t.call('contacts.create', {
      partnerId: partner.id,
      civility: 'Mme',
      firstName: 'Anaïs',
      lastName: 'Bézier',
      email: 'anais.bezier@interieur.gouv.fr',
      source: 'Annuaire de la préfecture',
      confirmedOn: '2023-01-10',
    });
    return { partner, contact };
  }

  it('lists contacts never confirmed or not confirmed for 24 months, and confirms them', async () => {
    const { partner, contact } = await person();
    await t.call('contacts.create', { partnerId: partner.id, lastName: 'Récent', confirmedOn: '2024-06-01' });
    await t.call('contacts.create', { partnerId: partner.id, lastName: 'Jamais' });
    expect((await t.call('gdpr.staleContacts')).contacts.map((c) => c.name)).toEqual(['Jamais', 'Mme Anaïs Bézier']);
    expect(await t.call('gdpr.staleContacts', { limit: 1 })).toMatchObject({ total: 2, contacts: [{ name: 'Jamais' }] });
    expect(await t.call('gdpr.confirm', { id: contact.id })).toEqual({ id: contact.id, confirmedOn: '2026-03-05' });
    expect((await t.call('gdpr.staleContacts')).contacts.map((c) => c.name)).toEqual(['Jamais']);
  });

  it('erases a person everywhere: contact, attendance, follow-ups, signatures, history', async () => {
    const { partner, contact } = await person();
    const other = await t.call('contacts.create', { partnerId: partner.id, firstName: 'Paul', lastName: 'Martin' });
    const meeting = randomUUID();
    const at = '2026-01-01T00:00:00Z';
    db().prepare("INSERT INTO meetings (id, kind, starts_at, created_at, updated_at) VALUES (?, 'pleniere', '2026-01-15T14:00', ?, ?)").run(meeting, at, at);
    const insertAttendee = db().prepare('INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, status, represented_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insertAttendee.run(randomUUID(), meeting, contact.id, partner.id, 'Mme', 'Anaïs Bézier', 'Commandante', 'present', null);
    insertAttendee.run(randomUUID(), meeting, other.id, partner.id, 'M.', 'Paul Martin', null, 'represente', 'Mme Anaïs Bézier');
    insertAttendee.run(randomUUID(), meeting, null, null, null, 'Anaïs Bézier-Durand', null, 'present', null);
    db().prepare("INSERT INTO follow_ups (id, meeting_id, text, owner_partner_id, owner_name, status, created_at, updated_at) VALUES (?, ?, 'Transmettre la trame', ?, 'Anaïs Bézier', 'ouverte', ?, ?)").run(randomUUID(), meeting, partner.id, at, at);
    const protocol = await t.call('protocols.create', {
      title: 'Protocole',
      kind: 'charte',
      signatories: [{ partnerId: partner.id, structureName: partner.name, signerName: 'Mme Anaïs Bézier', signerRole: 'Commandante' }],
    });

    // Export first: everything held about her.
    const target = join(t.dir, 'donnees.xlsx');
    t.os.queueSaveFile(target);
    await t.call('gdpr.exportPerson', { id: contact.id });
    expect(t.os.dialogs.at(-1)?.defaultName).toBe('donnees-anais-bezier.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const values = wb.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(values).toEqual(expect.arrayContaining(['anais.bezier@interieur.gouv.fr', 'Séance plénière du 15/01/2026', 'Présent', 'représente Paul Martin', 'Transmettre la trame', 'Protocole', 'Création']));

    const report = await t.call('gdpr.erase', { id: contact.id });
    expect(report.name).toBe('Mme Anaïs Bézier');
    expect(report.places).toEqual([
      { place: 'Signataires de protocoles', count: 1 },
      { place: 'Listes de présence', count: 1 },
      { place: 'Listes de présence (« représenté par »)', count: 1 },
      { place: 'Responsables des suites à donner', count: 1 },
    ]);
    expect(report.history).toBeGreaterThanOrEqual(2);
    expect(db().prepare('SELECT count(*) FROM contacts WHERE id = ?').pluck().get(contact.id)).toBe(0);
    expect(db().prepare('SELECT name, represented_by, contact_id FROM meeting_attendees ORDER BY name').all()).toEqual([
      { name: 'Anaïs Bézier-Durand', represented_by: null, contact_id: null },
      { name: 'Paul Martin', represented_by: 'Personne effacée', contact_id: other.id },
      { name: 'Personne effacée', represented_by: null, contact_id: null },
    ]);
    expect(db().prepare('SELECT owner_name FROM follow_ups').pluck().get()).toBe('Personne effacée');
    expect((await t.call('protocols.get', { id: protocol.id })).signatories[0]).toMatchObject({ structureName: partner.name, signerName: 'Personne effacée', signerRole: null });
    const history = db().prepare('SELECT before, after FROM change_log').all() as { before: string | null; after: string | null }[];
    const dump = JSON.stringify(history);
    expect(dump).not.toContain('Bézier');
    expect(dump).not.toContain('anais.bezier');
    expect(dump).toContain('Paul');
    const erasure = db().prepare("SELECT before FROM change_log WHERE entity = 'contact' AND entity_id = ? AND op = 'delete'").pluck().get(contact.id);
    expect(JSON.parse(erasure as string)).toEqual({ erased: true, partnerId: partner.id });
  });
});
