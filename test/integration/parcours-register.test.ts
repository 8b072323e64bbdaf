/**
 * The rules of the register of parcours de sortie that need the rest of the register: each refusal names the
 * field at fault and leaves the register as it was, each limit is tried on both sides, and the chain of renewals
 * closes and reopens its parcours with their history. Found unguarded by mutation testing (docs/testing.md).
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
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
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;
const requestCount = () => db().prepare('SELECT count(*) FROM parcours_requests').pluck().get() as number;
const changeCount = () => db().prepare('SELECT count(*) FROM change_log').pluck().get() as number;

function request(overrides: Partial<ParcoursFields> = {}) {
  return t.call('parcours.create', { associationId: amicale, associationName: 'Amicale du Nid 33', receivedOn: '2025-01-10', ...overrides });
}

/** Authorised on 01/02/2025: runs from 01/02/2025 to 31/07/2025. */
function authorised(overrides: Partial<ParcoursFields> = {}) {
  return request({ opinion: 'favorable', opinionOn: '2025-01-30', decision: 'autorise', decisionOn: '2025-02-01', ...overrides });
}

type Detail = Awaited<ReturnType<typeof request>>;

function fieldsOf(d: Detail, overrides: Partial<ParcoursFields> = {}): ParcoursFields & { id: string } {
  return {
    id: d.id,
    reference: d.reference,
    associationId: d.associationId,
    associationName: d.associationName,
    previousId: d.previousId,
    receivedOn: d.receivedOn,
    meetingId: d.meetingId,
    opinion: d.opinion,
    opinionOn: d.meetingId ? null : d.opinionOn,
    opinionReasons: d.opinionReasons,
    decision: d.decision,
    decisionOn: d.decisionOn,
    decreeRef: d.decreeRef,
    startsOn: null,
    endsOn: null,
    rights: d.rights,
    endReason: null,
    closedOn: null,
    notes: d.notes,
    ...overrides,
  };
}

/** A create or an update that must be refused: returns the field and the message, and checks nothing was written. */
async function refused(channel: 'parcours.create' | 'parcours.update', input: ParcoursFields & { id?: string }) {
  const rows = db().prepare('SELECT * FROM parcours_requests ORDER BY id').all();
  const changes = changeCount();
  const error = await t.callError(channel, input);
  expect(error.code).toBe('validation');
  expect(db().prepare('SELECT * FROM parcours_requests ORDER BY id').all()).toEqual(rows);
  expect(changeCount()).toBe(changes);
  expect(error.details).toHaveLength(1);
  return { path: error.details![0]!.path, message: error.message };
}

/** An examining meeting on `date` whose two members are present, so that it may give avis. */
async function quorateMeeting(date: string) {
  const police = await t.call('partners.create', { name: 'Police nationale', type: 'police' });
  const parquet = await t.call('partners.create', { name: 'Parquet de Bordeaux', type: 'parquet' });
  await t.call('contacts.create', { partnerId: police.id, firstName: 'Marc', lastName: 'Lefort', isMember: true });
  await t.call('contacts.create', { partnerId: parquet.id, firstName: 'Claire', lastName: 'Aubert', isMember: true });
  const meeting = await t.call('meetings.create', { kind: 'examen_parcours', date, startTime: '14:00' });
  for (const a of meeting.attendees) await t.call('attendees.setAttendance', { id: a.id, status: 'present' });
  return meeting;
}

