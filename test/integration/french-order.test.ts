/**
 * Every list main returns is in French order, the order of the grids (Intl.Collator('fr')), where SQLite's
 * NOCASE put « Direction » before « Délégation », « Weber » before « Étienne », « Guyot » before « Guérin »
 * and « Œhlenschläger » after « Würtz ».
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbookContent } from '../../src/main/features/returns/workbook';
import { createTestRouter, type TestRouter } from '../helpers/router';

const french = new Intl.Collator('fr');

/** Fails with both orders when a list is not in French order (names differ by more than case or accents). */
function expectFrenchOrder(values: readonly string[]): void {
  expect(values.length).toBeGreaterThan(1);
  expect(values).toEqual([...values].sort(french.compare));
}

// Names where code-point order (NOCASE) and French order disagree.
const STRUCTURES = ['Direction départementale de l’emploi', 'Délégation aux droits des femmes', 'Œuvre de la Miséricorde', 'Würtz Conseil', 'École de la deuxième chance', 'Zonta club', 'Amicale du Nid'];
const PEOPLE = ['Weber', 'Étienne', 'Guyot', 'Guérin', 'Œhlenschläger', 'Würtz', 'Éloi', 'Zola'];

let t: TestRouter;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = createTestRouter(); // 5 March 2026
  await t.call('app.createCommission', { departmentCode: '33' });
  for (const name of STRUCTURES) ids.set(name, (await t.call('partners.create', { name, type: name === 'Amicale du Nid' ? 'association_sortie' : 'autre', commune: 'Bordeaux' })).id);
  // Every person in every structure but the last, members, never confirmed: the lists below sort them by structure or by name.
  for (const [i, lastName] of PEOPLE.entries()) {
    const partnerId = ids.get(STRUCTURES[i % (STRUCTURES.length - 1)]!)!;
    await t.call('contacts.create', { partnerId, lastName, isMember: true });
  }
  for (const title of ['Œuvrer avec les hôtels', 'Écoles : repérage', 'Zones rurales', 'Accueil de jour']) {
    const measure = (await t.call('catalogue.tree'))[0]!.nodes[0]!.id;
    const fiche = await t.call('actions.create', { title, code: '', measureIds: [measure], partnerIds: [...ids.values()].slice(0, 4) });
    ids.set(title, fiche.id);
  }
  for (const title of ['Protocole « Zéro tolérance »', 'Charte des hôteliers', 'Échange d’informations', 'Œuvre commune']) await t.call('protocols.create', { title, kind: 'charte', signatories: [] });
}, 60_000);
afterAll(() => t.cleanup());

