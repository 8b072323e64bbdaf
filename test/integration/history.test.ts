/** history.forRecord: what the Historique panel shows, from the change log the services write. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(async () => {
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33', name: null });
});
afterEach(() => t.cleanup());

it('shows a partner’s changes with French labels and formatted values, newest first, with its contacts', async () => {
  const p = await t.call('partners.create', { name: 'Amicale du Nid', type: 'association_sortie', domains: ['accompagnement', 'hebergement'] });
  t.clock.advance(60_000);
  await t.call('partners.update', { id: p.id, name: 'Amicale du Nid', type: 'association_sortie', domains: ['accompagnement'], commune: 'Bordeaux' });
  t.clock.advance(60_000);
  const c = await t.call('contacts.create', { partnerId: p.id, firstName: 'Claire', lastName: 'Martin', confirmedOn: '2026-02-01' });
  t.clock.advance(60_000);
  await t.call('contacts.delete', { id: c.id });

  const history = await t.call('history.forRecord', { entity: 'partner', id: p.id });
  expect(history.map((e) => [e.op, e.entity, e.subject])).toEqual([
    ['delete', 'contact', 'Claire Martin'],
    ['create', 'contact', 'Claire Martin'],
    ['update', 'partner', null],
    ['create', 'partner', null],
  ]);
  const update = history[2]!;
  expect(update.changes.filter((ch) => ch.changed)).toEqual([
    { field: 'domains', label: 'Domaines d’intervention', before: 'Accompagnement social, Hébergement / mise à l’abri', after: 'Accompagnement social', changed: true },
    { field: 'commune', label: 'Commune', before: null, after: 'Bordeaux', changed: true },
  ]);
  expect(update.changes.find((ch) => ch.field === 'name')).toMatchObject({ label: 'Nom', changed: false });
  const created = history[1]!;
  expect(created.changes.find((ch) => ch.field === 'confirmedOn')).toMatchObject({ label: 'Coordonnées confirmées le', after: '01/02/2026' });
  // Identifiers and bookkeeping timestamps are not fields a user reads.
  expect(history.flatMap((e) => e.changes.map((ch) => ch.field)).filter((f) => /Id$|^id$|At$/.test(f))).toEqual([]);
});

it('records the contacts deleted with their structure in their own history', async () => {
  const p = await t.call('partners.create', { name: 'CIDFF', type: 'association_sortie' });
  const c = await t.call('contacts.create', { partnerId: p.id, lastName: 'Durand' });
  await t.call('partners.delete', { id: p.id });
  expect((await t.call('history.forRecord', { entity: 'contact', id: c.id })).map((e) => e.op)).toEqual(['delete', 'create']);
});

it('shows a session’s own changes and those of its items, every field with a French label', async () => {
  const p = await t.call('partners.create', { name: 'Parquet de Bordeaux', type: 'parquet' });
  await t.call('contacts.create', { partnerId: p.id, lastName: 'Lemoine', isMember: true });
  const m = await t.call('meetings.create', { kind: 'pleniere', date: '2026-04-02', startTime: '14:30' });
  await t.call('meetings.update', { id: m.id, kind: 'pleniere', date: '2026-04-02', startTime: '15:00', place: 'Préfecture' });
  const withItem = await t.call('agenda.create', { meetingId: m.id, title: 'Bilan', durationMin: 20 });
  const item = withItem.agenda[0]!;
  await t.call('agenda.setNotes', { id: item.id, notes: 'Échanges nourris' });
  const withDecision = await t.call('decisions.create', { meetingId: m.id, agendaItemId: item.id, text: 'Poursuivre' });
  const withFollowUp = await t.call('followUps.create', { meetingId: m.id, decisionId: withDecision.decisions[0]!.id, text: 'Planifier', dueOn: '2026-06-30' });
  await t.call('followUps.setStatus', { id: withFollowUp.followUps[0]!.id, status: 'close' });
  await t.call('attendees.setAttendance', { id: m.attendees[0]!.id, status: 'excuse' });

  const history = await t.call('history.forRecord', { entity: 'meeting', id: m.id });
  expect(history.map((e) => e.entityLabel)).toEqual([
    'Participant',
    'Suite à donner',
    'Suite à donner',
    'Décision',
    'Point de l’ordre du jour',
    'Point de l’ordre du jour',
    'Séance',
    'Séance',
    // Invited when the session was created: the commission's members.
    'Participant',
  ]);
  expect(history[0]!.changes.find((ch) => ch.changed)).toMatchObject({ label: 'Présence', before: 'Invité', after: 'Excusé' });
  expect(history[0]!.subject).toBe('Lemoine');
  expect(history[4]!).toMatchObject({ subject: 'Bilan', changes: [{ label: 'Relevé des échanges', before: null, after: 'Échanges nourris', changed: true }] });
  expect(history[6]!.changes.filter((ch) => ch.changed).map((ch) => [ch.label, ch.before, ch.after])).toEqual([
    ['Début', '02/04/2026 à 14:30', '02/04/2026 à 15:00'],
    ['Lieu', null, 'Préfecture'],
  ]);
  const unlabelled = history.flatMap((e) => e.changes.filter((ch) => ch.label === ch.field).map((ch) => `${e.entity}.${ch.field}`));
  expect(unlabelled).toEqual([]);
});

it('answers an empty history for an unknown record and refuses a malformed query', async () => {
  expect(await t.call('history.forRecord', { entity: 'partner', id: 'inconnu' })).toEqual([]);
  expect((await t.callError('history.forRecord', { entity: 'partner; DROP TABLE x', id: 'a' })).code).toBe('validation');
});

it('shows a fiche action’s changes, its journal and indicators, and a protocol’s, every field with a French label', async () => {
  const partner = await t.call('partners.create', { name: 'Amicale du Nid', type: 'association_sortie' });
  const contributor = await t.call('partners.create', { name: 'CIDFF de la Gironde', type: 'association_sortie' });
  const measureId = t.session.require().db.prepare("SELECT id FROM catalogue_nodes WHERE code = 'PLAN2021-A5'").pluck().get() as string;
  const action = await t.call('actions.create', { title: 'Former les professionnels', measureIds: [measureId], pilotPartnerId: partner.id });
  t.clock.advance(60_000);
  await t.call('actions.update', { id: action.id, title: 'Former les professionnels de santé', measureIds: [measureId], pilotPartnerId: partner.id, partnerIds: [contributor.id] });
  t.clock.advance(60_000);
  await t.call('journal.create', { actionId: action.id, entryOn: '2026-03-01', text: 'Deux sessions', status: 'en_cours', meteo: 'soleil', progress: 30 });
  await t.call('indicators.create', { actionId: action.id, name: 'Professionnels formés', target: 200, targetOn: '2026-12-31' });

  const history = await t.call('history.forRecord', { entity: 'action', id: action.id });
  // The fiche's first journal entry is part of its creation, recorded with it.
  expect(history.map((e) => e.entity)).toEqual(['indicator', 'journal_entry', 'action', 'action']);
  const update = history[2]!;
  expect(update.changes.filter((ch) => ch.changed)).toEqual([
    { field: 'title', label: 'Intitulé', before: 'Former les professionnels', after: 'Former les professionnels de santé', changed: true },
    { field: 'partners', label: 'Structures contributrices', before: null, after: 'CIDFF de la Gironde', changed: true },
  ]);
  expect(update.changes.find((ch) => ch.field === 'measures')).toMatchObject({ after: 'PLAN2021-A5', changed: false });
  expect(history[1]!.changes.find((ch) => ch.field === 'meteo')).toMatchObject({ label: 'Météo', after: 'Soleil' });

  const protocol = await t.call('protocols.create', { title: 'Protocole de repérage', kind: 'reperage_signalement', status: 'projet' });
  await t.call('protocols.update', { id: protocol.id, title: 'Protocole de repérage', kind: 'partenariat', reviewOn: '2027-06-30' });
  const protocolHistory = await t.call('history.forRecord', { entity: 'protocol', id: protocol.id });
  expect(protocolHistory[0]!.changes.filter((ch) => ch.changed).map((ch) => [ch.label, ch.before, ch.after])).toEqual([
    ['Nature', 'Protocole de repérage et de signalement', 'Convention de partenariat'],
    ['Révision le', null, '30/06/2027'],
  ]);

  // Every field shown has a French label, not a raw key.
  const shown = [...history, ...protocolHistory].flatMap((e) => e.changes);
  expect(shown.filter((ch) => ch.label === ch.field)).toEqual([]);
});
