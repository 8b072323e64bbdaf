import { describe, expect, it } from 'vitest';
import { mapAttendanceSheet, mapConvocation, mapMinutes, paragraphs, salutation, sessionTitle, type MeetingDocumentData } from '../../src/main/documents/meetings/mapper';
import { collegeOf, computeQuorum, convocationIsLate, meetingRules } from '../../src/shared/meeting-rules';
import type { Attendee, FollowUp, MeetingDetail } from '../../src/shared/model/meetings';

let n = 0;
function attendee(name: string, status: Attendee['status'], extra: Partial<Attendee> = {}): Attendee {
  return { id: `a${n++}`, meetingId: 'm', contactId: null, partnerId: null, civility: 'Mme', name, role: 'Directrice', structure: 'Amicale du Nid', status, representedBy: null, mandateTo: null, mandateToName: null, isMember: true, memberRole: 'titulaire', restrictedMember: false, address: null, partnerType: 'association_sortie', ...extra };
}

function followUp(text: string, extra: Partial<FollowUp> = {}): FollowUp {
  return {
    id: `f${n++}`,
    meetingId: 'm',
    meetingKind: 'pleniere',
    meetingStartsAt: '2026-03-19T14:30',
    decisionId: null,
    text,
    ownerPartnerId: 'p',
    ownerPartnerName: 'Conseil départemental',
    ownerName: 'Maëlle Noël',
    dueOn: '2026-06-30',
    status: 'ouverte',
    closedOn: null,
    ...extra,
  };
}

function data(overrides: Partial<MeetingDetail> = {}): MeetingDocumentData {
  const attendees = overrides.attendees ?? [
    attendee('Hélène Desfontaines', 'present'),
    attendee('Grégoire Lefèvre', 'supplee', { civility: 'M.', representedBy: 'Yannick Roux', partnerType: 'police' }),
    attendee('Maëlle Noël', 'mandat', { mandateTo: 'x', mandateToName: 'Hélène Desfontaines', partnerType: 'conseil_departemental' }),
    attendee('Inès Garnier', 'invite', { isMember: false, memberRole: null, partnerType: null }),
  ];
  const meeting: MeetingDetail = {
    id: 'm',
    kind: 'pleniere',
    title: null,
    startsAt: '2026-03-19T14:30',
    endsAt: '2026-03-19T17:00',
    place: 'Préfecture',
    videoLink: null,
    chair: 'M. le préfet',
    nextMeetingNote: null,
    notes: null,
    createdAt: '',
    updatedAt: '',
    agenda: [
      { id: 'i1', position: 0, kind: 'approbation', title: 'Approbation du compte rendu', presenter: null, durationMin: 10, notes: 'Approuvé.', links: [], approvesMeetingId: null },
      { id: 'i2', position: 1, kind: 'suivi', title: 'Suivi des décisions', presenter: 'DDFE', durationMin: 20, notes: null, links: [], approvesMeetingId: null },
      { id: 'i3', position: 2, kind: 'libre', title: 'Prévention', presenter: null, durationMin: null, notes: 'Un.\n\n\nDeux,\nsuite.', links: [{ kind: 'action', id: 'x', label: 'FA-03 – Former' }], approvesMeetingId: null },
      { id: 'i4', position: 3, kind: 'libre', title: 'Questions diverses', presenter: null, durationMin: 10, notes: null, links: [], approvesMeetingId: null },
    ],
    decisions: [
      { id: 'd1', agendaItemId: 'i3', text: 'Étendre aux lycées.', actionId: null, actionLabel: null, journalEntryId: null, position: 1 },
      { id: 'd2', agendaItemId: null, text: 'Hors ordre du jour.', actionId: null, actionLabel: null, journalEntryId: null, position: 2 },
    ],
    followUps: [followUp('Lister les lycées'), followUp('Sans responsable', { ownerPartnerId: null, ownerPartnerName: null, ownerName: null, dueOn: null })],
    earlierFollowUps: [followUp('Former les réceptionnistes', { meetingStartsAt: '2025-10-09T14:00', status: 'close', closedOn: '2026-03-19', ownerName: 'Conseil départemental' })],
    previous: null,
    next: { id: 'n', kind: 'comite_technique', startsAt: '2026-06-04T10:00' },
    quorum: computeQuorum('pleniere', 4, attendees),
    signatoryName: null,
    signatoryTitle: null,
    signsByDelegation: null,
    files: [{ id: 'f', title: 'Bilan 2025 des parcours de sortie', fileName: 'seances/bilan.pdf' }],
    approval: null,
    attendees,
    ...overrides,
  };
  return { meeting, commission: { name: 'Commission départementale – Gironde', departmentName: 'Gironde', secretaryName: 'Élodie Marchand', prefectureCity: 'Bordeaux', secretariatContact: '05 56 90 60 60', signatoryName: 'Étienne Guyot', signatoryTitle: null, signsByDelegation: false }, logo: null, today: '2026-03-20' };
}

