import ICAL from 'ical.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { generateDemo } from '../../src/main/features/demo';
import { renderMeetingDocument } from '../../src/main/features/meetings/documents';
import { addDays, parisToday } from '../../src/shared/wallclock';
import { renderReleve } from '../../src/main/features/parcours/releve';
import type { MeetingDetail } from '../../src/shared/model/meetings';
import type { MeetingDocumentKind } from '../../src/shared/schemas/meetings';
import { convertAllToPdf, pdfFonts, pdfHasOutline, pdfInfo, pdfText, pdfToPngs, pdfWords, type FontSet, type PdfWord } from '../helpers/libreoffice';
import { sampleLogoPng } from '../helpers/logo';
import { seedSessions } from '../helpers/meetings-fixture';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { docxText } from '../helpers/docx-text';
import { midWordSplits, typographyDefects, wordsOf } from '../helpers/typography-check';

const ARTIFACTS = join('test-artifacts', 'documents');
const FONTS: FontSet[] = ['liberation', 'dejavu'];
/** Lines wrap inside table cells: compare with runs of spaces (no-break ones included) collapsed. */
const flat = (text: string) => text.replace(/[\s\u00a0\u202f\u2060]+/g, ' ').replace(/\u2011/g, '-');
const AFTER_SESSION = new Date('2026-04-10T09:00:00Z');
const DOCX_KINDS = ['compte_rendu', 'releve', 'convocation', 'lettres', 'emargement'] as const;
const ATTACHMENTS = ['Bilan 2025 des parcours de sortie', 'Projet de protocole départemental', 'Plan de formation 2027'];

/** One entry of a .docx (a zip): enough of a reader to look at word/document.xml. */
function docxEntry(docx: Buffer, name: string): string {
  for (let i = 0; i < docx.length - 30; i++) {
    if (docx.readUInt32LE(i) !== 0x04034b50) continue;
    const method = docx.readUInt16LE(i + 8);
    const size = docx.readUInt32LE(i + 18);
    const nameLength = docx.readUInt16LE(i + 26);
    const extra = docx.readUInt16LE(i + 28);
    const entry = docx.toString('utf8', i + 30, i + 30 + nameLength);
    const start = i + 30 + nameLength + extra;
    if (entry === name) return (method === 8 ? inflateRawSync(docx.subarray(start, start + size)) : docx.subarray(start, start + size)).toString('utf8');
  }
  throw new Error(`${name} missing`);
}

