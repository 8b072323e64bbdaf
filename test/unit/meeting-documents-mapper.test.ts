import { describe, expect, it } from 'vitest';
import { mapAttendanceSheet, mapConvocation, mapMinutes, paragraphs, type MeetingDocumentData } from '../../src/main/documents/meetings/mapper';
import { computeQuorum } from '../../src/main/services/meetings';
import type { Attendee, FollowUp, MeetingDetail } from '../../src/shared/model/meetings';

let n = 0;
function attendee(name: string, status: Attendee['status'], extra: Partial<Attendee> = {}): Attendee {
  return { id: `a${n++}`, meetingId: 'm', contactId: null, partnerId: null, civility: 'Mme', name, role: 'Directrice', structure: 'Amicale du Nid', status, representedBy: null, isMember: true, ...extra };
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
    attendee('Grégoire Lefèvre', 'represente', { civility: 'M.', representedBy: 'Yannick Roux' }),
    attendee('Maëlle Noël', 'excuse'),
    attendee('Inès Garnier', 'invite', { isMember: false }),
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
      { id: 'i1', position: 0, kind: 'approbation', title: 'Approbation du compte rendu', presenter: null, durationMin: 10, notes: 'Approuvé.', links: [] },
      { id: 'i2', position: 1, kind: 'suivi', title: 'Suivi des décisions', presenter: 'DDFE', durationMin: 20, notes: null, links: [] },
      { id: 'i3', position: 2, kind: 'libre', title: 'Prévention', presenter: null, durationMin: null, notes: 'Un.\n\n\nDeux,\nsuite.', links: [{ kind: 'action', id: 'x', label: 'FA-03 – Former' }] },
      { id: 'i4', position: 3, kind: 'libre', title: 'Questions diverses', presenter: null, durationMin: 10, notes: null, links: [] },
    ],
    decisions: [
      { id: 'd1', agendaItemId: 'i3', text: 'Étendre aux lycées.', actionId: null, actionLabel: null, journalEntryId: null, position: 1 },
      { id: 'd2', agendaItemId: null, text: 'Hors ordre du jour.', actionId: null, actionLabel: null, journalEntryId: null, position: 2 },
    ],
    followUps: [followUp('Lister les lycées'), followUp('Sans responsable', { ownerPartnerId: null, ownerPartnerName: null, ownerName: null, dueOn: null })],
    earlierFollowUps: [followUp('Former les réceptionnistes', { meetingStartsAt: '2025-10-09T14:00', status: 'close', closedOn: '2026-03-19', ownerName: 'Conseil départemental' })],
    previous: null,
    next: { id: 'n', kind: 'comite_technique', startsAt: '2026-06-04T10:00' },
    quorum: computeQuorum(attendees),
    attendees,
    ...overrides,
  };
  return { meeting, commission: { name: 'Commission départementale – Gironde', departmentName: 'Gironde', secretaryName: 'Élodie Marchand' }, logo: null, today: '2026-03-05' };
}

