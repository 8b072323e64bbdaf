import ICAL from 'ical.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMeetingDocument } from '../../src/main/services/meeting-documents';
import type { MeetingDetail } from '../../src/shared/model/meetings';
import { convertToPdf, pdfText, pdfToPngs } from '../helpers/libreoffice';
import { sampleLogoPng } from '../helpers/logo';
import { seedSessions } from '../helpers/meetings-fixture';
import { createTestRouter, type TestRouter } from '../helpers/router';

const ARTIFACTS = join('test-artifacts', 'documents');
/** Lines wrap inside table cells: compare with runs of spaces and line breaks collapsed. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('session documents opened by LibreOffice', () => {
  let t: TestRouter;
  let out: string;
  let session: MeetingDetail;

  beforeAll(async () => {
    t = createTestRouter();
    out = mkdtempSync(join(tmpdir(), 'maillage-docs-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const seed = await seedSessions(t);
    const logo = join(out, 'logo.png');
    writeFileSync(logo, sampleLogoPng());
    t.os.queueOpenFile(logo);
    await t.call('settings.chooseLogo');

    // The session of 19 March 2026, after the one of 9 October 2025 (seeded with its open follow-up).
    let s = await t.call('meetings.create', {
      kind: 'pleniere',
      date: '2026-03-19',
      startTime: '14:30',
      endTime: '17:00',
      place: 'Préfecture de la Gironde, salle Tourny',
      videoLink: 'https://webconf.numerique.gouv.fr/cdlp33',
      chair: 'Mme la secrétaire générale de la préfecture',
      nextMeetingNote: 'Séance plénière le jeudi 8 octobre 2026 à 14 h 30.',
    });
    s = await t.call('attendees.addContacts', { meetingId: s.id, contactIds: [seed.guest.id] });
    s = await t.call('attendees.addPerson', { meetingId: s.id, civility: 'Mme', name: 'Inès Garnier', role: 'Substitute du procureur', structure: 'Parquet de Bordeaux' });
    const by = (name: string) => s.attendees.find((a) => a.name === name)!.id;
    await t.call('attendees.setAttendance', { id: by('Hélène Desfontaines'), status: 'present' });
    await t.call('attendees.setAttendance', { id: by('Grégoire Lefèvre'), status: 'represente', representedBy: 'Yannick Roux, commandant' });
    await t.call('attendees.setAttendance', { id: by('Maëlle Noël'), status: 'excuse' });
    await t.call('attendees.setAttendance', { id: by('Loïc Bénard'), status: 'present' });
    s = await t.call('attendees.setAttendance', { id: by('Inès Garnier'), status: 'absent' });
    s = await t.call('agenda.update', { id: s.agenda[0]!.id, title: s.agenda[0]!.title, presenter: 'Élodie Marchand', durationMin: 10, notes: 'Le compte rendu est approuvé à l’unanimité.' });
    s = await t.call('agenda.update', { id: s.agenda[1]!.id, title: s.agenda[1]!.title, durationMin: 20, notes: null });
    s = await t.call('agenda.create', {
      meetingId: s.id,
      title: 'Prévention en milieu scolaire : bilan des interventions',
      presenter: 'Maëlle Noël',
      durationMin: 45,
      notes: 'Vingt-deux collèges ont accueilli une intervention.\n\nLes élèves de 4e sont désormais visés en priorité.',
      links: { actionIds: [seed.actionId] },
    });
    const item = s.agenda[2]!;
    s = await t.call('decisions.create', { meetingId: s.id, agendaItemId: item.id, text: 'La commission étend les interventions aux lycées professionnels dès la rentrée.' });
    s = await t.call('followUps.create', {
      meetingId: s.id,
      decisionId: s.decisions[0]!.id,
      text: 'Établir la liste des lycées professionnels volontaires',
      ownerPartnerId: seed.cd.id,
      ownerName: 'Maëlle Noël',
      dueOn: '2026-06-30',
    });
    session = s;
  });

  afterAll(() => {
    t.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  async function render(kind: 'compte_rendu' | 'releve' | 'convocation' | 'emargement'): Promise<string> {
    const { db, path } = t.session.require();
    const { bytes, fileName } = await renderMeetingDocument(db, path, session.id, kind, t.clock.now());
    expect(fileName).toMatch(/-pleniere-2026-03-19\.docx$/);
    const docx = join(out, fileName);
    writeFileSync(docx, bytes);
    const pdf = await convertToPdf(docx, out);
    await pdfToPngs(pdf, join(ARTIFACTS, kind));
    return flat(await pdfText(pdf));
  }

  it('compte rendu: header, attendance by status, notes and decisions per item, follow-ups, next session', async () => {
    const text = await render('compte_rendu');
    for (const expected of [
      'Compte rendu',
      'Séance plénière du jeudi 19 mars 2026',
      'traite des êtres humains',
      'de 14 h 30 à 17 h 00',
      'Préfecture de la Gironde, salle Tourny',
      'Atteint : 2 membres présents ou représentés sur 3 (2 requis)',
      'Présents (2)',
      'Mme Hélène Desfontaines',
      'Yannick Roux, commandant',
      'Excusés (1)',
      'Mme Maëlle Noël',
      'Absents (1)',
      'Mme Inès Garnier',
      'Approbation du compte rendu de la séance plénière du 09/10/2025',
      'Le compte rendu est approuvé à l’unanimité.',
      'Organiser deux sessions de formation des réceptionnistes',
      'Union des métiers de l’hôtellerie – Loïc Bénard',
      '12/03/2026',
      'Fiche action : FA-03',
      'Les élèves de 4e sont désormais visés en priorité.',
      'Décision : La commission étend les interventions aux lycées professionnels dès la rentrée.',
      'Établir la liste des lycées professionnels volontaires',
      '30/06/2026',
      'Séance plénière le jeudi 8 octobre 2026 à 14 h 30.',
      'Élodie Marchand',
      'Parquet de Bordeaux',
      'Page 1 sur',
    ])
      expect(text).toContain(expected);
  });

  it('relevé de décisions: the decisions and follow-ups without the discussion', async () => {
    const text = await render('releve');
    expect(text).toContain('Relevé de décisions');
    expect(text).toContain('Décision : La commission étend les interventions aux lycées professionnels dès la rentrée.');
    expect(text).toContain('Établir la liste des lycées professionnels volontaires');
    expect(text).toContain('Excusés : Mme Maëlle Noël.');
    expect(text).not.toContain('Vingt-deux collèges');
  });

  it('convocation: a letter with the agenda and its times', async () => {
    const text = await render('convocation');
    for (const expected of [
      'Convocation à la séance plénière du jeudi 19 mars 2026',
      'Madame, Monsieur,',
      'qui se tiendra le jeudi 19 mars 2026 à 14 h 30, Préfecture de la Gironde, salle Tourny.',
      'https://webconf.numerique.gouv.fr/cdlp33',
      '14 h 30',
      '14 h 40',
      '15 h 00',
      'Prévention en milieu scolaire : bilan des interventions',
      'auprès de Élodie Marchand',
      'Mme la secrétaire générale de la préfecture',
      'M. Loïc Bénard, Union des métiers de l’hôtellerie',
    ])
      expect(text).toContain(expected);
  });

  it('feuille d’émargement: every invitee with a signature column', async () => {
    const text = await render('emargement');
    expect(text).toContain('Feuille d’émargement');
    expect(text).toContain('Signature');
    for (const name of ['M. Grégoire Lefèvre', 'Mme Hélène Desfontaines', 'Mme Maëlle Noël', 'M. Loïc Bénard', 'Mme Inès Garnier']) expect(text).toContain(name);
    expect(text).toContain('Yannick Roux');
  });

  it('.ics: read back by ical.js at 14:30 Paris time, i.e. 13:30 UTC in March', async () => {
    const { db, path } = t.session.require();
    const { bytes, fileName } = await renderMeetingDocument(db, path, session.id, 'ics', t.clock.now());
    expect(fileName).toBe('seance-pleniere-2026-03-19.ics');
    const ics = bytes.toString('utf8');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`${session.id}@maillage`);
    expect(event.summary).toBe('Séance plénière – commission départementale (Gironde)');
    expect(event.location).toBe('Préfecture de la Gironde, salle Tourny');
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-19T13:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-19T16:00:00.000Z');
    expect(event.description).toContain('3. Prévention en milieu scolaire : bilan des interventions (Maëlle Noël)');
    expect(event.description).toContain('Visioconférence : https://webconf.numerique.gouv.fr/cdlp33');
    // Summer time: a session in July is 14:30 in Paris, 12:30 UTC.
    const july = await t.call('meetings.create', { kind: 'groupe_travail', date: '2026-07-02', startTime: '14:30', place: 'DDETS, Bordeaux' });
    const summer = new ICAL.Component(ICAL.parse((await renderMeetingDocument(db, path, july.id, 'ics', t.clock.now())).bytes.toString('utf8')));
    const summerEvent = new ICAL.Event(summer.getFirstSubcomponent('vevent')!);
    expect(summerEvent.startDate.toJSDate().toISOString()).toBe('2026-07-02T12:30:00.000Z');
    // No end and no timed agenda: two hours.
    expect(summerEvent.endDate.toJSDate().toISOString()).toBe('2026-07-02T14:30:00.000Z');
  });
});