describe('quorum and rules of the décret', () => {
  const m = (status: Attendee['status'], extra: Partial<Attendee> = {}) => attendee('X', status, extra);
  it('counts titulaires present, represented by their suppléant or having given a mandate, against half the composition', () => {
    const q = computeQuorum('pleniere', 6, [m('present'), m('supplee'), m('mandat'), m('excuse'), m('present', { memberRole: 'suppleant' }), m('present', { isMember: false, memberRole: null })]);
    expect(q).toMatchObject({ applies: true, composition: 6, counted: 3, required: 3, reached: true });
    expect(computeQuorum('pleniere', 7, [m('present'), m('present'), m('present')])).toMatchObject({ required: 4, reached: false });
    expect(computeQuorum('pleniere', 0, [])).toMatchObject({ reached: false });
  });

  it('judges the formation restreinte on its own members, and no quorum for technical committees', () => {
    expect(computeQuorum('restreinte', 2, [m('present', { restrictedMember: true }), m('present')])).toMatchObject({ counted: 1, required: 1, reached: true });
    expect(computeQuorum('comite_technique', 5, [m('present')]).applies).toBe(false);
    expect(meetingRules('restreinte')).toEqual({ quorum: true, restricted: true, composition: 'restreinte' });
    expect(meetingRules('groupe_travail').restricted).toBe(false);
  });

  it('warns about a convocation less than 5 days before the session, not for past sessions', () => {
    expect(convocationIsLate('2026-03-19T14:30', '2026-03-15')).toBe(true);
    expect(convocationIsLate('2026-03-19T14:30', '2026-03-14')).toBe(false);
    expect(convocationIsLate('2026-03-19T14:30', '2026-03-20')).toBe(false);
  });

  it('places structures in colleges', () => {
    expect([collegeOf('police'), collegeOf('parquet'), collegeOf('commune'), collegeOf('hebergement'), collegeOf(null)]).toEqual([
      'Services de l’État',
      'Justice',
      'Collectivités territoriales',
      'Associations',
      'Autres participants',
    ]);
  });
});

describe('minutes mapper', () => {
  it('groups attendance by college with suppléants and mandates, and states the quorum', () => {
    const v = mapMinutes(data(), { short: false });
    expect(v.colleges.map((c) => c.title)).toEqual(['Services de l’État', 'Collectivités territoriales', 'Associations', 'Autres participants']);
    expect(v.colleges[0]!.rows).toEqual([{ name: 'M. Grégoire Lefèvre', role: 'Directrice', structure: 'Amicale du Nid', attendance: 'Représenté par son suppléant, Yannick Roux' }]);
    expect(v.colleges[1]!.rows[0]!.attendance).toBe('Mandat donné à Hélène Desfontaines');
    expect(v.colleges[2]!.rows[0]!.attendance).toBe('Présente');
    expect(v.colleges[3]!.rows[0]!.attendance).toBe('Absente');
    expect(v.attendanceSummary).toBe('4 personnes invitées : 1 présent, 1 représenté par son suppléant, 1 mandat donné, 1 absent.');
    expect(v.quorum).toBe('Quorum atteint : 3 membres présents, représentés ou ayant donné mandat sur 4 (2 requis).');
    expect(v.facts).toContainEqual(['Horaires', 'de 14 h 30 à 17 h 00']);
  });

  it('is a « projet » until a later session approves it', () => {
    expect(mapMinutes(data(), { short: false }).header.documentTitle).toBe('Projet de compte rendu');
    const approved = mapMinutes(data({ approval: { on: '2026-10-08', meetingId: 'n' } }), { short: false });
    expect(approved.header.documentTitle).toBe('Compte rendu');
    expect(approved.footer).toBe('Compte rendu de la séance plénière du 19/03/2026, approuvé le 08/10/2026');
  });

  it('before the session: nobody absent, quorum to be seen, no zero counts', () => {
    const future = { ...data(), today: '2026-03-01' };
    const v = mapMinutes(future, { short: false });
    expect(v.attendanceSummary).toBe('4 personnes invitées.');
    expect(v.quorum).toBe('Quorum : 2 membres sur 4 de la commission, présents ou ayant donné mandat ; il sera constaté en séance.');
    expect(v.colleges.flatMap((c) => c.rows.map((r) => r.attendance))).not.toContain('Absente');
  });

  it('numbers items from 1, keeps notes as paragraphs and decisions per item, never repeats the kind', () => {
    const v = mapMinutes(data(), { short: false });
    expect(v.header.sessionTitle).toBe('Séance plénière du jeudi 19 mars 2026');
    expect(sessionTitle({ kind: 'pleniere', title: 'Séance plénière du 2d semestre', startsAt: '2026-12-01T10:00' })).toBe('Séance plénière du 2d semestre – mardi 1er décembre 2026');
    expect(v.agenda.map((a) => a.number)).toEqual([1, 2, 3, 4]);
    const item = v.items[2]!;
    expect(item).toMatchObject({ number: 3, notes: ['Un.', 'Deux,\nsuite.'], decisions: ['Étendre aux lycées.'], links: ['Fiche action : FA-03 – Former'], review: null });
    expect(v.otherDecisions).toEqual(['Hors ordre du jour.']);
    expect(v.items[1]!.review).toEqual([{ action: 'Former les réceptionnistes', owner: 'Conseil départemental', due: '30/06/2026', status: 'Close le 19/03/2026', origin: 'Séance plénière\ndu 09/10/2025' }]);
    expect(v.diffusion).toEqual({ intro: 'Membres de la commission et structures invitées', names: ['Amicale du Nid'] });
  });

  it('the relevé keeps the items with decisions, the numbers and the follow-ups only', () => {
    const v = mapMinutes(data(), { short: true });
    expect(v.header.documentTitle).toBe('Relevé de décisions');
    expect(v.items.map((i) => i.number)).toEqual([3]);
    expect(v.items[0]).toMatchObject({ notes: [], presenter: '', links: [], decisions: ['Étendre aux lycées.'] });
    expect(v.colleges).toEqual([]);
    expect(v.secretary).toBe('');
    expect(v.followUps).toHaveLength(2);
  });

  it('a formation restreinte is « Diffusion restreinte », to its members only', () => {
    const v = mapMinutes(data({ kind: 'restreinte', attendees: [attendee('Hélène Desfontaines', 'present', { restrictedMember: true }), attendee('Loïc Bénard', 'present', { isMember: false, structure: 'Hôtels' })] }), { short: false });
    expect(v.header.mentions).toEqual(['Diffusion restreinte']);
    expect(v.diffusion.names).toEqual(['Mme Hélène Desfontaines, Amicale du Nid']);
  });
});

