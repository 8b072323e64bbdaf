import { describe, expect, it } from 'vitest';
import { mapAttendanceSheet, mapConvocation, mapMinutes, paragraphs, sessionTitle, type MeetingDocumentData } from '../../src/main/documents/meetings/mapper';
import { computeQuorum } from '../../src/shared/meeting-rules';
import type { Attendee, FollowUp, MeetingDetail } from '../../src/shared/model/meetings';

let n = 0;
/** A titulaire of their own seat who sits, unless said otherwise. */
function attendee(name: string, status: Attendee['status'], extra: Partial<Attendee> = {}): Attendee {
  const id = `a${n++}`;
  return {
    id,
    meetingId: 'm',
    contactId: null,
    partnerId: null,
    civility: 'Mme',
    name,
    role: 'Directrice',
    structure: 'Amicale du Nid',
    status,
    representedBy: null,
    mandateTo: null,
    mandateToName: null,
    isMember: true,
    memberRole: 'titulaire',
    seatId: `seat-${id}`,
    seatTitle: 'commission',
    college: 'associations',
    sits: true,
    address: null,
    partnerType: 'association_sortie',
    ...extra,
  };
}

const guest = (extra: Partial<Attendee> = {}): Partial<Attendee> => ({ isMember: false, memberRole: null, seatId: null, seatTitle: null, college: null, sits: false, ...extra });

/** The quorum the meeting computes from the seats its members hold. */
function quorumOf(kind: MeetingDetail['kind'], attendees: Attendee[], waived = false) {
  const seats = attendees.filter((a) => a.seatId && a.memberRole === 'titulaire').map((a) => ({ id: a.seatId!, title: a.seatTitle!, minorsCoordination: false }));
  return computeQuorum(kind, { waived, seats, attendees });
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
    attendee('Grégoire Lefèvre', 'supplee', { civility: 'M.', representedBy: 'Yannick Roux', partnerType: 'police', college: 'etat' }),
    attendee('Maëlle Noël', 'mandat', { mandateTo: 'x', mandateToName: 'Hélène Desfontaines', partnerType: 'conseil_departemental', college: 'collectivites' }),
    attendee('Inès Garnier', 'invite', guest({ partnerType: null })),
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
    secondConvocationOf: null,
    minutesSignedOn: null,
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
    quorum: quorumOf(overrides.kind ?? 'pleniere', attendees),
    signatoryName: null,
    signatoryTitle: null,
    signsByDelegation: null,
    files: [{ id: 'f', title: 'Bilan 2025 des parcours de sortie', fileName: 'seances/bilan.pdf' }],
    approval: null,
    firstConvocation: null,
    reconvenedAs: null,
    minorsSituations: 0,
    attendees,
    ...overrides,
  };
  return {
    meeting,
    commission: {
      name: 'Commission départementale – Gironde',
      departmentName: 'Gironde',
      secretaryName: 'Élodie Marchand',
      prefectureCity: 'Bordeaux',
      secretariatContact: '05 56 90 60 60',
      prefectCivility: 'M.',
      prefectName: 'Étienne Guyot',
      signatoryName: null,
      signatoryTitle: null,
      signsByDelegation: false,
    },
    logo: null,
    today: '2026-03-20',
  };
}

