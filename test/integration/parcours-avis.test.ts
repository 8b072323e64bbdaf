/**
 * When an examining meeting may give its avis on a request, and when it may fill its agenda with the requests
 * waiting for one: each refusal leaves the register, the agenda and the history as they were. Then what the
 * meeting has to examine (the requests waiting, the renewals due before the next one) and the agenda item it writes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParcoursFields } from '../../src/shared/schemas/parcours';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
let amicale: string;

beforeEach(async () => {
  // DEFAULT_NOW is 5 March 2026.
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33' });
  amicale = (await t.call('partners.create', { name: 'Amicale du Nid 33', type: 'association_sortie' })).id;
  // Two members who sit at examining meetings, so that an avis may be given once they attend.
  const police = await t.call('partners.create', { name: 'Police nationale – DIPN 33', type: 'police' });
  const parquet = await t.call('partners.create', { name: 'Parquet de Bordeaux', type: 'parquet' });
  await t.call('contacts.create', { partnerId: police.id, firstName: 'Marc', lastName: 'Lefort', isMember: true });
  await t.call('contacts.create', { partnerId: parquet.id, firstName: 'Claire', lastName: 'Aubert', isMember: true });
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;
const changeCount = () => db().prepare('SELECT count(*) FROM change_log').pluck().get() as number;

function request(overrides: Partial<ParcoursFields> = {}) {
  return t.call('parcours.create', { associationId: amicale, associationName: 'Amicale du Nid 33', receivedOn: '2026-02-01', ...overrides });
}

function examining(date = '2026-03-12') {
  return t.call('meetings.create', { kind: 'examen_parcours', date, startTime: '14:00' });
}

/** Records an avis that must be refused; checks that the request and the history are untouched. */
async function refusedAvis(id: string, meetingId: string) {
  const before = await t.call('parcours.get', { id });
  const changes = changeCount();
  const error = await t.callError('parcours.recordOpinion', { id, meetingId, opinion: 'favorable', reasons: 'Projet construit' });
  expect(await t.call('parcours.get', { id })).toEqual(before);
  expect(changeCount()).toBe(changes);
  return error;
}

describe('the avis of an examining meeting', () => {
  it('is refused once the préfet has decided', async () => {
    const decided = await request({ receivedOn: '2025-09-10', opinion: 'favorable', opinionOn: '2025-09-20', decision: 'autorise', decisionOn: '2025-10-01' });
    const meeting = await examining();
    expect(await refusedAvis(decided.id, meeting.id)).toMatchObject({
      code: 'conflict',
      message: `La décision du préfet sur ${decided.reference} est déjà enregistrée : corrigez l’avis depuis le registre.`,
    });
  });

  it('is refused when the request is closed', async () => {
    const closed = await request({ endReason: 'abandon', closedOn: '2026-02-20' });
    expect(closed.state).toBe('termine');
    const meeting = await examining();
    expect(await refusedAvis(closed.id, meeting.id)).toMatchObject({
      code: 'conflict',
      message: `La demande ${closed.reference} est close : elle n’est plus examinée.`,
    });
  });

  it('is refused for a request received after the meeting, and given for one received that day', async () => {
    const meeting = await examining();
    const late = await request({ receivedOn: '2026-03-13' });
    expect(await refusedAvis(late.id, meeting.id)).toMatchObject({
      code: 'validation',
      message: `La demande ${late.reference} a été reçue après cette séance (le 13/03/2026).`,
    });
    const sameDay = await request({ receivedOn: '2026-03-12' });
    // The quorum is noted before any avis: attendance first.
    expect(await refusedAvis(sameDay.id, meeting.id)).toMatchObject({ code: 'conflict', message: expect.stringContaining('Notez d’abord les présences') });
    for (const a of meeting.attendees) await t.call('attendees.setAttendance', { id: a.id, status: 'present' });
    const given = await t.call('parcours.recordOpinion', { id: sameDay.id, meetingId: meeting.id, opinion: 'defavorable', reasons: null });
    expect(given.examined.map((e) => [e.reference, e.opinion])).toEqual([[sameDay.reference, 'defavorable']]);
    expect(await t.call('parcours.get', { id: sameDay.id })).toMatchObject({ meetingId: meeting.id, opinion: 'defavorable', opinionOn: '2026-03-12' });
  });
});

