import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParcoursFields } from '../../src/shared/schemas/parcours';
import { convertToPdf, pdfText } from '../helpers/libreoffice';
import { typographyDefects } from '../helpers/typography-check';
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
    const d = await t.call('parcours.deadlines');
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
  async function members() {
    // Both titulaires; Claire Martin also sits in the formation restreinte, whose half makes the quorum.
    await t.call('contacts.create', { partnerId: amicale, firstName: 'Claire', lastName: 'Martin', role: 'Directrice', isMember: true, memberRole: 'titulaire', restrictedMember: true });
    await t.call('contacts.create', { partnerId: cd, firstName: 'Paul', lastName: 'Durand', role: 'Responsable ASE', isMember: true, memberRole: 'titulaire' });
  }

  it('leaves child-protection members out, fills the agenda, records avis and the minors count', async () => {
    await members();
    const waiting = await request({ receivedOn: '2026-02-01' });
    const ending = await authorised({ receivedOn: '2025-09-10', opinionOn: '2025-09-20', decisionOn: '2025-10-01' });
    const meeting = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00' });
    expect(meeting.attendees.map((a) => a.structure)).toEqual(['Amicale du Nid 33']);
    const cdContact = db().prepare('SELECT id FROM contacts WHERE partner_id = ?').pluck().get(cd) as string;
    expect((await t.callError('attendees.addContacts', { meetingId: meeting.id, contactIds: [cdContact] })).message).toContain('n’assistent pas à l’examen des demandes');

    const before = await t.call('parcours.meeting', { meetingId: meeting.id });
    expect(before).toMatchObject({ isExamining: true, examined: [], minorsSituations: 0 });
    expect(before.waiting.map((w) => w.id)).toEqual([waiting.id]);
    expect(before.renewalsDue.map((w) => w.id)).toEqual([ending.id]);

    const filled = await t.call('parcours.fillAgenda', { meetingId: meeting.id });
    expect(filled.examined.map((e) => e.reference)).toEqual([waiting.reference]);
    const agenda = (await t.call('meetings.get', { id: meeting.id })).agenda;
    expect(agenda.map((a) => a.title)).toContain('Examen des demandes de parcours de sortie de la prostitution');
    expect(agenda.at(-1)!.notes).toContain(`${ending.reference} (fin le 31/03/2026)`);

    const recorded = await t.call('parcours.recordOpinion', { id: waiting.id, meetingId: meeting.id, opinion: 'favorable', reasons: 'Projet d’insertion construit' });
    expect(recorded.examined[0]).toMatchObject({ opinion: 'favorable', reasons: 'Projet d’insertion construit' });
    expect(await t.call('parcours.get', { id: waiting.id })).toMatchObject({ opinionOn: '2026-03-12', deadline: 'awaiting_decision' });
    expect((await t.call('parcours.setMinors', { meetingId: meeting.id, count: 3 })).minorsSituations).toBe(3);
    expect((await t.callError('parcours.setMinors', { meetingId: meeting.id, count: -1 })).message).toContain('négatif');

    const plenary = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-20', startTime: '10:00' });
    expect((await t.callError('parcours.recordOpinion', { id: waiting.id, meetingId: plenary.id, opinion: 'favorable' })).message).toContain('formation restreinte');
  });

  it('uninvites the child-protection members when a plenary becomes an examining meeting, and says who', async () => {
    await members();
    const plenary = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-12', startTime: '14:00', place: 'Préfecture' });
    expect(plenary.attendees.map((a) => a.name).sort()).toEqual(['Claire Martin', 'Paul Durand']);
    const paul = plenary.attendees.find((a) => a.name === 'Paul Durand')!;
    const claire = plenary.attendees.find((a) => a.name === 'Claire Martin')!;
    // Claire gave Paul her mandate: once Paul is gone, she is « invitée » again rather than holding a mandate to nobody.
    await t.call('attendees.setAttendance', { id: paul.id, status: 'present' });
    await t.call('attendees.setAttendance', { id: claire.id, status: 'mandat', mandateTo: paul.id });

    const saved = await t.call('meetings.update', { id: plenary.id, kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00', place: 'Préfecture' });
    expect(saved.uninvited).toEqual(['Paul Durand – Conseil départemental de la Gironde']);
    const reopened = await t.call('meetings.get', { id: plenary.id });
    expect(reopened.kind).toBe('examen_parcours');
    expect(reopened.attendees.map((a) => [a.name, a.status])).toEqual([['Claire Martin', 'invite']]);
    const history = db().prepare(`SELECT op FROM change_log WHERE entity = 'meeting_attendee' AND entity_id = ?`).pluck().all(paul.id);
    expect(history).toContain('delete');

    // Saving it again changes nothing more; a kind change elsewhere uninvites nobody.
    expect((await t.call('meetings.update', { id: plenary.id, kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00', place: 'Préfecture' })).uninvited).toEqual([]);
    const workshop = await t.call('meetings.create', { kind: 'pleniere', date: '2026-04-12', startTime: '14:00' });
    expect((await t.call('meetings.update', { id: workshop.id, kind: 'groupe_travail', date: '2026-04-12', startTime: '14:00' })).uninvited).toEqual([]);
    expect((await t.call('meetings.get', { id: workshop.id })).attendees).toHaveLength(2);
  });

  it('writes a relevé d’avis that LibreOffice opens, restricted to the members present', async () => {
    await members();
    const a = await request({ receivedOn: '2026-02-01' });
    const b = await authorised({ receivedOn: '2025-09-10', opinionOn: '2025-09-20', decisionOn: '2025-10-01' });
    const renewal = await request({ previousId: b.id, receivedOn: '2026-02-15' });
    const meeting = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-12', startTime: '14:00', place: 'Préfecture, salle 2' });
    await t.call('attendees.setAttendance', { id: meeting.attendees[0]!.id, status: 'present' });
    await t.call('parcours.fillAgenda', { meetingId: meeting.id });
    await t.call('parcours.recordOpinion', { id: a.id, meetingId: meeting.id, opinion: 'defavorable', reasons: 'Dossier incomplet' });
    await t.call('parcours.recordOpinion', { id: renewal.id, meetingId: meeting.id, opinion: 'favorable', reasons: null });
    await t.call('parcours.setMinors', { meetingId: meeting.id, count: 2 });

    const out = mkdtempSync(join(tmpdir(), 'releve-'));
    try {
      const target = join(out, 'releve.docx');
      t.os.queueSaveFile(target);
      expect(await t.call('parcours.releve', { meetingId: meeting.id })).toEqual({ path: target });
      const text = (await pdfText(await convertToPdf(target, out))).replace(/\s+/g, ' ');
      expect(text).toContain('Relevé d’avis');
      expect(text).toContain('Diffusion restreinte');
      // The references are written with non-breaking hyphens, which pdftotext reads back as hyphens.
      expect(text).toContain('PS-2026-001 Première demande Amicale du Nid 33 Défavorable Dossier incomplet');
      expect(text).toContain('Renouvellement n° 1');
      expect(text).toContain('Dossier incomplet');
      expect(text).toContain('Claire Martin');
      expect(text).toContain('Situations individuelles de mineurs coordonnées : 2');
      // Only the kinds of opinion given, never « 0 avis ajourné ».
      expect(text).toContain('2 demandes examinées : 1 avis favorable et 1 avis défavorable.');
      expect(text).toMatch(/Quorum Atteint/);
      expect(text).not.toContain('Paul Durand');
      // As a reader with DejaVu only sees it, too: the same text, no line starting with « : » or a cut date.
      const dejavu = await pdfText(await convertToPdf(target, join(out, 'dejavu'), undefined, 'dejavu'));
      expect(dejavu.replace(/\s+/g, ' ')).toContain('Situations individuelles de mineurs coordonnées : 2');
      expect(typographyDefects(dejavu)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
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