describe('what the register refuses', () => {
  it('an association no longer in the directory, and a reference already used', async () => {
    expect(await refused('parcours.create', { associationId: randomUUID(), associationName: 'Disparue', receivedOn: '2025-01-10' })).toEqual({
      path: 'associationName',
      message: 'Cette association n’est plus dans l’annuaire : choisissez-la de nouveau.',
    });
    const first = await request();
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-02-10', reference: first.reference })).toEqual({
      path: 'reference',
      message: `La référence « ${first.reference} » est déjà utilisée par une autre demande.`,
    });
    // The request keeps its own reference when it is saved again.
    expect((await t.call('parcours.update', fieldsOf(first, { notes: 'Dossier complet' }))).reference).toBe(first.reference);
  });

  it('a renewal of a request not authorised, of itself, or received before it', async () => {
    const pending = await request();
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-06-10', previousId: pending.id })).toEqual({
      path: 'previousId',
      message: `La demande ${pending.reference} n’a pas été autorisée : seul un parcours autorisé se renouvelle.`,
    });
    expect(await refused('parcours.update', fieldsOf(pending, { previousId: pending.id }))).toEqual({ path: 'previousId', message: 'Une demande ne peut pas se renouveler elle-même.' });

    const first = await authorised();
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-01-09', previousId: first.id })).toEqual({
      path: 'receivedOn',
      message: 'Un renouvellement ne peut pas être reçu avant la demande qu’il renouvelle (10/01/2025).',
    });
    // Received the same day is allowed.
    expect(await request({ receivedOn: '2025-01-10', previousId: first.id })).toMatchObject({ renewalNumber: 1, chainId: first.id, state: 'instruction' });
  });

  it('a second living renewal, and a renewal beyond the 24 months', async () => {
    const first = await authorised();
    const renewal = await request({ receivedOn: '2025-07-01', previousId: first.id });
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-07-02', previousId: first.id })).toEqual({
      path: 'previousId',
      message: `Le parcours ${first.reference} fait déjà l’objet d’une demande de renouvellement (${renewal.reference}).`,
    });
    // A refused renewal frees the parcours for another one.
    await t.call('parcours.update', fieldsOf(renewal, { opinion: 'defavorable', opinionOn: '2025-07-10', decision: 'refuse', decisionOn: '2025-07-15' }));
    expect(await request({ receivedOn: '2025-07-20', previousId: first.id })).toMatchObject({ renewalNumber: 1 });

    // A parcours authorised for the whole 24 months at once cannot be renewed.
    const whole = await authorised({ receivedOn: '2025-01-11', endsOn: '2027-01-31' });
    expect(whole).toMatchObject({ startsOn: '2025-02-01', endsOn: '2027-01-31', capDate: '2027-01-31' });
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2026-12-01', previousId: whole.id })).toEqual({
      path: 'previousId',
      message: `Le parcours ${whole.reference} a atteint la durée maximale de 24 mois (commencé le 01/02/2025, il prend fin le 31/01/2027) : il ne peut plus être renouvelé.`,
    });
    // One day short of the cap, it still can.
    const almost = await authorised({ receivedOn: '2025-01-12', endsOn: '2027-01-30' });
    expect(await request({ receivedOn: '2026-12-01', previousId: almost.id })).toMatchObject({ renewalNumber: 1, chainId: almost.id });
    expect((await t.call('parcours.options')).renewable.map((r) => r.reference)).toEqual([almost.reference, first.reference].sort());
  });

  it('a first parcours longer than 24 months, an end before the start, and a closing before the start', async () => {
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-01-10', opinion: 'favorable', opinionOn: '2025-01-30', decision: 'autorise', decisionOn: '2025-02-01', endsOn: '2027-02-01' })).toEqual({
      path: 'endsOn',
      message: 'Un parcours ne peut pas dépasser 24 mois : il doit prendre fin au plus tard le 31/01/2027.',
    });
    // The start follows the decision when it is not given: an end before it is refused, an end on it is a one-day parcours.
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-01-10', opinion: 'favorable', opinionOn: '2025-01-30', decision: 'autorise', decisionOn: '2025-02-01', endsOn: '2025-01-31' })).toEqual({
      path: 'endsOn',
      message: 'La fin du parcours précède son début.',
    });
    expect(await authorised({ endsOn: '2025-02-01' })).toMatchObject({ startsOn: '2025-02-01', endsOn: '2025-02-01' });
    expect(
      await refused('parcours.create', {
        associationName: 'A',
        receivedOn: '2025-01-10',
        opinion: 'favorable',
        opinionOn: '2025-01-30',
        decision: 'autorise',
        decisionOn: '2025-02-01',
        startsOn: '2025-02-15',
        endReason: 'abandon',
        closedOn: '2025-02-14',
      }),
    ).toEqual({ path: 'closedOn', message: 'La fin ne peut pas précéder le début du parcours (15/02/2025).' });
    expect(await authorised({ startsOn: '2025-02-15', endReason: 'abandon', closedOn: '2025-02-15' })).toMatchObject({ state: 'termine', endReason: 'abandon', closedOn: '2025-02-15' });
  });

  it('a renewal that starts before the parcours it extends has ended', async () => {
    const first = await authorised();
    const renewal = { associationName: 'A', receivedOn: '2025-07-01', previousId: first.id, opinion: 'favorable', opinionOn: '2025-07-10', decision: 'autorise', decisionOn: '2025-07-20' } as const;
    expect(await refused('parcours.create', { ...renewal, startsOn: '2025-07-31' })).toEqual({
      path: 'startsOn',
      message: 'Le renouvellement commence avant la fin du parcours qu’il prolonge (31/07/2025).',
    });
    expect(await t.call('parcours.create', { ...renewal, startsOn: '2025-08-01' })).toMatchObject({ startsOn: '2025-08-01', endsOn: '2026-01-31' });
  });

  it('a meeting that no longer exists or precedes the request, and a decision before the meeting’s avis', async () => {
    const meeting = await quorateMeeting('2025-01-20');
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-01-10', meetingId: randomUUID() })).toEqual({
      path: 'meetingId',
      message: 'Cette séance n’existe plus : choisissez-en une autre.',
    });
    expect(await refused('parcours.create', { associationName: 'A', receivedOn: '2025-01-21', meetingId: meeting.id })).toEqual({
      path: 'meetingId',
      message: 'La séance du 20/01/2025 précède la réception de la demande.',
    });
    // The avis takes the meeting's date; the préfet decides that day or later.
    expect(await refused('parcours.create', { associationId: amicale, associationName: 'A', receivedOn: '2025-01-10', meetingId: meeting.id, opinion: 'favorable', decision: 'autorise', decisionOn: '2025-01-19' })).toEqual({
      path: 'decisionOn',
      message: 'La décision ne peut pas précéder l’avis de la commission (20/01/2025).',
    });
    const sameDay = await request({ receivedOn: '2025-01-20', meetingId: meeting.id, opinion: 'favorable', decision: 'autorise', decisionOn: '2025-01-20' });
    expect(sameDay).toMatchObject({ opinionOn: '2025-01-20', startsOn: '2025-01-20', endsOn: '2025-07-19' });
    // Without an avis, the meeting leaves no avis date.
    expect(await request({ receivedOn: '2025-01-11', meetingId: meeting.id })).toMatchObject({ meetingId: meeting.id, opinion: null, opinionOn: null });
  });
});

