/**
 * When an examining meeting may give its avis on a request, and when it may fill its agenda with the requests
 * waiting for one: each refusal leaves the register, the agenda and the history as they were.
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