describe('convocation and attendance sheet mappers', () => {
  it('dateline, timed agenda, attachments, contact and signature', () => {
    const v = mapConvocation({ ...data(), today: '2026-03-01' });
    expect(v.agenda.map((a) => [a.number, a.time])).toEqual([
      [1, '14 h 30'],
      [2, '14 h 40'],
      [3, '15 h 00'],
      [4, ''],
    ]);
    expect(v.dateLine).toBe('Bordeaux, le 1er mars 2026');
    expect(v.object).toBe('Convocation à la séance plénière de la commission du jeudi 19 mars 2026');
    expect(v.attachments).toEqual(['Bilan 2025 des parcours de sortie']);
    expect(v.contact).toBe('Contact : Élodie Marchand, secrétariat de la commission – 05 56 90 60 60.');
    expect(v.signature).toEqual(['Le préfet,', 'Étienne Guyot']);
    const delegated = mapConvocation({ ...data({ signsByDelegation: true, signatoryName: 'Anne Roy', signatoryTitle: 'Le directeur de cabinet' }) });
    expect(delegated.signature).toEqual(['Pour le préfet et par délégation,', 'Le directeur de cabinet', 'Anne Roy']);
  });

  it('one letter per member, with the salutation of their function', () => {
    const v = mapConvocation(data(), { letters: true });
    expect(v.letters.map((l) => l.salutation)).toEqual(['Madame la directrice,', 'Monsieur le directrice,', 'Madame la directrice,']);
    expect(salutation({ civility: 'M.', role: 'Commissaire divisionnaire' })).toBe('Monsieur le commissaire divisionnaire,');
    expect(salutation({ civility: 'Mme', role: 'Inspectrice d’académie' })).toBe('Madame l’inspectrice d’académie,');
    expect(salutation({ civility: null, role: 'Directeur' })).toBe('Madame, Monsieur,');
    // An acronym keeps its capitals: « la dDFE » was written before.
    expect(salutation({ civility: 'Mme', role: 'DDFE de la Gironde' })).toBe('Madame la DDFE de la Gironde,');
    expect(v.letters[0]!.addressee).toEqual(['Mme Hélène Desfontaines', 'Directrice', 'Amicale du Nid']);
  });

  it('lists every invitee by structure, with room for unexpected ones', () => {
    const v = mapAttendanceSheet(
      data({ attendees: [attendee('Zoé Martin', 'invite', { structure: 'Parquet' }), attendee('Anne Blanc', 'invite', { structure: 'ASE' }), attendee('Paul Abel', 'invite', { structure: 'Parquet', civility: 'M.' })] }),
    );
    expect(v.rows.map((r) => r.name)).toEqual(['Mme Anne Blanc', 'M. Paul Abel', 'Mme Zoé Martin']);
    expect(v.blankRows).toBeGreaterThan(0);
    expect(v.facts.map(([label]) => label)).toEqual(['Nature', 'Date', 'Horaires', 'Lieu', 'Présidence']);
  });

  it('splits notes on blank lines only', () => {
    expect(paragraphs(null)).toEqual([]);
    expect(paragraphs('  a\nb  \n \n c ')).toEqual(['a\nb', 'c']);
  });
});