describe('the chain of renewals', () => {
  it('starts a renewal decided on the last day of the parcours the next day, and a late one on its decision', async () => {
    const first = await authorised();
    const onLastDay = await request({ receivedOn: '2025-07-01', previousId: first.id, opinion: 'favorable', opinionOn: '2025-07-10', decision: 'autorise', decisionOn: '2025-07-31' });
    expect(onLastDay).toMatchObject({ startsOn: '2025-08-01', endsOn: '2026-01-31' });
    const late = await request({ receivedOn: '2026-01-10', previousId: onLastDay.id, opinion: 'favorable', opinionOn: '2026-02-01', decision: 'autorise', decisionOn: '2026-02-10' });
    // The 24 months count from the start of the chain, not of the renewal.
    expect(late).toMatchObject({ renewalNumber: 2, startsOn: '2026-02-10', endsOn: '2026-08-09', capDate: '2027-01-31' });
  });

  it('closes a parcours when its renewal is authorised, not before, and reopens it when the renewal is refused, in the history', async () => {
    const first = await authorised();
    const renewal = await request({ receivedOn: '2025-07-01', previousId: first.id });
    // Asked, not yet authorised: the parcours runs on.
    expect(await t.call('parcours.get', { id: first.id })).toMatchObject({ state: 'en_cours', endReason: null, renewalReference: renewal.reference });

    const decided = await t.call('parcours.update', fieldsOf(renewal, { opinion: 'favorable', opinionOn: '2025-07-10', decision: 'autorise', decisionOn: '2025-07-20' }));
    expect(await t.call('parcours.get', { id: first.id })).toMatchObject({ state: 'termine', endReason: 'renouvele', closedOn: '2025-07-31' });

    // Saved again from the form (which cannot choose « Renouvelé »), it stays closed by its renewal, in one change.
    const changes = changeCount();
    const saved = await t.call('parcours.update', fieldsOf(await t.call('parcours.get', { id: first.id }), { notes: 'Relu' }));
    expect(saved).toMatchObject({ state: 'termine', endReason: 'renouvele', closedOn: '2025-07-31', notes: 'Relu' });
    expect(changeCount()).toBe(changes + 1);

    await t.call('parcours.update', fieldsOf(decided, { opinion: 'defavorable', decision: 'refuse', decisionOn: '2025-07-20' }));
    expect(await t.call('parcours.get', { id: first.id })).toMatchObject({ state: 'en_cours', endReason: null, closedOn: null });

    const history = await t.call('history.forRecord', { entity: 'parcours_request', id: first.id });
    const stateChanges = history.map((h) => h.changes.filter((c) => c.field === 'state' && c.changed).map((c) => [c.before, c.after])).filter((c) => c.length);
    // Newest first, down to the creation.
    expect(stateChanges).toEqual([[['Terminé', 'En cours']], [['En cours', 'Terminé']], [[null, 'En cours']]]);
    const closedOn = history.map((h) => h.changes.find((c) => c.field === 'closedOn' && c.changed)).filter(Boolean);
    expect(closedOn.map((c) => [c!.before, c!.after])).toEqual([
      ['31/07/2025', null],
      [null, '31/07/2025'],
    ]);
  });

  it('closes a parcours for another reason when the form says so', async () => {
    const first = await authorised();
    expect(await t.call('parcours.update', fieldsOf(first, { endReason: 'fin_parcours', closedOn: '2025-07-31' }))).toMatchObject({ state: 'termine', endReason: 'fin_parcours', closedOn: '2025-07-31', deadline: null });
  });

  it('keeps a renewed request’s origin, and its chain when saved again', async () => {
    const first = await authorised();
    const renewal = await request({ receivedOn: '2025-07-01', previousId: first.id, opinion: 'favorable', opinionOn: '2025-07-10', decision: 'autorise', decisionOn: '2025-07-20' });
    const second = await request({ receivedOn: '2025-12-01', previousId: renewal.id });
    const other = await authorised({ receivedOn: '2025-01-11' });
    expect(await refused('parcours.update', fieldsOf(renewal, { previousId: other.id }))).toEqual({
      path: 'previousId',
      message: 'Cette demande a déjà été renouvelée : elle ne peut plus changer de parcours d’origine.',
    });
    expect(await refused('parcours.update', fieldsOf(renewal, { previousId: null }))).toMatchObject({ path: 'previousId' });
    // The first request of a chain keeps its chain when saved again (it has no origin to take it from).
    expect(await t.call('parcours.update', fieldsOf(first, { notes: 'Relu' }))).toMatchObject({ chainId: first.id });
    expect((await t.call('parcours.get', { id: second.id })).chain.map((c) => c.reference)).toEqual([first.reference, renewal.reference, second.reference]);
    // A request not renewed may change its origin.
    expect(await t.call('parcours.update', fieldsOf(second, { previousId: null }))).toMatchObject({ chainId: second.id, renewalNumber: 0 });
  });

  it('deletes a request and says which', async () => {
    const first = await request();
    expect(await t.call('parcours.delete', { id: first.id })).toEqual({ id: first.id, undo: { token: expect.any(String), seconds: 10 } });
    expect(requestCount()).toBe(0);
  });
});

