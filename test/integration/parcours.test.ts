import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParcoursFields } from '../../src/shared/schemas/parcours';
import { convertToPdf, pdfText } from '../helpers/libreoffice';
import { midWordSplits, typographyDefects, wordsOf } from '../helpers/typography-check';
import { docxText } from '../helpers/docx-text';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
let amicale: string;
let cd: string;

beforeEach(async () => {
  // DEFAULT_NOW is 5 March 2026.
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33' });
  amicale = (await t.call('partners.create', { name: 'Amicale du Nid 33', type: 'association_sortie' })).id;
  cd = (await t.call('partners.create', { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental' })).id;
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;

function request(overrides: Partial<ParcoursFields> = {}) {
  return t.call('parcours.create', { associationId: amicale, associationName: 'Amicale du Nid 33', receivedOn: '2025-01-10', ...overrides });
}

async function authorised(overrides: Partial<ParcoursFields> = {}) {
  return request({ opinion: 'favorable', opinionOn: '2025-01-30', decision: 'autorise', decisionOn: '2025-02-01', ...overrides });
}

describe('register of parcours requests', () => {
  it('numbers references by year, derives the state and the 6-month period, and keeps history', async () => {
    const first = await request();
    expect(first).toMatchObject({ reference: 'PS-2025-001', renewalNumber: 0, state: 'instruction', deadline: 'awaiting_opinion' });
    const second = await request({ reference: null, receivedOn: '2025-03-02' });
    expect(second.reference).toBe('PS-2025-002');
    const own = await request({ reference: 'AN/33/2026-7', receivedOn: '2026-01-05' });
    expect(own.reference).toBe('AN/33/2026-7');
    expect((await t.callError('parcours.create', { associationName: 'X', receivedOn: '2025-05-05', reference: 'ps-2025-001' })).message).toContain('déjà utilisée');
    // Pasted from a document that printed it with non-breaking hyphens (or a minus sign): the same reference.
    expect((await t.callError('parcours.create', { associationName: 'X', receivedOn: '2025-05-05', reference: 'PS\u20112025\u2212001' })).message).toContain('déjà utilisée');
    expect((await request({ reference: 'AN\u20112026\u2011042\u00a0', receivedOn: '2026-01-06' })).reference).toBe('AN-2026-042');

    const updated = await t.call('parcours.update', {
      ...fieldsOf(first),
      id: first.id,
      opinion: 'favorable',
      opinionOn: '2025-01-30',
      decision: 'autorise',
      decisionOn: '2025-02-03',
      decreeRef: 'Arrêté 2025-12',
      rights: ['afis', 'hebergement'],
    });
    expect(updated).toMatchObject({ state: 'en_cours', startsOn: '2025-02-03', endsOn: '2025-08-02', capDate: '2027-02-02', rights: ['afis', 'hebergement'] });
    const history = await t.call('history.forRecord', { entity: 'parcours_request', id: first.id });
    expect(history).toHaveLength(2);
    expect(history[0]!.changes.find((c) => c.field === 'decision')).toMatchObject({ before: null, after: 'Autorisé', changed: true });
  });

  it('refuses inconsistent dates and decisions with French messages', async () => {
    const noOpinion = await t.callError('parcours.create', { associationName: 'A', receivedOn: '2025-01-10', decision: 'autorise', decisionOn: '2025-02-01' });
    expect(noOpinion.details?.map((d) => d.message)).toContain('La décision du préfet suit l’avis de la commission : enregistrez d’abord l’avis.');
    const early = await t.callError('parcours.create', { associationName: 'A', receivedOn: '2025-01-10', opinion: 'favorable', opinionOn: '2025-01-01' });
    expect(early.message).toContain('L’avis ne peut pas précéder la réception de la demande.');
    const adjourned = await t.callError('parcours.create', { associationName: 'A', receivedOn: '2025-01-10', opinion: 'ajourne', opinionOn: '2025-01-20', decision: 'refuse', decisionOn: '2025-02-01' });
    expect(adjourned.message).toContain('Un avis ajourné ne permet pas de décision');
    const refused = await request({ opinion: 'defavorable', opinionOn: '2025-01-30', decision: 'refuse', decisionOn: '2025-02-10' });
    expect(refused).toMatchObject({ state: 'termine', endReason: 'refus', closedOn: '2025-02-10', deadline: null });
  });

  it('chains renewals, closes the renewed parcours and enforces the 24-month cap', async () => {
    const first = await authorised();
    expect(first).toMatchObject({ startsOn: '2025-02-01', endsOn: '2025-07-31' });
    const r1 = await request({ previousId: first.id, receivedOn: '2025-07-01', opinion: 'favorable', opinionOn: '2025-07-10', decision: 'autorise', decisionOn: '2025-07-20' });
    expect(r1).toMatchObject({ renewalNumber: 1, chainId: first.id, startsOn: '2025-08-01', endsOn: '2026-01-31', previousReference: first.reference });
    expect(await t.call('parcours.get', { id: first.id })).toMatchObject({ state: 'termine', endReason: 'renouvele', closedOn: '2025-07-31', renewalReference: r1.reference });
    // Only one living renewal per parcours.
    expect((await t.callError('parcours.create', { associationName: 'A', receivedOn: '2025-07-02', previousId: first.id })).message).toContain('fait déjà l’objet d’une demande de renouvellement');

    const r2 = await request({ previousId: r1.id, receivedOn: '2026-01-05', opinion: 'favorable', opinionOn: '2026-01-15', decision: 'autorise', decisionOn: '2026-01-20' });
    expect(r2).toMatchObject({ renewalNumber: 2, startsOn: '2026-02-01', endsOn: '2026-07-31' });
    // A fourth period of 6 months reaches 31/01/2027, the last day allowed; a longer one is refused.
    const tooLong = await t.callError('parcours.create', {
      associationName: 'A',
      previousId: r2.id,
      receivedOn: '2026-07-01',
      opinion: 'favorable',
      opinionOn: '2026-07-10',
      decision: 'autorise',
      decisionOn: '2026-07-20',
      endsOn: '2027-02-28',
    });
    expect(tooLong.message).toBe(
      'Saisie à corriger : Ce renouvellement porterait le parcours au-delà de 24 mois : commencé le 01/02/2025, il doit prendre fin au plus tard le 31/01/2027.'.replace('Saisie à corriger : ', ''),
    );
    const r3 = await request({ previousId: r2.id, receivedOn: '2026-07-01', opinion: 'favorable', opinionOn: '2026-07-10', decision: 'autorise', decisionOn: '2026-07-20' });
    expect(r3).toMatchObject({ renewalNumber: 3, endsOn: '2027-01-31', capDate: '2027-01-31' });
    const capped = await t.callError('parcours.create', { associationName: 'A', previousId: r3.id, receivedOn: '2026-12-01' });
    expect(capped.message).toContain('a atteint la durée maximale de 24 mois');
    expect((await t.call('parcours.options')).renewable.map((x) => x.id)).not.toContain(r3.id);

    // Deleting a renewal reopens the parcours it renewed; a renewed request cannot be deleted first.
    expect((await t.callError('parcours.delete', { id: r2.id })).message).toContain('supprimez d’abord le renouvellement');
    await t.call('parcours.delete', { id: r3.id });
    expect(await t.call('parcours.get', { id: r2.id })).toMatchObject({ state: 'en_cours', endReason: null });
  });

  it('lists the three deadlines', async () => {
    // Ends 31/03/2026, within 6 weeks of 05/03/2026, no renewal asked.
    const ending = await authorised({ receivedOn: '2025-09-10', opinionOn: '2025-09-20', decisionOn: '2025-10-01' });
    await request({ receivedOn: '2026-02-01' });
    await request({ receivedOn: '2026-02-02', opinion: 'favorable', opinionOn: '2026-02-20' });
    // Ended 31/01/2026 and never closed nor renewed: the exit is to record, not a renewal to ask for.
    const ended = await authorised({ receivedOn: '2025-07-10', opinionOn: '2025-07-20', decisionOn: '2025-08-01' });
    expect(await t.call('parcours.get', { id: ended.id })).toMatchObject({ state: 'en_cours', deadline: 'end_passed' });
    const d = await t.call('parcours.deadlines');
    expect(d.endPassed).toEqual([expect.objectContaining({ id: ended.id, date: '2026-01-31', days: 33 })]);
    expect(d.endingSoon).toEqual([expect.objectContaining({ id: ending.id, date: '2026-03-31', days: 26 })]);
    expect(d.awaitingOpinion.map((x) => x.reference)).toEqual(['PS-2026-001']);
    expect(d.awaitingDecision.map((x) => x.reference)).toEqual(['PS-2026-002']);
    // Once a renewal is asked, the parcours is no longer due.
    await request({ previousId: ending.id, receivedOn: '2026-03-01' });
    expect((await t.call('parcours.deadlines')).endingSoon).toEqual([]);
  });
});

function fieldsOf(d: Awaited<ReturnType<typeof request>>): ParcoursFields {
  return {
    reference: d.reference,
    associationId: d.associationId,
    associationName: d.associationName,
    previousId: d.previousId,
    receivedOn: d.receivedOn,
    meetingId: d.meetingId,
    opinion: d.opinion,
    opinionOn: d.opinionOn,
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
  };
}

describe('examining meetings', () => {
  /** Four seats: the association's directrice, a police commander, the DDFE, and the ASE added « au titre de la protection de l’enfance ». */
  async function members() {
    const police = (await t.call('partners.create', { name: 'Police nationale', type: 'police' })).id;
    const ddfe = (await t.call('partners.create', { name: 'Délégation aux droits des femmes', type: 'ddfe_ddets' })).id;
    await t.call('contacts.create', { partnerId: amicale, civility: 'Mme', firstName: 'Claire', lastName: 'Martin', role: 'Directrice', isMember: true });
    await t.call('contacts.create', { partnerId: police, civility: 'M.', firstName: 'Hugo', lastName: 'Leroy', role: 'Commissaire divisionnaire', isMember: true });
    await t.call('contacts.create', { partnerId: ddfe, civility: 'Mme', firstName: 'Inès', lastName: 'Roux', role: 'Déléguée départementale', isMember: true });
    await t.call('contacts.create', { partnerId: cd, civility: 'M.', firstName: 'Paul', lastName: 'Durand', role: 'Responsable ASE', isMember: true, memberTitle: 'protection_enfance' });
  }

  const mark = async (meetingId: string, statuses: Record<string, 'present' | 'excuse' | 'absent'>) => {
    const meeting = await t.call('meetings.get', { id: meetingId });
    for (const a of meeting.attendees) if (statuses[a.name]) await t.call('attendees.setAttendance', { id: a.id, status: statuses[a.name]! });
    return t.call('meetings.get', { id: meetingId });
  };

  it('seats the commission without the members added for child protection, fills the agenda, records avis', async () => {
    await members();
    const waiting = await request({ receivedOn: '2026-02-01' });
    const ending = await authorised({ receivedOn: '2025-09-10', opinionOn: '2025-09-20', decisionOn: '2025-10-01' });
    const meeting = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00' });
    expect(meeting.attendees.map((a) => a.name).sort()).toEqual(['Claire Martin', 'Hugo Leroy', 'Inès Roux']);
    const cdContact = db().prepare('SELECT id FROM contacts WHERE partner_id = ?').pluck().get(cd) as string;
    expect((await t.callError('attendees.addContacts', { meetingId: meeting.id, contactIds: [cdContact] })).message).toContain('ne siège pas à l’examen des demandes');

    const before = await t.call('parcours.meeting', { meetingId: meeting.id });
    expect(before).toMatchObject({ isExamining: true, examined: [] });
    expect(before.waiting.map((w) => w.id)).toEqual([waiting.id]);
    expect(before.renewalsDue.map((w) => w.id)).toEqual([ending.id]);

    const filled = await t.call('parcours.fillAgenda', { meetingId: meeting.id });
    expect(filled.examined.map((e) => e.reference)).toEqual([waiting.reference]);
    const agenda = (await t.call('meetings.get', { id: meeting.id })).agenda;
    expect(agenda.map((a) => a.title)).toContain('Examen des demandes de parcours de sortie de la prostitution');
    expect(agenda.at(-1)!.notes).toContain(`${ending.reference} (fin le 31/03/2026)`);
    // The association has no agrément recorded: the agenda says so.
    expect(agenda.at(-1)!.notes).toContain(`${waiting.reference} (première demande, Amicale du Nid 33 : aucun agrément enregistré)`);

    // The quorum is noted before the avis.
    expect((await t.callError('parcours.recordOpinion', { id: waiting.id, meetingId: meeting.id, opinion: 'favorable' })).message).toContain('Notez d’abord les présences');
    await mark(meeting.id, { 'Claire Martin': 'present', 'Hugo Leroy': 'present', 'Inès Roux': 'excuse' });
    const recorded = await t.call('parcours.recordOpinion', { id: waiting.id, meetingId: meeting.id, opinion: 'favorable', reasons: 'Projet d’insertion construit' });
    expect(recorded.examined[0]).toMatchObject({ opinion: 'favorable', reasons: 'Projet d’insertion construit', valid: true });
    expect(await t.call('parcours.get', { id: waiting.id })).toMatchObject({ opinionOn: '2026-03-12', deadline: 'awaiting_decision' });

    const plenary = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-20', startTime: '10:00' });
    expect((await t.callError('parcours.recordOpinion', { id: waiting.id, meetingId: plenary.id, opinion: 'favorable' })).message).toContain('formation restreinte');
  });

  it('keeps the members of the association that presents a request, and those who declare an interest, out of its avis', async () => {
    await members();
    const a = await request({ receivedOn: '2026-02-01' });
    const meeting = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00' });
    await t.call('parcours.fillAgenda', { meetingId: meeting.id });
    await mark(meeting.id, { 'Claire Martin': 'present', 'Hugo Leroy': 'present', 'Inès Roux': 'present' });
    let parcours = await t.call('parcours.meeting', { meetingId: meeting.id });
    const claire = parcours.members.find((m) => m.name === 'Claire Martin')!;
    expect(parcours.examined[0]!.leftOut).toEqual([{ attendeeId: claire.attendeeId, name: 'Claire Martin', structure: 'Amicale du Nid 33', reason: 'association', note: null }]);
    // The item is judged on the two other seats, and its vote counts two voters.
    expect(parcours.examined[0]!.quorum).toMatchObject({ composition: 2, counted: 2, required: 1, reached: true });
    expect((await t.callError('parcours.recordOpinion', { id: a.id, meetingId: meeting.id, opinion: 'favorable', votes: { for: 2, against: 0, abstention: 1 } })).message).toContain('3 voix pour 2 membres');
    // A tie is settled by the chair's casting vote, in the sense of the avis.
    expect((await t.callError('parcours.recordOpinion', { id: a.id, meetingId: meeting.id, opinion: 'favorable', votes: { for: 1, against: 1, abstention: 0 } })).message).toContain('voix prépondérante');
    parcours = await t.call('parcours.recordOpinion', { id: a.id, meetingId: meeting.id, opinion: 'favorable', votes: { for: 1, against: 1, abstention: 0, casting: 'pour' } });
    expect(parcours.examined[0]!.votes).toEqual({ for: 1, against: 1, abstention: 0, casting: 'pour' });

    const hugo = parcours.members.find((m) => m.name === 'Hugo Leroy')!;
    parcours = await t.call('parcours.declareInterest', { requestId: a.id, attendeeId: hugo.attendeeId, reason: 'Lien avec la structure d’hébergement' });
    expect(parcours.examined[0]!.leftOut.map((l) => [l.name, l.reason, l.note])).toEqual([
      ['Claire Martin', 'association', null],
      ['Hugo Leroy', 'declared', 'Lien avec la structure d’hébergement'],
    ]);
    expect(parcours.examined[0]!.quorum).toMatchObject({ composition: 1, counted: 1 });
    const history = await t.call('history.forRecord', { entity: 'parcours_request', id: a.id });
    expect(history[0]!.changes.find((c) => c.field === 'interest')).toMatchObject({ after: 'Hugo Leroy ne prend pas part à l’avis' });
    parcours = await t.call('parcours.withdrawInterest', { requestId: a.id, attendeeId: hugo.attendeeId });
    expect(parcours.examined[0]!.leftOut).toHaveLength(1);
  });

  it('gives no valid avis without quorum, and convenes the commission again on the same agenda, without quorum', async () => {
    await members();
    const a = await request({ receivedOn: '2026-02-01' });
    const first = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-02', startTime: '14:00', place: 'Préfecture' });
    await t.call('parcours.fillAgenda', { meetingId: first.id });
    const held = await mark(first.id, { 'Claire Martin': 'present', 'Hugo Leroy': 'excuse', 'Inès Roux': 'absent' });
    expect(held.quorum).toMatchObject({ composition: 3, counted: 1, required: 2, reached: false, waived: false });
    expect((await t.callError('parcours.recordOpinion', { id: a.id, meetingId: first.id, opinion: 'favorable' })).message).toContain('Le quorum n’est pas atteint pour PS-2026-001');
    // Nor through the register's form.
    expect((await t.callError('parcours.update', { ...fieldsOf(await t.call('parcours.get', { id: a.id })), id: a.id, meetingId: first.id, opinion: 'favorable' })).message).toContain('Le quorum n’est pas atteint');

    const again = await t.call('meetings.reconvene', { id: first.id, date: '2026-03-16', startTime: '14:00', endTime: '15:30' });
    expect(again).toMatchObject({ kind: 'examen_parcours', place: 'Préfecture', secondConvocationOf: first.id, firstConvocation: { id: first.id } });
    expect(again.quorum).toMatchObject({ waived: true });
    expect(again.agenda.map((i) => i.title)).toEqual(held.agenda.map((i) => i.title));
    expect(again.attendees.map((x) => [x.name, x.status])).toEqual(held.attendees.map((x) => [x.name, 'invite']));
    expect((await t.call('meetings.get', { id: first.id })).reconvenedAs).toEqual({ id: again.id, startsAt: '2026-03-16T14:00' });
    expect((await t.callError('meetings.reconvene', { id: first.id, date: '2026-03-23', startTime: '14:00' })).message).toContain('déjà été faite');
    // The request goes with the agenda; at the new meeting the avis is valid whatever the attendance.
    const parcours = await t.call('parcours.meeting', { meetingId: again.id });
    expect(parcours.examined.map((e) => e.reference)).toEqual(['PS-2026-001']);
    await mark(again.id, { 'Claire Martin': 'excuse', 'Hugo Leroy': 'present', 'Inès Roux': 'absent' });
    const recorded = await t.call('parcours.recordOpinion', { id: a.id, meetingId: again.id, opinion: 'favorable' });
    expect(recorded.examined[0]).toMatchObject({ opinion: 'favorable', valid: true });
    // A meeting whose quorum is reached is not convened again.
    expect((await t.callError('meetings.reconvene', { id: again.id, date: '2026-03-30', startTime: '14:00' })).message).toContain('sans condition de quorum');
  });

  it('uninvites the members who do not sit when a plenary becomes an examining meeting, and says who', async () => {
    await members();
    const plenary = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-12', startTime: '14:00', place: 'Préfecture' });
    expect(plenary.attendees.map((a) => a.name).sort()).toEqual(['Claire Martin', 'Hugo Leroy', 'Inès Roux', 'Paul Durand']);
    const paul = plenary.attendees.find((a) => a.name === 'Paul Durand')!;
    const claire = plenary.attendees.find((a) => a.name === 'Claire Martin')!;
    // Claire gave Paul her mandate: once Paul is gone, she is « invitée » again rather than holding a mandate to nobody.
    await t.call('attendees.setAttendance', { id: paul.id, status: 'present' });
    await t.call('attendees.setAttendance', { id: claire.id, status: 'mandat', mandateTo: paul.id });

    const saved = await t.call('meetings.update', { id: plenary.id, kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00', place: 'Préfecture' });
    expect(saved.uninvited).toEqual(['Paul Durand – Conseil départemental de la Gironde']);
    const reopened = await t.call('meetings.get', { id: plenary.id });
    expect(reopened.kind).toBe('examen_parcours');
    expect(reopened.attendees.find((a) => a.name === 'Claire Martin')!.status).toBe('invite');
    expect(reopened.attendees.map((a) => a.name)).not.toContain('Paul Durand');
    const history = db().prepare(`SELECT op FROM change_log WHERE entity = 'meeting_attendee' AND entity_id = ?`).pluck().all(paul.id);
    expect(history).toContain('delete');

    // Saving it again changes nothing more; a kind change to a working meeting uninvites nobody.
    expect((await t.call('meetings.update', { id: plenary.id, kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00', place: 'Préfecture' })).uninvited).toEqual([]);
    const workshop = await t.call('meetings.create', { kind: 'pleniere', date: '2026-04-12', startTime: '14:00' });
    expect((await t.call('meetings.update', { id: workshop.id, kind: 'groupe_travail', date: '2026-04-12', startTime: '14:00' })).uninvited).toEqual([]);
    expect((await t.call('meetings.get', { id: workshop.id })).attendees).toHaveLength(4);
  });

  it('writes a relevé d’avis that LibreOffice opens, restricted to the members who sit, with who took no part', async () => {
    await members();
    // The Amicale's agrément lapsed in January.
    await t.call('partners.update', { id: amicale, name: 'Amicale du Nid 33', type: 'association_sortie', agrementOn: '2023-01-10', agrementYears: 3, agrementPrefecture: 'Préfecture de la Gironde' });
    const a = await request({ receivedOn: '2026-02-01' });
    const b = await authorised({ receivedOn: '2025-09-10', opinionOn: '2025-09-20', decisionOn: '2025-10-01' });
    const renewal = await request({ previousId: b.id, receivedOn: '2026-02-15' });
    const meeting = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00', place: 'Préfecture, salle 2' });
    await mark(meeting.id, { 'Claire Martin': 'present', 'Hugo Leroy': 'present', 'Inès Roux': 'present' });
    await t.call('parcours.fillAgenda', { meetingId: meeting.id });
    await t.call('parcours.recordOpinion', { id: a.id, meetingId: meeting.id, opinion: 'defavorable', reasons: 'Dossier incomplet', votes: { for: 0, against: 2, abstention: 0 } });
    await t.call('parcours.recordOpinion', { id: renewal.id, meetingId: meeting.id, opinion: 'favorable', reasons: null });
    expect((await t.call('parcours.get', { id: a.id })).agrement).toEqual({ status: 'expire', until: '2026-01-09' });

    const out = mkdtempSync(join(tmpdir(), 'releve-'));
    try {
      const target = join(out, 'releve.docx');
      t.os.queueSaveFile(target);
      expect(await t.call('parcours.releve', { meetingId: meeting.id })).toEqual({ path: target });
      const text = (await pdfText(await convertToPdf(target, out))).replace(/\s+/g, ' ');
      expect(text).toContain('Relevé d’avis');
      expect(text).toContain('Diffusion restreinte');
      // The references are written with the hyphens one types: copied from the document or searched for, they match.
      const written = await docxText(readFileSync(target));
      expect(written).toContain('PS-2026-001');
      expect(written).not.toMatch(/\u2011/);
      expect(text).toContain('PS-2026-001 Première demande Amicale du Nid 33 (agrément expiré (valable jusqu’au 09/01/2026)) Défavorable Dossier incomplet');
      expect(text).toContain('Vote : 0 voix pour, 2 voix contre, 0 abstention.');
      expect(text).toContain('Mme Claire Martin, Amicale du Nid 33 ne prend pas part à l’avis (association qui présente la demande).');
      expect(text).toContain('Renouvellement n° 1');
      // Only the kinds of opinion given, never « 0 avis ajourné »; no count of minors at an examining meeting.
      expect(text).toContain('2 demandes examinées : 1 avis favorable et 1 avis défavorable.');
      expect(text).not.toContain('mineurs');
      expect(text).toMatch(/Quorum Atteint/);
      expect(text).toContain('Destinataires : les membres siégeant à l’examen des demandes (3)');
      expect(text).not.toContain('Paul Durand');
      // As a reader with DejaVu only sees it, too: the same text, no line starting with « : » or a cut date.
      const dejavu = await pdfText(await convertToPdf(target, join(out, 'dejavu'), undefined, 'dejavu'));
      expect(dejavu.replace(/\s+/g, ' ')).toContain('ne prend pas part à l’avis');
      expect(typographyDefects(dejavu)).toEqual([]);
      // « Renouvellement » once went over its column's width and LibreOffice cut it: « Renouvellemen » / « t n° 1 ».
      expect(midWordSplits(dejavu, wordsOf(written))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // Two LibreOffice runs: on the shared machine, under a full run, they outlast the default minute.
  }, 180_000);
});

describe('figures and retention', () => {
  it('keeps the counts of purged requests in past figures', async () => {
    t.clock.set('2032-03-05T10:00:00Z');
    const old = await authorised({ receivedOn: '2025-01-10', endReason: 'fin_parcours', closedOn: '2025-07-31' });
    await request({ receivedOn: '2031-06-01' });
    const before = await t.call('parcours.stats', { from: '2025-01-01', to: '2025-12-31' });
    expect(before).toMatchObject({ firstRequests: 1, authorisations: 1, favourableOpinions: 1, exitsTotal: 1, archivedRequests: 0 });
    const candidates = await t.call('parcours.retention');
    expect(candidates).toEqual([{ chainId: old.chainId, references: [old.reference], associationName: 'Amicale du Nid 33', closedOn: '2025-07-31' }]);
    expect(await t.call('parcours.purge', { chainIds: [old.chainId] })).toEqual({ deleted: 1 });
    expect(db().prepare("SELECT count(*) FROM change_log WHERE entity = 'parcours_request' AND entity_id = ?").pluck().get(old.id)).toBe(0);
    const after = await t.call('parcours.stats', { from: '2025-01-01', to: '2025-12-31' });
    expect({ ...after, archivedRequests: 0 }).toEqual(before);
    expect(after.archivedRequests).toBe(1);
    expect((await t.call('parcours.list')).map((r) => r.reference)).toEqual(['PS-2031-001']);
    const open = (await t.call('parcours.list'))[0]!;
    expect((await t.callError('parcours.purge', { chainIds: [open.chainId] })).message).toContain('rien n’a été supprimé');
  });
});
