import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { seedSessions } from '../helpers/meetings-fixture';

describe('Séances through the router', () => {
  let t: TestRouter;
  beforeEach(() => {
    t = createTestRouter();
  });
  afterEach(() => t.cleanup());

  it('invites the members, proposes the usual items from the previous session, and carries open follow-ups', async () => {
    const seed = await seedSessions(t);
    expect(seed.first.attendees.map((a) => a.name).sort()).toEqual(['Grégoire Lefèvre', 'Hélène Desfontaines', 'Maëlle Noël']);
    expect(seed.first.attendees.every((a) => a.status === 'invite' && a.isMember)).toBe(true);
    // The first session has no previous one: nothing proposed.
    expect(seed.first.agenda.map((i) => i.kind)).toEqual(['libre']);
    expect(seed.first.agenda[0]!.links.map((l) => l.label)).toEqual(['FA-03 – Former les professionnels de l’hôtellerie au repérage', 'Protocole départemental de repérage des mineurs']);

    const second = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-19', startTime: '09:30', place: 'Préfecture' });
    expect(second.previous?.id).toBe(seed.first.id);
    expect(second.agenda.map((i) => [i.kind, i.title])).toEqual([
      ['approbation', 'Approbation du compte rendu de la séance plénière du 09/10/2025'],
      ['suivi', 'Suivi des décisions'],
    ]);
    // The open follow-up comes back; the one closed before this session does not... unless closed on or after its day.
    expect(second.earlierFollowUps.map((f) => f.text)).toEqual(['Organiser deux sessions de formation des réceptionnistes']);
    const first = await t.call('meetings.get', { id: seed.first.id });
    expect(first.next?.id).toBe(second.id);
  });

  it('records attendance as the CRPA has it: suppléant, one mandate to a member who sits and attends, quorum of half the seats', async () => {
    const { first, guest } = await seedSessions(t);
    expect(first.quorum).toMatchObject({ applies: true, composition: 3, counted: 0, required: 2, pending: 3, reached: false });
    const withGuest = await t.call('attendees.addContacts', { meetingId: first.id, contactIds: [guest.id] });
    const [a, b, c] = first.attendees;
    const guestRow = withGuest.attendees.find((x) => x.contactId === guest.id)!;
    const error = await t.callError('attendees.setAttendance', { id: a!.id, status: 'mandat' });
    expect(error.details?.[0]).toMatchObject({ path: 'mandateTo', message: 'Choisissez le membre à qui le mandat est donné.' });
    expect((await t.callError('attendees.setAttendance', { id: a!.id, status: 'mandat', mandateTo: guestRow.id })).message).toBe('Le mandat ne peut être donné qu’à un membre qui siège à cette séance.');
    expect((await t.callError('attendees.setAttendance', { id: guestRow.id, status: 'supplee' })).message).toContain('Seul un membre qui siège');
    // Taking part by audio or video link counts as being present (R. 133-10).
    await t.call('attendees.setAttendance', { id: a!.id, status: 'distance' });
    let detail = await t.call('attendees.setAttendance', { id: b!.id, status: 'mandat', mandateTo: a!.id });
    expect(detail.attendees.find((x) => x.id === b!.id)).toMatchObject({ status: 'mandat', mandateTo: a!.id, mandateToName: a!.name });
    expect(detail.quorum).toMatchObject({ counted: 2, reached: true, pending: 1 });
    // Nobody holds two mandates, and the holder cannot leave while holding one.
    expect((await t.callError('attendees.setAttendance', { id: c!.id, status: 'mandat', mandateTo: a!.id })).message).toContain('nul ne peut en détenir plus d’un');
    expect((await t.callError('attendees.setAttendance', { id: a!.id, status: 'excuse' })).message).toContain('détient le mandat');
    detail = await t.call('attendees.setAttendance', { id: c!.id, status: 'supplee', representedBy: 'Yannick Roux, chef de service', mandateTo: a!.id });
    expect(detail.attendees.find((x) => x.id === c!.id)).toMatchObject({ status: 'supplee', representedBy: 'Yannick Roux, chef de service', mandateTo: null });
    expect(detail.quorum).toMatchObject({ counted: 3, pending: 0 });
    detail = await t.call('attendees.setAttendance', { id: c!.id, status: 'excuse', representedBy: 'ignored' });
    expect(detail.attendees.find((x) => x.id === c!.id)).toMatchObject({ status: 'excuse', representedBy: null });
    // A suppléant is no seat of their own: the composition stays three; a technical committee judges no quorum.
    await t.call('composition.appointToSeat', { seatId: detail.attendees.find((x) => x.id === c!.id)!.seatId!, contactId: guest.id, role: 'suppleant', fromOn: null });
    expect((await t.call('meetings.get', { id: first.id })).quorum.composition).toBe(3);
    const ct = await t.call('meetings.create', { kind: 'comite_technique', date: '2026-05-05', startTime: '10:00' });
    expect(ct.quorum.applies).toBe(false);
  });

  it('judges the quorum of a session on the seats composing the commission on its day', async () => {
    const { first, cd } = await seedSessions(t);
    const [a, b] = first.attendees;
    await t.call('attendees.setAttendance', { id: a!.id, status: 'present' });
    const held = await t.call('attendees.setAttendance', { id: b!.id, status: 'present' });
    expect(held.quorum).toMatchObject({ composition: 3, counted: 2, required: 2, reached: true });
    const coming = await t.call('meetings.create', { kind: 'pleniere', date: '2026-06-18', startTime: '14:00' });
    expect(coming.quorum.composition).toBe(3);

    // After the session: three members are appointed from today, one present at it leaves, another's contact is deleted.
    const today = '2026-03-05';
    const newcomers = [];
    for (const lastName of ['Perrin', 'Roux', 'Marchand']) newcomers.push((await t.call('contacts.create', { partnerId: cd.id, lastName })).id);
    await t.call('composition.appoint', { contactIds: newcomers, title: 'commission', fromOn: today, arreteRef: 'Arrêté préfectoral n° 2026-CDLP-004', arreteOn: '2026-03-02' });
    const composition = await t.call('composition.get');
    const memberOf = (contactId: string | null) => composition.seats.flatMap((s) => [s.titulaire, ...s.suppleants]).find((m) => m?.contactId === contactId)!;
    await t.call('composition.endMembers', { memberIds: [memberOf(a!.contactId).id], on: today });
    await t.call('contacts.delete', { id: b!.contactId! });

    const after = await t.call('meetings.get', { id: first.id });
    expect(after.quorum).toEqual(held.quorum);
    // The deleted contact's attendance keeps the seat it was made under.
    expect(after.attendees.find((x) => x.id === b!.id)).toMatchObject({ isMember: true, memberRole: 'titulaire', sits: true });
    // The session to come: 3 + 3 − 2.
    expect((await t.call('meetings.get', { id: coming.id })).quorum.composition).toBe(4);
    // Marking attendance later does not bring today's membership into the past session.
    const late = await t.call('attendees.setAttendance', { id: first.attendees[2]!.id, status: 'excuse' });
    expect(late.quorum).toMatchObject({ composition: 3, counted: 2, reached: true });
    // Nor does the composition read on the day of the session.
    const then = await t.call('composition.get', { on: '2025-10-09' });
    expect(then.seats.flatMap((s) => (s.titulaire ? [s.titulaire.name] : [])).sort()).toEqual(['M. Grégoire Lefèvre', 'Mme Hélène Desfontaines', 'Mme Maëlle Noël']);
  });

  it('adds people by hand and from contacts, once each, and invites the members who sit', async () => {
    const seed = await seedSessions(t);
    let detail = await t.call('attendees.addContacts', { meetingId: seed.first.id, contactIds: [seed.guest.id, seed.guest.id, seed.directrice.id] });
    expect(detail.attendees).toHaveLength(4);
    expect(detail.attendees.find((a) => a.contactId === seed.guest.id)).toMatchObject({ structure: 'Union des métiers de l’hôtellerie', isMember: false, civility: 'M.' });
    detail = await t.call('attendees.addPerson', { meetingId: seed.first.id, civility: 'Mme', name: 'Inès Garnier', role: 'Substitute du procureur', structure: 'Parquet de Bordeaux' });
    expect(detail.attendees).toHaveLength(5);
    // A member appointed today sits at sessions to come, not at those already held.
    const perrin = await t.call('contacts.create', { partnerId: seed.cd.id, lastName: 'Perrin', firstName: 'Anaïs' });
    await t.call('composition.appoint', { contactIds: [perrin.id], title: 'commission', fromOn: '2026-03-05' });
    detail = await t.call('attendees.addMembers', { id: seed.first.id });
    expect(detail.attendees.map((a) => a.name)).not.toContain('Anaïs Perrin');
    expect(detail.quorum.composition).toBe(3);
    const coming = await t.call('meetings.create', { kind: 'pleniere', date: '2026-06-18', startTime: '14:00' });
    expect(coming.attendees.map((a) => a.name)).toContain('Anaïs Perrin');
    const removed = await t.call('attendees.remove', { id: detail.attendees.find((a) => a.name === 'Inès Garnier')!.id });
    expect(removed.attendees).toHaveLength(4);
  });

  it('seats at each kind of meeting by the title of the seat, never by the type of the structure', async () => {
    await seedSessions(t);
    // The conseil départemental sat before the decree of 30 December 2025; a child-protection association is added by it.
    const sauvegarde = await t.call('partners.create', { name: 'Sauvegarde de l’enfance', type: 'association_enfance', domains: [] });
    const added = await t.call('contacts.create', { partnerId: sauvegarde.id, civility: 'M.', lastName: 'Morel', role: 'Directeur général', isMember: true, memberTitle: 'protection_enfance' });
    const examining = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-04-09', startTime: '14:00' });
    expect(examining.attendees.map((a) => a.name).sort()).toEqual(['Grégoire Lefèvre', 'Hélène Desfontaines', 'Maëlle Noël']);
    expect(examining.quorum).toMatchObject({ composition: 3, required: 2 });
    const refused = await t.callError('attendees.addContacts', { meetingId: examining.id, contactIds: [added.id] });
    expect(refused.message).toBe('M. Morel (Sauvegarde de l’enfance) siège au titre de la protection de l’enfance : il ne siège pas à l’examen des demandes de parcours de sortie.');
    const plenary = await t.call('meetings.create', { kind: 'pleniere', date: '2026-04-16', startTime: '14:00' });
    expect(plenary.attendees.map((a) => a.name)).toContain('Morel');
    expect(plenary.quorum.composition).toBe(4);
    // Turned into an examining meeting, the plenary loses the member who does not sit at it.
    const { uninvited, attendees } = await t.call('meetings.update', { id: plenary.id, kind: 'examen_parcours', date: '2026-04-16', startTime: '14:00' });
    expect(uninvited).toEqual(['Morel – Sauvegarde de l’enfance']);
    expect(attendees.map((a) => a.name)).not.toContain('Morel');
    // The coordination of minors' situations seats the seats marked for it.
    const coordination = await t.call('meetings.create', { kind: 'restreinte', date: '2026-04-23', startTime: '09:30' });
    expect(coordination.attendees.map((a) => a.name)).toEqual(['Morel']);
    expect(coordination.quorum.applies).toBe(false);
    const counted = await t.call('meetings.setMinors', { meetingId: coordination.id, count: 4 });
    expect(counted.minorsSituations).toBe(4);
    expect((await t.callError('meetings.setMinors', { meetingId: examining.id, count: 1 })).message).toContain('coordination des situations de mineurs');
  });

  it('keeps the fiche action’s journal in step with a decision', async () => {
    const seed = await seedSessions(t);
    const db = t.session.require().db;
    const journal = () => db.prepare('SELECT entry_on, text FROM journal_entries WHERE action_id = ?').all(seed.actionId) as { entry_on: string; text: string }[];
    expect(journal()).toEqual([{ entry_on: '2025-10-09', text: 'Décision de la séance plénière du 09/10/2025 : Une formation des réceptionnistes sera organisée avant l’été.' }]);
    const decision = seed.first.decisions[0]!;
    await t.call('decisions.update', { id: decision.id, agendaItemId: decision.agendaItemId, text: 'Deux formations auront lieu.', actionId: seed.actionId, addToJournal: true });
    expect(journal()[0]!.text).toBe('Décision de la séance plénière du 09/10/2025 : Deux formations auront lieu.');
    // Moving the session moves the journal entry with it.
    await t.call('meetings.update', { id: seed.first.id, kind: 'pleniere', date: '2025-10-16', startTime: '14:00', endTime: '16:30', place: null, chair: null });
    expect(journal()[0]!.entry_on).toBe('2025-10-16');
    await t.call('decisions.update', { id: decision.id, agendaItemId: null, text: 'Deux formations auront lieu.', actionId: seed.actionId, addToJournal: false });
    expect(journal()).toEqual([]);
    await t.call('decisions.update', { id: decision.id, agendaItemId: null, text: 'Deux formations auront lieu.', actionId: seed.actionId, addToJournal: true });
    expect(journal()).toHaveLength(1);
    const after = await t.call('decisions.delete', { id: decision.id });
    expect(journal()).toEqual([]);
    // Its follow-up stays with the session.
    expect(after.followUps).toHaveLength(2);
  });

  it('orders, edits and deletes agenda items; decisions of a deleted item stay in the session', async () => {
    const seed = await seedSessions(t);
    let detail = await t.call('agenda.create', { meetingId: seed.first.id, title: 'Questions diverses', durationMin: 10 });
    const [one, two] = detail.agenda;
    detail = await t.call('agenda.move', { id: two!.id, direction: 'up' });
    expect(detail.agenda.map((i) => [i.position, i.title])).toEqual([
      [1, 'Questions diverses'],
      [2, 'Point sur le repérage dans les hôtels'],
    ]);
    detail = await t.call('agenda.setNotes', { id: one!.id, notes: 'Échanges nourris.\n\nConsensus sur le calendrier.' });
    expect(detail.agenda.find((i) => i.id === one!.id)!.notes).toBe('Échanges nourris.\n\nConsensus sur le calendrier.');
    const error = await t.callError('agenda.update', { id: one!.id, title: ' ', durationMin: -5 });
    expect(error.details?.map((d) => d.path).sort()).toEqual(['durationMin', 'title']);
    detail = await t.call('agenda.delete', { id: one!.id });
    expect(detail.agenda.map((i) => i.position)).toEqual([1]);
    expect(detail.decisions).toHaveLength(1);
    expect(detail.decisions[0]!.agendaItemId).toBeNull();
  });

  it('shows open follow-ups on the owner’s page and on the dashboard, until closed', async () => {
    const seed = await seedSessions(t);
    // The clock reads 05/03/2026: the formation follow-up is due on 12/03/2026, within two weeks.
    let forHotel = await t.call('followUps.byPartner', { partnerId: seed.hotel.id });
    expect(forHotel.map((f) => f.text)).toEqual(['Organiser deux sessions de formation des réceptionnistes']);
    expect(await t.call('followUps.byPartner', { partnerId: seed.police.id })).toEqual([]);
    const next = await t.call('meetings.create', { kind: 'comite_technique', date: '2026-04-02', startTime: '10:00', videoLink: 'https://webconf.numerique.gouv.fr/cdlp33' });
    let dashboard = await t.call('meetings.dashboard');
    expect(dashboard.next?.id).toBe(next.id);
    expect(dashboard).toMatchObject({ openCount: 1, dueSoonCount: 1, overdueCount: 0 });
    t.clock.set('2026-03-20T08:00:00Z');
    dashboard = await t.call('meetings.dashboard');
    expect(dashboard.openFollowUps.map((f) => [f.overdue, f.dueSoon])).toEqual([[true, false]]);
    const closed = await t.call('followUps.setStatus', { id: forHotel[0]!.id, status: 'close' });
    expect(closed.closedOn).toBe('2026-03-20');
    forHotel = await t.call('followUps.byPartner', { partnerId: seed.hotel.id });
    expect(forHotel).toEqual([]);
    expect((await t.call('meetings.dashboard')).openCount).toBe(0);
  });

  it('validates sessions in French and deletes one with everything in it', async () => {
    const seed = await seedSessions(t);
    const error = await t.callError('meetings.create', { kind: 'pleniere', date: '2026-02-30', startTime: '25:00', endTime: '08:00', videoLink: 'webconf' });
    expect(error.code).toBe('validation');
    expect(error.details?.map((d) => d.path).sort()).toEqual(['date', 'startTime', 'videoLink']);
    const ends = await t.callError('meetings.create', { kind: 'pleniere', date: '2026-02-20', startTime: '10:00', endTime: '09:00' });
    expect(ends.details).toEqual([{ path: 'endTime', message: 'L’heure de fin doit suivre l’heure de début.' }]);
    await t.call('meetings.delete', { id: seed.first.id });
    const db = t.session.require().db;
    expect(db.prepare('SELECT count(*) FROM follow_ups').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM meeting_attendees').pluck().get()).toBe(0);
    expect((await t.callError('meetings.get', { id: seed.first.id })).code).toBe('not_found');
    expect(await t.call('meetings.list')).toEqual([]);
  });
});