describe('deadlines', () => {
  it('counts an adjourned request as waiting for an avis, and a closed one as waiting for nothing', async () => {
    const adjourned = await request({ opinion: 'ajourne', opinionOn: '2025-01-30' });
    expect(adjourned.deadline).toBe('awaiting_opinion');
    // Its end passed long ago, but it was closed: nothing to do.
    const closed = await authorised({ receivedOn: '2025-01-11', endReason: 'sortie_anticipee', closedOn: '2025-06-30' });
    expect(closed.deadline).toBeNull();
    const d = await t.call('parcours.deadlines');
    expect(d.awaitingOpinion.map((r) => r.id)).toEqual([adjourned.id]);
    expect(d.endPassed).toEqual([]);
  });

  it('asks for the renewal from six weeks before the end, and records the exit from the day after it', async () => {
    // Today is 05/03/2026; six weeks later is 16/04/2026.
    const decided = { opinion: 'favorable', opinionOn: '2025-10-02', decision: 'autorise', decisionOn: '2025-10-03' } as const;
    const inSixWeeks = await request({ receivedOn: '2025-10-01', ...decided, endsOn: '2026-04-16' });
    const dayAfter = await request({ receivedOn: '2025-10-01', ...decided, endsOn: '2026-04-17' });
    const today = await request({ receivedOn: '2025-10-01', ...decided, endsOn: '2026-03-05' });
    const yesterday = await request({ receivedOn: '2025-10-01', ...decided, endsOn: '2026-03-04' });
    expect([inSixWeeks, dayAfter, today, yesterday].map((r) => r.deadline)).toEqual(['renewal_due', null, 'renewal_due', 'end_passed']);
    const d = await t.call('parcours.deadlines');
    expect(d.endingSoon.map((r) => [r.id, r.date, r.days])).toEqual([
      [today.id, '2026-03-05', 0],
      [inSixWeeks.id, '2026-04-16', 42],
    ]);
    expect(d.endPassed.map((r) => [r.id, r.days])).toEqual([[yesterday.id, 1]]);
  });

  it('sorts each list by date, counts a decision from the avis, and finds the next examining meeting from today', async () => {
    const a = await request({ receivedOn: '2026-01-05' });
    const b = await request({ receivedOn: '2026-02-05' });
    const c = await request({ receivedOn: '2025-11-05', opinion: 'favorable', opinionOn: '2026-02-20' });
    const e = await request({ receivedOn: '2026-01-15', opinion: 'favorable', opinionOn: '2026-01-20' });
    const past = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-04', startTime: '14:00' });
    expect((await t.call('parcours.deadlines')).nextMeeting).toBeNull();
    await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-04-02', startTime: '14:00' });
    const todays = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-05', startTime: '09:00' });
    const d = await t.call('parcours.deadlines');
    expect(d.awaitingOpinion.map((r) => [r.id, r.date, r.days])).toEqual([
      [a.id, '2026-01-05', 59],
      [b.id, '2026-02-05', 28],
    ]);
    expect(d.awaitingDecision.map((r) => [r.id, r.date, r.days])).toEqual([
      [e.id, '2026-01-20', 44],
      [c.id, '2026-02-20', 13],
    ]);
    expect(d.nextMeeting).toEqual({ id: todays.id, startsAt: expect.stringMatching(/^2026-03-05/) });
    expect(d.nextMeeting!.id).not.toBe(past.id);
  });
});