describe('French order of the lists main returns', () => {
  it('the directory, its options, a structure’s contacts and its export', async () => {
    expectFrenchOrder((await t.call('partners.list')).map((p) => p.name));
    expectFrenchOrder((await t.call('partners.options')).map((p) => p.name));
    const direction = await t.call('partners.get', { id: ids.get('Direction départementale de l’emploi')! });
    expectFrenchOrder(direction.contacts.map((c) => c.lastName));

    const target = join(t.dir, 'annuaire.xlsx');
    t.os.queueSaveFile(target);
    await t.call('partners.export', { format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(target);
    const names: string[] = [];
    book.worksheets[0]!.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    expectFrenchOrder([...new Set(names)]);
  });

  it('the pickers of a session: structures, contacts, fiches, protocols', async () => {
    const options = await t.call('meetings.options');
    expectFrenchOrder(options.partners.map((p) => p.name));
    expectFrenchOrder(options.contacts.map((c) => c.name));
    expectFrenchOrder(options.actions.map((a) => a.label));
    expectFrenchOrder(options.protocols.map((p) => p.label));
    expectFrenchOrder((await t.call('protocols.actionOptions')).map((a) => a.code ?? a.title));
  });

  it('the composition’s picker of contacts', async () => {
    expectFrenchOrder((await t.call('composition.candidates', undefined)).map((c) => c.name));
  });

  it('a session’s participants: members first, by structure then name; the relevé reads the same list', async () => {
    const meeting = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-19', startTime: '09:30' });
    await t.call('attendees.addMembers', { id: meeting.id });
    await t.call('attendees.addPerson', { meetingId: meeting.id, name: 'Invité extérieur', structure: 'Association Abri', role: null, civility: null, partnerId: null });
    const { attendees } = await t.call('meetings.get', { id: meeting.id });
    expect(attendees.at(-1)?.isMember).toBe(false);
    const members = attendees.filter((a) => a.isMember);
    expectFrenchOrder([...new Set(members.map((a) => a.structure!))]);
    expect(members.map((a) => a.structure)).toEqual(members.map((a) => a.structure).sort((x, y) => french.compare(x!, y!)));
    const inDirection = members.filter((a) => a.structure === 'Direction départementale de l’emploi').map((a) => a.name);
    expectFrenchOrder(inDirection);
  });

  it('the registers and the contacts to reconfirm', async () => {
    // Fiches by reference (FA-001…), the grid's first column.
    expectFrenchOrder((await t.call('actions.list')).map((a) => a.code ?? ''));
    expectFrenchOrder((await t.call('protocols.list')).map((p) => p.title));
    const stale = (await t.call('gdpr.staleContacts')).contacts;
    expect(stale.every((c) => c.confirmedOn === null)).toBe(true);
    expectFrenchOrder(stale.map((c) => c.name));
    const associations = (await t.call('parcours.options')).associations;
    expect(associations[0]).toMatchObject({ name: 'Amicale du Nid', approved: true });
    expectFrenchOrder(associations.slice(1).map((a) => a.name));
  });

  it('the fiches and indicators of a request for returns: codes in numeric order, « A2 » before « A10 »', async () => {
    const pilot = ids.get('Zonta club')!;
    const measure = (await t.call('catalogue.tree'))[0]!.nodes[0]!.id;
    for (const [code, title] of [['A10', 'Dixième'], ['a3', 'Troisième'], ['A2', 'Deuxième'], ['B1', 'Premier du deuxième axe']] as const) {
      const fiche = await t.call('actions.create', { title, code, measureIds: [measure], partnerIds: [], pilotPartnerId: pilot, status: 'en_cours' });
      for (const name of ['Zones couvertes', 'Écoles sensibilisées']) await t.call('indicators.create', { actionId: fiche.id, name });
    }
    const campaign = await t.call('returns.create', { name: 'Ordre des fiches', periodFrom: '2026-01-01', periodTo: '2026-06-30', deadlineOn: '2026-03-31', replyTo: null });
    const request = campaign.requests.find((r) => r.partnerId === pilot)!;
    const content = workbookContent(t.session.require().db, t.session.require().path, request.id);
    // The indicators follow their fiches, in their order on the fiche.
    expect(content.fiches.map((f) => f.code)).toEqual(['A2', 'a3', 'A10', 'B1']);
    expect(content.indicators.map((i) => `${i.actionCode} ${i.name}`)).toEqual(
      ['A2', 'a3', 'A10', 'B1'].flatMap((code) => [`${code} Zones couvertes`, `${code} Écoles sensibilisées`]),
    );
  });

  it('the composition: on a seat, the titulaire then the suppléants by name', async () => {
    const seat = (await t.call('composition.get')).seats.find((s) => s.titulaire?.structure === 'Délégation aux droits des femmes')!;
    for (const lastName of ['Weber', 'Étienne', 'Œhlenschläger', 'Zola']) {
      const contact = await t.call('contacts.create', { partnerId: ids.get('Délégation aux droits des femmes')!, lastName: `${lastName} (suppl.)` });
      await t.call('composition.appointToSeat', { seatId: seat.id, contactId: contact.id, role: 'suppleant' });
    }
    const held = (await t.call('composition.get')).seats.find((s) => s.id === seat.id)!;
    expect(held.titulaire).not.toBeNull();
    expectFrenchOrder(held.suppleants.map((m) => m.name));
    expect(held.suppleants).toHaveLength(4);
  });
});