describe('minutes mapper', () => {
  it('sorts people by attendance; never-marked people count as absent', () => {
    const v = mapMinutes(data(), { short: false });
    expect(v.present.map((p) => p.name)).toEqual(['Mme Hélène Desfontaines']);
    expect(v.represented).toEqual([{ name: 'M. Grégoire Lefèvre', role: 'Directrice', structure: 'Amicale du Nid', representedBy: 'Yannick Roux' }]);
    expect(v.excused.map((p) => p.name)).toEqual(['Mme Maëlle Noël']);
    expect(v.absent.map((p) => p.name)).toEqual(['Mme Inès Garnier']);
    expect(v.attendanceSummary).toBe('4 personnes invitées : 1 présent, 1 représenté, 1 excusé, 1 absent.');
    expect(v.facts).toContainEqual(['Quorum', 'Atteint : 2 membres présents ou représentés sur 3 (2 requis)']);
    expect(v.facts).toContainEqual(['Horaires', 'de 14 h 30 à 17 h 00']);
    expect(v.facts).toContainEqual(['Secrétariat', 'Élodie Marchand']);
  });

  it('numbers items from 1, keeps notes as paragraphs and decisions per item', () => {
    const v = mapMinutes(data(), { short: false });
    expect(v.header.sessionTitle).toBe('Séance plénière du jeudi 19 mars 2026');
    expect(v.agenda.map((a) => a.number)).toEqual([1, 2, 3, 4]);
    const item = v.items[2]!;
    expect(item).toMatchObject({ number: 3, notes: ['Un.', 'Deux,\nsuite.'], decisions: ['Étendre aux lycées.'], links: ['Fiche action : FA-03 – Former'], review: null });
    expect(v.otherDecisions).toEqual(['Hors ordre du jour.']);
    // « Suivi des décisions » lists the earlier follow-ups, with the owner named once.
    expect(v.items[1]!.review).toEqual([{ action: 'Former les réceptionnistes', owner: 'Conseil départemental', due: '30/06/2026', status: 'Close le 19/03/2026', origin: 'Séance plénière\ndu 09/10/2025' }]);
  });

  it('lists follow-ups with owner and deadline, the next session and the diffusion', () => {
    const v = mapMinutes(data(), { short: false });
    expect(v.followUps.map((f) => [f.action, f.owner, f.due, f.status])).toEqual([
      ['Lister les lycées', 'Conseil départemental – Maëlle Noël', '30/06/2026', 'Ouverte'],
      ['Sans responsable', 'À désigner', 'Sans échéance', 'Ouverte'],
    ]);
    expect(v.nextSession).toBe('Comité technique le jeudi 4 juin 2026 à 10 h 00.');
    expect(mapMinutes(data({ nextMeetingNote: 'En octobre.', next: null }), { short: false }).nextSession).toBe('En octobre.');
    expect(mapMinutes(data({ next: null }), { short: false }).nextSession).toBe('La date de la prochaine séance sera communiquée ultérieurement.');
    expect(v.diffusion).toEqual(['Amicale du Nid']);
    expect(v.footer).toBe('Compte rendu – séance plénière du 19/03/2026');
  });

  it('the short form drops the discussion, not the decisions', () => {
    const v = mapMinutes(data(), { short: true });
    expect(v.header.documentTitle).toBe('Relevé de décisions');
    expect(v.items.every((i) => i.notes.length === 0)).toBe(true);
    expect(v.items[2]!.decisions).toEqual(['Étendre aux lycées.']);
  });

  it('says when the quorum cannot be judged', () => {
    expect(mapMinutes(data({ attendees: [] }), { short: false }).facts).toContainEqual(['Quorum', 'Sans objet (aucun membre de la commission invité)']);
  });
});

describe('convocation and attendance sheet mappers', () => {
  it('times the agenda from the start and the durations, until one is missing', () => {
    const v = mapConvocation(data());
    expect(v.agenda.map((a) => [a.number, a.time])).toEqual([
      [1, '14 h 30'],
      [2, '14 h 40'],
      [3, '15 h 00'],
      [4, ''],
    ]);
    expect(v.dateLine).toBe('Le 5 mars 2026');
    expect(v.subject).toBe('Convocation à la séance plénière du jeudi 19 mars 2026');
    expect(v.body[0]).toBe('J’ai l’honneur de vous convier à la séance plénière de la commission départementale – Gironde, qui se tiendra le jeudi 19 mars 2026 à 14 h 30, Préfecture.');
    expect(v.closing[0]).toContain('auprès de Élodie Marchand, secrétariat de la commission');
    expect(v.signature).toEqual(['M. le préfet']);
  });

  it('lists every invitee by structure, with room for unexpected ones', () => {
    const v = mapAttendanceSheet(
      data({ attendees: [attendee('Zoé Martin', 'invite', { structure: 'Parquet' }), attendee('Anne Blanc', 'invite', { structure: 'ASE' }), attendee('Paul Abel', 'invite', { structure: 'Parquet', civility: 'M.' })] }),
    );
    expect(v.rows.map((r) => r.name)).toEqual(['Mme Anne Blanc', 'M. Paul Abel', 'Mme Zoé Martin']);
    expect(v.blankRows).toBeGreaterThan(0);
    expect(v.facts.map(([label]) => label)).toEqual(['Date', 'Horaires', 'Lieu', 'Présidence']);
  });

  it('splits notes on blank lines only', () => {
    expect(paragraphs(null)).toEqual([]);
    expect(paragraphs('  a\nb  \n \n c ')).toEqual(['a\nb', 'c']);
  });
});