describe('options of the form', () => {
  it('offers the approved associations first, in French order, and the parcours that may be renewed', async () => {
    const autre = (await t.call('partners.create', { name: 'Aide aux victimes', type: 'association_enfance' })).id;
    const cimade = (await t.call('partners.create', { name: 'Cimade Bordeaux', type: 'association_sortie' })).id;
    const options = await t.call('parcours.options');
    expect(options.associations).toEqual([
      { id: amicale, name: 'Amicale du Nid 33', approved: true },
      { id: cimade, name: 'Cimade Bordeaux', approved: true },
      { id: autre, name: 'Aide aux victimes', approved: false },
    ]);
    await request();
    const first = await authorised({ receivedOn: '2025-01-11' });
    expect((await t.call('parcours.options')).renewable).toEqual([
      { id: first.id, reference: first.reference, associationId: amicale, associationName: 'Amicale du Nid 33', renewalNumber: 0, endsOn: '2025-07-31', chainStart: '2025-02-01' },
    ]);
  });
});

describe('retention', () => {
  it('offers the chains closed more than five years ago to the day, oldest first, and notes the purge', async () => {
    t.clock.set('2032-03-05T10:00:00Z');
    const closed = (receivedOn: string, closedOn: string) => authorised({ receivedOn, endReason: 'fin_parcours', closedOn });
    const later = await closed('2025-01-10', '2027-03-04');
    const earlier = await closed('2025-01-11', '2027-03-01');
    await closed('2025-01-12', '2027-03-05');
    const candidates = await t.call('parcours.retention');
    expect(candidates.map((c) => [c.references, c.closedOn])).toEqual([
      [[earlier.reference], '2027-03-01'],
      [[later.reference], '2027-03-04'],
    ]);
    await t.call('parcours.purge', { chainIds: [earlier.chainId, later.chainId] });
    const note = db().prepare(`SELECT op, before, after FROM change_log WHERE entity = 'parcours_retention'`).all();
    expect(note).toEqual([{ op: 'delete', before: JSON.stringify({ requests: 2 }), after: null }]);
  });
});