describe('the agenda of requests', () => {
  it('is filled only for an examining meeting', async () => {
    const waiting = await request();
    const plenary = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-12', startTime: '14:00' });
    const agenda = (await t.call('meetings.get', { id: plenary.id })).agenda;
    const changes = changeCount();
    expect(await t.callError('parcours.fillAgenda', { meetingId: plenary.id })).toMatchObject({
      code: 'conflict',
      message: 'Seule une formation restreinte d’examen des demandes de parcours examine les demandes.',
    });
    expect((await t.call('meetings.get', { id: plenary.id })).agenda).toEqual(agenda);
    expect((await t.call('parcours.get', { id: waiting.id })).meetingId).toBeNull();
    expect(changeCount()).toBe(changes);

    // The same request goes on the agenda of an examining meeting.
    const meeting = await examining();
    expect((await t.call('parcours.fillAgenda', { meetingId: meeting.id })).examined.map((e) => e.id)).toEqual([waiting.id]);
  });
});

describe('what an examining meeting has to examine', () => {
  it('lists as waiting the requests without avis received by its day, oldest first, not those on its agenda nor those decided', async () => {
    const meeting = await examining('2026-03-12');
    const recent = await request({ receivedOn: '2026-02-10' });
    const old = await request({ receivedOn: '2026-01-05' });
    const adjourned = await request({ receivedOn: '2026-01-20', opinion: 'ajourne', opinionOn: '2026-02-01' });
    const sameDay = await request({ receivedOn: '2026-03-12' });
    await request({ receivedOn: '2026-03-13' });
    await request({ receivedOn: '2026-01-06', opinion: 'favorable', opinionOn: '2026-02-01' });
    await request({ receivedOn: '2026-01-07', endReason: 'abandon', closedOn: '2026-02-01' });
    const onAgenda = await request({ receivedOn: '2026-01-08', meetingId: meeting.id });
    const mp = await t.call('parcours.meeting', { meetingId: meeting.id });
    expect(mp.isExamining).toBe(true);
    expect(mp.waiting.map((w) => [w.id, w.date, w.days])).toEqual([
      [old.id, '2026-01-05', 66],
      [adjourned.id, '2026-01-20', 51],
      [recent.id, '2026-02-10', 30],
      [sameDay.id, '2026-03-12', 0],
    ]);
    expect(mp.examined.map((e) => e.id)).toEqual([onAgenda.id]);
    const plenary = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-20', startTime: '10:00' });
    expect((await t.call('parcours.meeting', { meetingId: plenary.id })).isExamining).toBe(false);
    expect((await t.callError('parcours.meeting', { meetingId: '00000000-0000-4000-8000-000000000000' })).code).toBe('not_found');
  });

  it('asks for the renewals of parcours ending by the next examining meeting, or within three months without one', async () => {
    const meeting = await examining('2026-03-12');
    const decided = { opinion: 'favorable', opinionOn: '2025-10-02', decision: 'autorise', decisionOn: '2025-10-03' } as const;
    const ending = (endsOn: string, more: Partial<ParcoursFields> = {}) => request({ receivedOn: '2025-10-01', ...decided, endsOn, ...more });
    // Without a next meeting, the horizon is the meeting's day and 91 days: 11/06/2026.
    const atHorizon = await ending('2026-06-11');
    await ending('2026-06-12');
    const soon = await ending('2026-03-20');
    await ending('2026-03-25', { endReason: 'sortie_anticipee', closedOn: '2026-02-15' });
    const renewed = await ending('2026-03-30');
    await request({ receivedOn: '2026-03-01', previousId: renewed.id });
    expect((await t.call('parcours.meeting', { meetingId: meeting.id })).renewalsDue.map((r) => [r.id, r.date, r.days])).toEqual([
      [soon.id, '2026-03-20', 8],
      [atHorizon.id, '2026-06-11', 91],
    ]);
    // A plenary meeting in between does not count; the next examining meeting does, its day included.
    await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-19', startTime: '10:00' });
    await examining('2026-03-20');
    expect((await t.call('parcours.meeting', { meetingId: meeting.id })).renewalsDue.map((r) => r.id)).toEqual([soon.id]);
  });

  it('fills its agenda with the requests by reference and the renewals due, and rewrites that one item when filled again', async () => {
    const meeting = await examining('2026-03-12');
    await t.call('agenda.create', { meetingId: meeting.id, title: 'Accueil' });
    expect((await t.call('parcours.fillAgenda', { meetingId: meeting.id })).examined).toEqual([]);
    const titles = ['Accueil', 'Examen des demandes de parcours de sortie de la prostitution'];
    let agenda = (await t.call('meetings.get', { id: meeting.id })).agenda;
    expect(agenda.map((a) => [a.title, a.notes])).toEqual([
      [titles[0], null],
      [titles[1], '0 demande examinée : aucune.'],
    ]);

    const decided = { opinion: 'favorable', opinionOn: '2025-01-20', decision: 'autorise', decisionOn: '2025-02-01' } as const;
    const first = await request({ receivedOn: '2025-01-10', ...decided });
    const due = await request({ receivedOn: '2025-07-01', previousId: first.id, ...decided, opinionOn: '2025-07-10', decisionOn: '2025-07-20', endsOn: '2026-03-31' });
    const other = await request({ receivedOn: '2025-01-11', ...decided });
    const adjourned = await request({ receivedOn: '2026-02-02', opinion: 'ajourne', opinionOn: '2026-02-05', opinionReasons: 'Pièces manquantes' });
    const renewal = await request({ receivedOn: '2026-02-01', previousId: other.id });
    expect([adjourned.reference, renewal.reference]).toEqual(['PS-2026-001', 'PS-2026-002']);
    const changes = changeCount();
    const filled = await t.call('parcours.fillAgenda', { meetingId: meeting.id });
    expect(filled.examined.map((e) => e.id)).toEqual([adjourned.id, renewal.id]);
    // The adjourned request comes back without its previous avis; the history keeps it.
    expect(await t.call('parcours.get', { id: adjourned.id })).toMatchObject({ meetingId: meeting.id, opinion: null, opinionOn: null, opinionReasons: null });
    const history = await t.call('history.forRecord', { entity: 'parcours_request', id: adjourned.id });
    expect(history[0]!.changes.find((c) => c.field === 'opinionReasons')).toMatchObject({ before: 'Pièces manquantes', after: null });
    agenda = (await t.call('meetings.get', { id: meeting.id })).agenda;
    expect(agenda.map((a) => a.title)).toEqual(titles);
    expect(agenda[1]!.notes).toBe(
      '2 demandes examinées : PS-2026-001 (première demande, Amicale du Nid 33 : aucun agrément enregistré) ; PS-2026-002 (renouvellement n°\u00a01, Amicale du Nid 33 : aucun agrément enregistré).\n\n' +
        `Parcours arrivant à échéance avant la prochaine séance, renouvellement à demander : ${due.reference} (fin le 31/03/2026).`,
    );
    // Two requests moved, one agenda item rewritten.
    expect(changeCount()).toBe(changes + 3);
    const itemChange = db().prepare(`SELECT op, before, after FROM change_log WHERE entity = 'agenda_item' ORDER BY seq DESC LIMIT 1`).get() as { op: string; before: string; after: string };
    expect(itemChange.op).toBe('update');
    expect(JSON.parse(itemChange.before)).toEqual({ meetingId: meeting.id, notes: '0 demande examinée : aucune.' });
    expect(JSON.parse(itemChange.after)).toEqual({ meetingId: meeting.id, notes: agenda[1]!.notes });
  });
});
