/** A commission with members, a fiche action, a protocol and two sessions, built through the real API. */
import { randomUUID } from 'node:crypto';
import type { TestRouter } from './router';

export async function seedSessions(t: TestRouter) {
  await t.call('app.createCommission', { departmentCode: '33', name: null });
  await t.call('settings.update', {
    name: 'Commission départementale de lutte contre la prostitution, le proxénétisme et la traite des êtres humains aux fins d’exploitation sexuelle – Gironde',
    departmentCode: '33',
    secretaryName: 'Élodie Marchand, déléguée départementale aux droits des femmes',
  });
  const police = await t.call('partners.create', { name: 'Direction interdépartementale de la police nationale', type: 'police', domains: ['justice'] });
  const nid = await t.call('partners.create', { name: 'Amicale du Nid – Bordeaux', type: 'association_sortie', domains: ['accompagnement'] });
  const cd = await t.call('partners.create', { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental', domains: ['prevention'] });
  const hotel = await t.call('partners.create', { name: 'Union des métiers de l’hôtellerie', type: 'economique', domains: [] });
  const commissaire = await t.call('contacts.create', { partnerId: police.id, civility: 'M.', firstName: 'Grégoire', lastName: 'Lefèvre', role: 'Commissaire divisionnaire', isMember: true });
  const directrice = await t.call('contacts.create', { partnerId: nid.id, civility: 'Mme', firstName: 'Hélène', lastName: 'Desfontaines', role: 'Directrice', isMember: true });
  const ase = await t.call('contacts.create', { partnerId: cd.id, civility: 'Mme', firstName: 'Maëlle', lastName: 'Noël', role: 'Cheffe du service de l’aide sociale à l’enfance', isMember: true });
  const guest = await t.call('contacts.create', { partnerId: hotel.id, civility: 'M.', firstName: 'Loïc', lastName: 'Bénard', role: 'Délégué régional', isMember: false });

  // Fiches actions and protocols belong to other areas of the app: written straight into the database.
  const db = t.session.require().db;
  const actionId = randomUUID();
  db.prepare(`INSERT INTO actions (id, code, title, status, created_at, updated_at) VALUES (?, 'FA-03', 'Former les professionnels de l’hôtellerie au repérage', 'en_cours', ?, ?)`).run(
    actionId,
    t.clock.iso(),
    t.clock.iso(),
  );
  const protocolId = randomUUID();
  db.prepare(`INSERT INTO protocols (id, title, kind, status, created_at, updated_at) VALUES (?, 'Protocole départemental de repérage des mineurs', 'reperage_signalement', 'signe', ?, ?)`).run(
    protocolId,
    t.clock.iso(),
    t.clock.iso(),
  );

  const first = await t.call('meetings.create', {
    kind: 'pleniere',
    date: '2025-10-09',
    startTime: '14:00',
    endTime: '16:30',
    place: 'Préfecture de la Gironde, salle Tourny',
    chair: 'M. le préfet de la Gironde',
  });
  const item = first.agenda.length === 0 ? await t.call('agenda.create', { meetingId: first.id, title: 'Point sur le repérage dans les hôtels', presenter: 'Hélène Desfontaines', durationMin: 30, links: { actionIds: [actionId], protocolIds: [protocolId] } }) : first;
  const itemId = item.agenda[0]!.id;
  const withDecision = await t.call('decisions.create', { meetingId: first.id, agendaItemId: itemId, text: 'Une formation des réceptionnistes sera organisée avant l’été.', actionId, addToJournal: true });
  await t.call('followUps.create', {
    meetingId: first.id,
    decisionId: withDecision.decisions[0]!.id,
    text: 'Organiser deux sessions de formation des réceptionnistes',
    ownerPartnerId: hotel.id,
    ownerName: 'Loïc Bénard',
    dueOn: '2026-03-12',
  });
  await t.call('followUps.create', { meetingId: first.id, text: 'Diffuser la fiche réflexe aux commissariats', ownerPartnerId: police.id, ownerName: 'Grégoire Lefèvre', dueOn: '2025-12-15', status: 'close' });

  return { police, nid, cd, hotel, commissaire, directrice, ase, guest, actionId, protocolId, first: await t.call('meetings.get', { id: first.id }) };
}