describe('the register exported', () => {
  it('as a workbook with one row per request, dates as dates and codes as words', async () => {
    const first = await authorised({ opinionReasons: 'Projet construit', decreeRef: 'Arrêté 2025-12', rights: ['afis', 'hebergement'], sex: 'femme', ageBand: '25_34', nationality: 'hors_ue' });
    const renewal = await request({ receivedOn: '2025-07-01', previousId: first.id });
    const path = join(t.dir, 'registre.xlsx');
    t.os.queueSaveFile(path);
    await t.call('parcours.export', { format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Parcours de sortie')!;
    const rows = sheet.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows[0]).toEqual([
      'Référence',
      'Nature',
      'Demande renouvelée',
      'Association',
      'Reçue le',
      'Séance',
      'Avis',
      'Motifs de l’avis',
      'Décision',
      'Décision le',
      'Arrêté',
      'Début',
      'Fin',
      'Droits ouverts',
      'État',
      'Motif de fin',
      'Fin le',
      'Sexe',
      'Tranche d’âge',
      'Nationalité',
    ]);
    const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
    // Oldest first, as the register is kept.
    expect(rows[1]!.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))).toEqual([
      first.reference,
      'Première demande',
      undefined,
      'Amicale du Nid 33',
      '2025-01-10',
      undefined,
      'Favorable',
      'Projet construit',
      'Autorisé',
      '2025-02-01',
      'Arrêté 2025-12',
      '2025-02-01',
      '2025-07-31',
      'AFIS (aide financière), Hébergement / logement',
      'En cours',
      undefined,
      undefined,
      'Femme',
      '25–34 ans',
      'Hors Union européenne',
    ]);
    expect(rows[1]![4]).toEqual(date('2025-01-10'));
    expect(rows[2]!.slice(0, 4)).toEqual([renewal.reference, 'Renouvellement n°\u00a01', first.reference, 'Amicale du Nid 33']);
    expect(rows[2]![14]).toBe('En instruction');
    expect(rows).toHaveLength(3);
  });

  it('as CSV', async () => {
    const first = await request();
    const path = join(t.dir, 'registre.csv');
    t.os.queueSaveFile(path);
    await t.call('parcours.export', { format: 'csv' });
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(first.reference);
  });
});