describe('session documents opened by LibreOffice', () => {
  let t: TestRouter;
  let out: string;
  let session: MeetingDetail;
  let first: MeetingDetail;
  let restricted: MeetingDetail;
  let upcoming: MeetingDetail;
  /** PDF text of each rendered document, per font set. */
  const texts = new Map<string, string>();
  const pdfs = new Map<string, string>();
  const docxFiles = new Map<string, Buffer>();

  beforeAll(async () => {
    t = createTestRouter();
    out = mkdtempSync(join(tmpdir(), 'maillage-docs-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const seed = await seedSessions(t);
    first = seed.first;
    await t.call('settings.update', {
      name: 'Commission départementale de lutte contre la prostitution, le proxénétisme et la traite des êtres humains aux fins d’exploitation sexuelle – Gironde',
      departmentCode: '33',
      secretaryName: 'Élodie Marchand, déléguée départementale aux droits des femmes',
      prefectureCity: 'Bordeaux',
      secretariatContact: '05 56 90 60 60 – ddfe-gironde@gironde.gouv.fr',
      signatoryName: 'Anne-Sophie Lefèvre-Dubreuil',
      signatoryTitle: 'La secrétaire générale de la préfecture',
      signsByDelegation: true,
    });
    const logo = join(out, 'logo.png');
    writeFileSync(logo, sampleLogoPng());
    t.os.queueOpenFile(logo);
    await t.call('settings.chooseLogo');

    // The session of 19 March 2026, after the one of 9 October 2025 (seeded with its open follow-up).
    let s = await t.call('meetings.create', {
      kind: 'pleniere',
      title: 'Séance plénière du 1er semestre 2026',
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
    await t.call('attendees.setAttendance', { id: by('Grégoire Lefèvre'), status: 'supplee', representedBy: 'Yannick Roux, commandant' });
    await t.call('attendees.setAttendance', { id: by('Maëlle Noël'), status: 'mandat', mandateTo: by('Hélène Desfontaines') });
    await t.call('attendees.setAttendance', { id: by('Loïc Bénard'), status: 'present' });
    s = await t.call('attendees.setAttendance', { id: by('Inès Garnier'), status: 'absent' });
    const approval = s.agenda.find((i) => i.kind === 'approbation')!;
    expect(approval.approvesMeetingId).toBe(first.id);
    s = await t.call('agenda.update', { id: approval.id, title: approval.title, presenter: 'Élodie Marchand', durationMin: 10, notes: 'Le compte rendu est approuvé à l’unanimité.' });
    s = await t.call('decisions.create', { meetingId: s.id, agendaItemId: approval.id, text: 'Le compte rendu de la séance du 9 octobre 2025 est approuvé.' });
    s = await t.call('agenda.update', { id: s.agenda[1]!.id, title: s.agenda[1]!.title, durationMin: 20, notes: null });
    s = await t.call('agenda.create', {
      meetingId: s.id,
      title: 'Prévention en milieu scolaire : bilan des interventions « « je gère » » ?',
      presenter: 'Maëlle Noël (Conseil départemental de la Gironde)',
      durationMin: 45,
      notes: 'Vingt-deux collèges ont accueilli une intervention ; 1 500 élèves, soit 85 % des classes de 4e.\n\nLes élèves de 4e sont désormais visés en priorité.',
      links: { actionIds: [seed.actionId] },
    });
    const item = s.agenda[2]!;
    s = await t.call('decisions.create', { meetingId: s.id, agendaItemId: item.id, text: 'La commission étend les interventions aux lycées professionnels dès la rentrée.' });
    s = await t.call('followUps.create', {
      meetingId: s.id,
      decisionId: s.decisions[1]!.id,
      text: 'Établir la liste des lycées professionnels volontaires',
      ownerPartnerId: seed.cd.id,
      ownerName: 'Maëlle Noël',
      dueOn: '2026-06-30',
    });
    session = s;

    // An examining meeting: the ASE sits « au titre de la protection de l’enfance », so neither it nor the guest receives its documents.
    const composition = await t.call('composition.get');
    const aseSeat = composition.seats.find((x) => x.titulaire?.contactId === seed.ase.id)!;
    await t.call('composition.updateSeats', { seatIds: [aseSeat.id], title: 'protection_enfance' });
    restricted = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-04-02', startTime: '10:00', endTime: '12:00', place: 'Préfecture de la Gironde, cabinet' });
    restricted = await t.call('attendees.addContacts', { meetingId: restricted.id, contactIds: [seed.guest.id] });
    // A session still to come, on the first of the month.
    upcoming = await t.call('meetings.create', { kind: 'pleniere', date: '2026-12-01', startTime: '09:30', place: 'Préfecture de la Gironde' });
    // Its convocation sends pièces jointes.
    for (const name of ATTACHMENTS) {
      const file = join(out, `${name}.pdf`);
      writeFileSync(file, '%PDF-1.4');
      t.os.queueOpenFile(file);
      upcoming = (await t.call('meetingFiles.add', { id: upcoming.id }))!;
    }

    const files: { key: string; docx: string }[] = [];
    for (const [name, m] of [['session', session], ['first', first], ['restricted', restricted], ['upcoming', upcoming]] as const) {
      for (const kind of DOCX_KINDS) {
        const { db, path } = t.session.require();
        // Convocations are written before the session, minutes after it.
        const when = kind === 'convocation' || kind === 'lettres' ? t.clock.now() : AFTER_SESSION;
        const { bytes } = await renderMeetingDocument(db, path, m.id, kind, when);
        const docx = join(out, `${name}-${kind}.docx`);
        writeFileSync(docx, bytes);
        docxFiles.set(`${name}-${kind}`, bytes);
        files.push({ key: `${name}-${kind}`, docx });
      }
    }
    for (const fonts of FONTS) {
      const dir = join(out, fonts);
      mkdirSync(dir, { recursive: true });
      const converted = await convertAllToPdf(
        files.map((f) => f.docx),
        dir,
        fonts,
      );
      for (const [i, pdf] of converted.entries()) {
        texts.set(`${files[i]!.key}/${fonts}`, await pdfText(pdf));
        pdfs.set(`${files[i]!.key}/${fonts}`, pdf);
        if (files[i]!.key.startsWith('session-') || files[i]!.key.startsWith('restricted-') || files[i]!.key === 'upcoming-convocation') await pdfToPngs(pdf, join(ARTIFACTS, `${files[i]!.key}-${fonts}`));
      }
    }
  }, 600_000);

  afterAll(() => {
    t.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  const text = (key: string, fonts: FontSet = 'liberation') => flat(texts.get(`${key}/${fonts}`)!);

  it('no typography defect and no word cut mid-word in any document, with Liberation or with DejaVu only', async () => {
    const defects: string[] = [];
    for (const [key, raw] of texts) {
      const words = wordsOf(await docxText(docxFiles.get(key.split('/')[0]!)!));
      defects.push(...[...typographyDefects(raw), ...midWordSplits(raw, words)].map((d) => `${key}: ${d}`));
    }
    expect(defects).toEqual([]);
  });

  it('on a machine with DejaVu only, every document, tables included, is set in DejaVu Sans, not a serif', async () => {
    const fonts = new Set<string>();
    for (const [key, pdf] of pdfs) if (key.endsWith('/dejavu')) for (const font of await pdfFonts(pdf)) fonts.add(font);
    expect([...fonts].sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']);
  });

  it('compte rendu: headings, attendance by college with suppléants and mandates, the quorum of R. 133-10', async () => {
    const cr = text('session-compte_rendu');
    for (const expected of [
      'Projet de compte rendu',
      'Séance plénière du 1er semestre 2026 – jeudi 19 mars 2026',
      'traite des êtres humains',
      'de 14 h 30 à 17 h 00',
      'Préfecture de la Gironde, salle Tourny',
      'Quorum atteint : 3 membres présents, suppléés ou ayant donné mandat sur 3 (2 requis).',
      'Services de l’État',
      'Collectivités territoriales',
      'Associations',
      'Autres participants',
      'Représenté par son suppléant, Yannick Roux, commandant',
      'Mandat donné à Hélène Desfontaines',
      'Approbation du compte rendu de la séance plénière du 09/10/2025',
      'Le compte rendu est approuvé à l’unanimité.',
      'Organiser deux sessions de formation des réceptionnistes',
      'Fiche action : FA-03',
      '1 500 élèves, soit 85 % des classes de 4e.',
      'bilan des interventions « “je gère” » ?',
      'Présenté par Maëlle Noël, Conseil départemental de la Gironde',
      'Décision : La commission étend les interventions aux lycées professionnels dès la rentrée.',
      '30/06/2026',
      'Séance plénière le jeudi 8 octobre 2026 à 14 h 30.',
      'Page 1 sur',
    ])
      expect(cr).toContain(expected);
    expect(cr).not.toContain('Séance plénière du jeudi 19 mars 2026 – Séance plénière');
    expect(cr).not.toContain('Pas de relevé');
    expect(cr).not.toMatch(/\([^()]*\(/);
    const xml = docxEntry(docxFiles.get('session-compte_rendu')!, 'word/document.xml');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    const pdf = pdfs.get('session-compte_rendu/liberation')!;
    expect(pdfHasOutline(pdf)).toBe(true);
    expect(await pdfInfo(pdf)).toMatchObject({ Title: expect.stringContaining('Projet de compte rendu'), Author: 'Maillage', Subject: expect.stringContaining('séance plénière du 19/03/2026') });
  });

  it('compte rendu approved by a later session, « Projet » before it, « 1er » on the first of the month', () => {
    const approved = text('first-compte_rendu');
    expect(approved).toMatch(/^(?!.*Projet de compte rendu).*Compte rendu/);
    expect(approved).toContain('approuvé le 19/03/2026');
    const future = text('upcoming-compte_rendu');
    expect(future).toContain('Projet de compte rendu');
    expect(future).toContain('mardi 1er décembre 2026');
    expect(future).toContain('il sera constaté en séance');
    expect(future).not.toContain('absent');
    expect(future).not.toContain('Quorum non atteint');
  });

  it('relevé de décisions: numbers and quorum, decisions by item, follow-ups, nothing else', () => {
    const releve = text('session-releve');
    expect(releve).toContain('Relevé de décisions');
    expect(releve).toContain('5 personnes invitées : 2 présents, 1 représenté par son suppléant, 1 mandat donné, 1 absent.');
    expect(releve).toContain('Quorum atteint');
    expect(releve).toContain('Décision : La commission étend les interventions aux lycées professionnels dès la rentrée.');
    expect(releve).toContain('Établir la liste des lycées professionnels volontaires');
    for (const absent of ['Vingt-deux collèges', 'Compte rendu établi par', 'Hélène Desfontaines', 'Suivi des décisions', 'Diffusion']) expect(releve).not.toContain(absent);
  });

  it('convocation: dateline, object, timed agenda, mandate rule, contact, signature by delegation', () => {
    const convocation = text('session-convocation');
    for (const expected of [
      'Bordeaux, le 5 mars 2026',
      'Objet : Convocation à la séance plénière de la commission du jeudi 19 mars 2026',
      'Madame, Monsieur,',
      'qui se tiendra le jeudi 19 mars 2026 à 14 h 30, Préfecture de la Gironde, salle Tourny.',
      'https://webconf.numerique.gouv.fr/cdlp33',
      '14 h 40',
      '15 h 00',
      'donner mandat à un autre membre de la commission ; nul ne peut détenir plus d’un mandat (article R. 133-9 du code des relations entre le public et l’administration).',
      'Contact : Élodie Marchand, déléguée départementale aux droits des femmes, secrétariat de la commission – 05 56 90 60 60 – ddfe-gironde@gironde.gouv.fr.',
      'Pour le préfet et par délégation, La secrétaire générale de la préfecture Anne-Sophie Lefèvre-Dubreuil',
    ])
      expect(convocation).toContain(expected);
    expect(convocation).not.toContain('Pièces jointes');
    expect(convocation).not.toMatch(/2006-672/);
  });

  it('convocation with pièces jointes: listed in order, the list kept on one page with its heading', () => {
    for (const fonts of FONTS) expect(text('upcoming-convocation', fonts), fonts).toContain(`Pièces jointes : ${ATTACHMENTS.map((a) => `– ${a}`).join(' ')}`);
    const xml = docxEntry(docxFiles.get('upcoming-convocation')!, 'word/document.xml');
    const paragraphs = xml.match(/<w:p>.*?<\/w:p>/g)!;
    const heading = paragraphs.findIndex((p) => p.includes('Pièces jointes'));
    const list = paragraphs.slice(heading, heading + 1 + ATTACHMENTS.length);
    expect(list.map((p) => p.includes('<w:keepNext/>'))).toEqual([true, true, true, false]);
  });

  it('letters of convocation: one per member, with name, fonction, structure and salutation', () => {
    const letters = text('session-lettres');
    expect(letters.match(/Objet : Convocation/g)).toHaveLength(3);
    expect(letters).toContain('Monsieur le commissaire divisionnaire,');
    expect(letters).toContain('Madame la directrice,');
    expect(letters).toContain('Mme Maëlle Noël Cheffe du service de l’aide sociale à l’enfance Conseil départemental de la Gironde');
  });

  it('letters of convocation: each on one page with either font set, numbered on its own, its closing repeating its greeting', () => {
    for (const key of ['session-lettres', 'restricted-lettres', 'upcoming-lettres', 'session-convocation', 'upcoming-convocation']) {
      for (const fonts of FONTS) {
        const pages = texts.get(`${key}/${fonts}`)!.split('\f').map(flat).filter((p) => p.trim() !== '');
        // One letter a page: its own « Objet », its signature, and its own page number.
        for (const [n, page] of pages.entries()) {
          const where = `${key}, ${fonts}, page ${n + 1}`;
          expect(page.match(/Objet : Convocation/g), where).toHaveLength(1);
          expect(page, where).toContain('l’expression de ma considération distinguée.');
          expect(page, where).toMatch(key.endsWith('lettres') ? /Page 1 ?$/ : /Page 1 sur 1 ?$/);
        }
      }
    }
    const letters = text('session-lettres');
    expect(letters).toContain('Je vous prie d’agréer, Madame la directrice, l’expression de ma considération distinguée.');
    expect(letters).toContain('Je vous prie d’agréer, Monsieur le commissaire divisionnaire, l’expression de ma considération distinguée.');
    expect(letters).not.toContain('agréer, Madame, Monsieur');
    // The footer says whom each letter is for.
    expect(letters).toMatch(/Convocation – séance plénière du 19\/03\/2026 – Mme Maëlle Noël Page 1/);
    expect(text('session-convocation')).toContain('Je vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée.');
  });

  it('examining meeting: « Diffusion restreinte », documents for the members who sit at it only', () => {
    for (const kind of DOCX_KINDS) expect(text(`restricted-${kind}`)).toContain('DIFFUSION RESTREINTE');
    const cr = text('restricted-compte_rendu');
    expect(cr).toContain(
      'Diffusion restreinte aux membres siégeant à l’examen des demandes de parcours de sortie : Mme Hélène Desfontaines, Amicale du Nid – Bordeaux ; M. Grégoire Lefèvre, Direction interdépartementale de la police nationale.',
    );
    expect(cr).not.toContain('Union des métiers de l’hôtellerie :');
    // The ASE is named only as the owner of an earlier follow-up, never among those convened.
    expect(cr.slice(0, cr.indexOf('Ordre du jour'))).not.toContain('Maëlle Noël');
    expect(cr).toContain('Quorum : 1 membre sur 2 siégeant à l’examen des demandes de parcours de sortie, présents, suppléés ou ayant donné mandat ; il sera constaté en séance.');
    expect(text('restricted-lettres').match(/Objet : Convocation/g)).toHaveLength(2);
    expect(text('restricted-emargement')).not.toContain('Maëlle Noël');
    expect(text('restricted-convocation')).toContain('Mesdames et Messieurs les membres siégeant à l’examen des demandes de parcours de sortie');
  });

  it('feuille d’émargement: every invitee, suppléant and mandate noted, a signature column', () => {
    const sheet = text('session-emargement');
    expect(sheet).toContain('Feuille d’émargement');
    expect(sheet).toContain('Signature');
    for (const name of ['M. Grégoire Lefèvre', 'Mme Hélène Desfontaines', 'Mme Maëlle Noël', 'M. Loïc Bénard', 'Mme Inès Garnier']) expect(sheet).toContain(name);
    expect(sheet).toContain('Suppléant : Yannick Roux');
    expect(sheet).toContain('Mandat à Hélène Desfontaines');
  });

  it('.ics: read back by ical.js at 14:30 Paris time, i.e. 13:30 UTC in March; the kind named once', async () => {
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
    expect(event.summary).toBe('Séance plénière du 1er semestre 2026 – commission départementale (Gironde)');
    expect(event.location).toBe('Préfecture de la Gironde, salle Tourny');
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-19T13:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-19T16:00:00.000Z');
    expect(event.description).toContain('3. Prévention en milieu scolaire');
    expect(event.description).toContain('Visioconférence : https://webconf.numerique.gouv.fr/cdlp33');
    // Summer time: a session in July is 14:30 in Paris, 12:30 UTC.
    const july = await t.call('meetings.create', { kind: 'groupe_travail', date: '2026-07-02', startTime: '14:30', place: 'DDETS, Bordeaux' });
    const summer = new ICAL.Component(ICAL.parse((await renderMeetingDocument(db, path, july.id, 'ics', t.clock.now())).bytes.toString('utf8')));
    const summerEvent = new ICAL.Event(summer.getFirstSubcomponent('vevent')!);
    expect(summerEvent.summary).toBe('Groupe de travail – commission départementale (Gironde)');
    expect(summerEvent.startDate.toJSDate().toISOString()).toBe('2026-07-02T12:30:00.000Z');
    // No end and no timed agenda: two hours.
    expect(summerEvent.endDate.toJSDate().toISOString()).toBe('2026-07-02T14:30:00.000Z');
  });
});

/**
 * Where « Page n sur N » runs into the footer's text: a word on its line that ends less than a few points before it.
 * (A long footer, « Projet de compte rendu – formation restreinte – examen des demandes de parcours du … – non encore
 * approuvé », once ran up against it.)
 */
function crowdedFooters(pages: PdfWord[][]): string[] {
  return pages.flatMap((words, n) => {
    // « Page n sur N », or « Page n » in a file of letters each numbered on its own.
    const page = words.findLastIndex((w, k) => w.text === 'Page' && /^\d+$/.test(words[k + 1]?.text ?? ''));
    if (page < 0) return [`page ${n + 1} : pas de numéro de page`];
    const { xMin, yMin } = words[page]!;
    const crowding = words.filter((w) => Math.abs(w.yMin - yMin) < 2 && w.xMax <= xMin && w.xMax > xMin - 12);
    return crowding.length ? [`page ${n + 1} : « ${crowding.map((w) => w.text).join(' ')} » touche « Page »`] : [];
  });
}

describe('the first session of a commission just created', () => {
  it('refuses letters to nobody, and says in the minutes that nothing was debated yet', async () => {
    const t = createTestRouter();
    try {
      await t.call('app.createCommission', { departmentCode: '974', name: null });
      const m = await t.call('meetings.create', { kind: 'pleniere', date: '2026-12-15', startTime: '14:30' });
      expect(m.attendees).toEqual([]);
      // The letters used to be a Word file with nothing in it but its footer; no save dialog opens.
      await expect(t.call('meetings.export', { id: m.id, document: 'lettres' })).rejects.toMatchObject({
        body: { code: 'validation', message: 'Personne n’est invité à cette séance : il n’y a pas de lettre à écrire. Ajoutez les participants (onglet « Participants »), ou enregistrez la convocation.' },
      });
      expect(t.os.dialogs).toEqual([]);
      const { db, path } = t.session.require();
      const minutes = docxEntry((await renderMeetingDocument(db, path, m.id, 'compte_rendu', t.clock.now())).bytes, 'word/document.xml');
      expect(minutes).toContain('Aucun point n’a été débattu ni aucune décision enregistrée pour cette séance.');
      // A convocation produced three days before the session: too late for the notice of R. 133-8, and said so.
      const soon = await t.call('meetings.create', { kind: 'pleniere', date: addDays(parisToday(t.clock.now()), 3), startTime: '10:00' });
      const late = await renderMeetingDocument(db, path, soon.id, 'convocation', t.clock.now());
      expect(late.warning).toBe(
        'Attention : la séance a lieu dans moins de 5 jours. L’article R. 133-8 du code des relations entre le public et l’administration prévoit que les membres reçoivent la convocation au moins 5 jours avant la réunion, sauf urgence. ' +
          // A commission just created has not filled Paramètres yet.
          'À compléter dans Paramètres avant l’envoi : la ville de la préfecture (pour la date), le nom du secrétaire et le contact du secrétariat (téléphone, courriel).',
      );
      expect((await renderMeetingDocument(db, path, m.id, 'convocation', t.clock.now())).warning).toBe(
        'À compléter dans Paramètres avant l’envoi : la ville de la préfecture (pour la date), le nom du secrétaire et le contact du secrétariat (téléphone, courriel).',
      );
      // The relevé d'avis of an examination with nobody invited and no request: said in words, no empty table.
      const exam = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-12-16', startTime: '14:30' });
      const target = join(t.dir, 'releve.docx');
      t.os.queueSaveFile(target);
      await t.call('parcours.releve', { meetingId: exam.id });
      const releve = flat(docxEntry(readFileSync(target), 'word/document.xml'));
      expect(releve).toContain('>Aucun membre convoqué<');
      expect(releve).toContain('Aucune demande n’a été examinée lors de cette séance.');
      expect(releve).not.toContain('Aucune demande examinée.');
      expect(releve).not.toContain('mineurs');
    } finally {
      t.cleanup();
    }
  });
});

describe('every session of the small demo, with either font set', () => {
  it('has its documents free of typography defects and of words cut mid-word, and page numbers clear of the footer’s text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-demo-docs-'));
    try {
      const file = join(dir, 'demo.maillage');
      const now = new Date('2026-03-05T10:00:00Z');
      const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
      generateDemo(db, { size: 'small', today: now });
      const ids = db.prepare('SELECT id FROM meetings ORDER BY starts_at').pluck().all() as string[];
      expect(ids.length).toBeGreaterThanOrEqual(8);
      const docs: string[] = [];
      const letterFiles: string[] = [];
      for (const [n, id] of ids.entries()) {
        for (const kind of ['compte_rendu', 'releve', 'convocation', 'emargement'] satisfies MeetingDocumentKind[]) {
          const target = join(dir, `${n}-${kind}.docx`);
          writeFileSync(target, (await renderMeetingDocument(db, file, id, kind, now)).bytes);
          docs.push(target);
        }
        // The letters of every session with someone to write to (the API refuses the others).
        const letters = await renderMeetingDocument(db, file, id, 'lettres', now).catch(() => null);
        if (letters) {
          letterFiles.push(join(dir, `${n}-lettres.docx`));
          writeFileSync(letterFiles.at(-1)!, letters.bytes);
        }
      }
      // The relevé d'avis of each examining meeting.
      for (const id of db.prepare(`SELECT id FROM meetings WHERE kind = 'examen_parcours' ORDER BY starts_at`).pluck().all() as string[]) {
        const target = join(dir, `avis-${id}.docx`);
        writeFileSync(target, (await renderReleve(db, file, id)).bytes);
        docs.push(target);
      }
      const words = new Map<string, Set<string>>();
      for (const docx of [...docs, ...letterFiles]) words.set(basename(docx, '.docx'), wordsOf(await docxText(readFileSync(docx))));
      db.close();
      for (const fonts of FONTS) {
        const outDir = join(dir, fonts);
        mkdirSync(outDir);
        const defects: string[] = [];
        // The letters (a page per member) with DejaVu only, the wider font: each one page, checked below.
        for (const pdf of await convertAllToPdf(fonts === 'dejavu' ? [...docs, ...letterFiles] : docs, outDir, fonts)) {
          const name = basename(pdf, '.pdf');
          const text = await pdfText(pdf);
          defects.push(...[...typographyDefects(text), ...midWordSplits(text, words.get(name)!), ...crowdedFooters(await pdfWords(pdf))].map((d) => `${name}: ${d}`));
          if (name.endsWith('-lettres')) {
            const pages = text.split('\f').filter((p) => p.trim() !== '');
            const overflowing = pages.filter((p) => !/Objet :/.test(p)).length;
            if (overflowing) defects.push(`${name}: ${overflowing} lettre(s) sur deux pages`);
          }
        }
        expect(defects, fonts).toEqual([]);
      }
      expect(readFileSync(docs[0]!).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