describe('minutes mapper', () => {
  it('groups attendance by college with suppléants and mandates, and states the quorum', () => {
    const v = mapMinutes(data(), { short: false });
    // Members by the college of their seat; people invited without a seat as « autres participants ».
    expect(v.colleges.map((c) => c.title)).toEqual(['Services de l’État', 'Collectivités territoriales', 'Associations', 'Autres participants']);
    expect(v.colleges[0]!.rows).toEqual([{ name: 'M. Grégoire Lefèvre', role: 'Directrice', structure: 'Amicale du Nid', attendance: 'Représenté par son suppléant, Yannick Roux' }]);
    expect(v.colleges[1]!.rows[0]!.attendance).toBe('Mandat donné à Hélène Desfontaines');
    expect(v.colleges[2]!.rows[0]!.attendance).toBe('Présente');
    expect(v.colleges[3]!.rows[0]!.attendance).toBe('Absente');
    expect(v.attendanceSummary).toBe('4 personnes invitées : 1 présent, 1 représenté par son suppléant, 1 mandat donné, 1 absent.');
    expect(v.quorum).toBe('Quorum atteint : 3 membres présents, suppléés ou ayant donné mandat sur 3 (2 requis).');
    expect(v.facts).toContainEqual(['Horaires', 'de 14 h 30 à 17 h 00']);
  });

  it('is a « projet » until a later session approves it', () => {
    expect(mapMinutes(data(), { short: false }).header.documentTitle).toBe('Projet de compte rendu');
    const approved = mapMinutes(data({ approval: { on: '2026-10-08', meetingId: 'n' } }), { short: false });
    expect(approved.header.documentTitle).toBe('Compte rendu');
    expect(approved.footer).toBe('Compte rendu de la séance plénière du 19/03/2026, approuvé le 08/10/2026');
    // An examining meeting's minutes may be signed by the chair instead.
    const signed = mapMinutes(data({ kind: 'examen_parcours', approval: { on: '2026-03-26', meetingId: null } }), { short: false });
    expect(signed.footer).toBe('Compte rendu de la formation restreinte – examen des demandes de parcours du 19/03/2026, signé par la présidence le 26/03/2026');
  });

  it('a meeting without quorum says no avis may be given, and its new convocation deliberates without one', () => {
    const few = [attendee('Hélène Desfontaines', 'present'), attendee('Paul Abel', 'excuse', { civility: 'M.' }), attendee('Anne Roy', 'absent')];
    expect(mapMinutes(data({ kind: 'examen_parcours', attendees: few }), { short: false }).quorum).toBe(
      'Quorum non atteint : 1 membre présent, suppléé ou ayant donné mandat sur 3 (2 requis). La commission ne peut rendre d’avis valable ; elle est convoquée de nouveau sur le même ordre du jour et délibérera alors sans condition de quorum (article R. 133-10 du code des relations entre le public et l’administration).',
    );
    const again = mapMinutes(data({ kind: 'examen_parcours', attendees: few, quorum: quorumOf('examen_parcours', few, true), firstConvocation: { id: 'f', startsAt: '2026-03-05T14:00' } }), { short: false });
    expect(again.quorum).toMatch(/^Quorum : sans condition\. Le quorum n’ayant pas été atteint à la séance du 05\/03\/2026/);
    expect(again.facts).toContainEqual(['Convocation', 'nouvelle convocation, sans condition de quorum, après la séance du 05/03/2026']);
  });

  it('before the session: nobody absent, quorum to be seen, no zero counts', () => {
    const future = { ...data(), today: '2026-03-01' };
    const v = mapMinutes(future, { short: false });
    expect(v.attendanceSummary).toBe('4 personnes invitées.');
    expect(v.quorum).toBe('Quorum : 2 membres sur 3 de la commission, présents, suppléés ou ayant donné mandat ; il sera constaté en séance.');
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
    // Numbered as the relevé lists them: it prints no agenda that « 3 » would refer to.
    expect(v.items.map((i) => [i.number, i.title])).toEqual([[1, 'Prévention']]);
    expect(v.items[0]).toMatchObject({ notes: [], presenter: '', links: [], decisions: ['Étendre aux lycées.'] });
    expect(v.colleges).toEqual([]);
    expect(v.secretary).toBe('');
    expect(v.followUps).toHaveLength(2);
  });

  it('shows the follow-ups as they stood on the session’s day, and says when an item has nothing written', () => {
    const later = followUp('Closed after the session', { status: 'close', closedOn: '2026-04-02' });
    const overdue = followUp('Overdue', { meetingStartsAt: '2025-10-09T14:00', dueOn: '2026-01-31', status: 'en_cours' });
    const closedLate = followUp('Closed late', { meetingStartsAt: '2025-10-09T14:00', dueOn: '2026-01-31', status: 'close', closedOn: '2026-05-01' });
    const v = mapMinutes(data({ followUps: [later], earlierFollowUps: [overdue, closedLate] }), { short: false });
    expect(v.followUps.map((f) => f.status)).toEqual(['Ouverte']);
    expect(v.items[1]!.review!.map((f) => f.status)).toEqual(['En cours, échéance dépassée', 'Ouverte, échéance dépassée']);
    // Before the session, the states of today.
    const before = mapMinutes({ ...data({ followUps: [later] }), today: '2026-03-01' }, { short: false });
    expect(before.followUps.map((f) => f.status)).toEqual(['Ouverte']);
    // « Questions diverses », held with nothing written: said, not left as a bare title; not before the session.
    expect(v.items.map((i) => i.emptyNote)).toEqual(['', '', '', 'Aucun échange n’a été consigné sur ce point.']);
    expect(before.items.every((i) => i.emptyNote === '')).toBe(true);
  });

  it('an examining meeting is « Diffusion restreinte », to the members who sit at it only', () => {
    const v = mapMinutes(
      data({
        kind: 'examen_parcours',
        attendees: [
          attendee('Hélène Desfontaines', 'present'),
          // Legacy data: a member sitting for child protection invited all the same is never named nor sent the minutes.
          attendee('Maëlle Noël', 'present', { seatTitle: 'protection_enfance', sits: false, structure: 'Conseil départemental' }),
          attendee('Loïc Bénard', 'present', guest({ structure: 'Hôtels' })),
        ],
      }),
      { short: false },
    );
    expect(v.header.mentions).toEqual(['Diffusion restreinte']);
    expect(v.diffusion).toEqual({ intro: 'Diffusion restreinte aux membres siégeant à l’examen des demandes de parcours de sortie', names: ['Mme Hélène Desfontaines, Amicale du Nid'] });
    expect(v.colleges.flatMap((c) => c.rows.map((r) => r.name))).toEqual(['Mme Hélène Desfontaines', 'Mme Loïc Bénard']);
  });

  it('a coordination of minors\u2019 situations states how many it coordinated', () => {
    const v = mapMinutes(data({ kind: 'restreinte', minorsSituations: 4 }), { short: false });
    expect(v.facts).toContainEqual(['Situations de mineurs', '4 situations individuelles coordonnées']);
    expect(v.quorum).toBeNull();
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
    // « M. le préfet » chairs: he signs.
    expect(v.signature).toEqual(['Le préfet,', 'Étienne Guyot']);
    expect(v.mandateRule).toContain('(article R. 133-9 du code des relations entre le public et l’administration)');
    expect(v.mandateRule).not.toMatch(/2006-672/);
    expect(v.secondConvocation).toBe('');
    const delegated = mapConvocation({ ...data({ signsByDelegation: true, signatoryName: 'Anne Roy', signatoryTitle: 'Le directeur de cabinet' }) });
    expect(delegated.signature).toEqual(['Pour le préfet et par délégation,', 'Le directeur de cabinet', 'Anne Roy']);
  });

  it('signed by whoever chairs, in the préfète\u2019s gender', () => {
    const base = data({ chair: 'Mme Léa Vincent, directrice de cabinet' });
    const her = { ...base, commission: { ...base.commission, prefectCivility: 'Mme' as const, prefectName: 'Claire Rolland' } };
    expect(mapConvocation(her).signature).toEqual(['Pour la préfète et par délégation,', 'La directrice de cabinet', 'Léa Vincent']);
    expect(mapConvocation({ ...her, meeting: { ...her.meeting, chair: 'Mme Claire Rolland, préfète de la Gironde' } }).signature).toEqual(['La préfète,', 'Claire Rolland']);
    expect(mapConvocation({ ...her, meeting: { ...her.meeting, chair: null } }).signature).toEqual(['La préfète,', 'Claire Rolland']);
  });

  it('a new convocation states that no quorum will be required', () => {
    const v = mapConvocation({ ...data({ kind: 'examen_parcours', firstConvocation: { id: 'f', startsAt: '2026-03-05T14:00' } }), today: '2026-03-06' });
    expect(v.secondConvocation).toBe(
      'Le quorum n’ayant pas été atteint lors de la séance du jeudi 5 mars 2026, la commission est de nouveau convoquée sur le même ordre du jour. Conformément à l’article R. 133-10 du code des relations entre le public et l’administration, elle délibérera valablement sans condition de quorum : aucun quorum ne sera exigé.',
    );
    expect(v.recipients).toBe('Mesdames et Messieurs les membres siégeant à l’examen des demandes de parcours de sortie');
  });

  it('one letter per member, greeted and closed by their function', () => {
    const v = mapConvocation(data(), { letters: true });
    expect(v.letters.map((l) => l.salutation)).toEqual(['Madame la directrice,', 'Monsieur le directrice,', 'Madame la directrice,']);
    expect(v.letters[0]!.closing).toBe('Je vous prie d’agréer, Madame la directrice, l’expression de ma considération distinguée.');
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
