import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../src/shared/format';
import { mapDetailed, mapPreview, mapReport, type ReportAction, type ReportData } from '../../src/main/documents/report/mapper';
import { duringPeriod, periodLabel, previousPeriod } from '../../src/main/documents/report/period';
import { reportOptions, type ReportOptionsInput } from '../../src/shared/schemas/reports';

const options = (input: Partial<ReportOptionsInput> = {}) => reportOptions.parse({ from: '2025-01-01', to: '2025-12-31', ...input });

function action(id: string, over: Partial<ReportAction>): ReportAction {
  return {
    id,
    code: `FA-${id}`,
    title: `Action ${id}`,
    pilot: 'Conseil départemental',
    partners: [],
    startsOn: null,
    endsOn: null,
    createdOn: '2024-01-01',
    current: { status: 'en_cours', meteo: null, meteoReason: null, progress: 0 },
    measureIds: [],
    budget: null,
    funders: null,
    ...over,
  };
}

const entry = (actionId: string, entryOn: string, over: Partial<ReportData['journal'][number]> = {}) => ({
  actionId,
  entryOn,
  createdAt: `${entryOn}T10:00:00.000Z`,
  text: `Point du ${entryOn}`,
  status: null,
  meteo: null,
  meteoReason: null,
  progress: null,
  ...over,
});

/**
 * A: on both frameworks, moving during 2025, with an indicator. B: no indicator, completed in 2025.
 * C: completed in 2023 (history). D: created after 2025. Priority P2 has no fiche at all.
 */
function data(): ReportData {
  return {
    commission: { name: 'Commission départementale – Gironde', departmentName: 'Gironde', secretaryName: 'Mme Claire Martin', prefectCivility: null },
    logo: null,
    today: '2026-03-05',
    wallClock: '2026-03-05T10:00',
    frameworks: [
      { code: 'plan', title: 'Plan national 2021', shortTitle: 'Plan 2021' },
      { code: 'snsp', title: 'Stratégie nationale 2024', shortTitle: 'Stratégie 2024' },
    ],
    nodes: [
      { id: 'p1', frameworkCode: 'plan', parentId: null, kind: 'priorite', label: 'Priorité 1', title: 'Sensibiliser' },
      { id: 'a1', frameworkCode: 'plan', parentId: 'p1', kind: 'mesure', label: 'Action 1', title: 'Espaces d’information' },
      { id: 'p2', frameworkCode: 'plan', parentId: null, kind: 'priorite', label: 'Priorité 2', title: 'Repérer' },
      { id: 'a4', frameworkCode: 'plan', parentId: 'p2', kind: 'mesure', label: 'Action 4', title: 'Former' },
      { id: 'x1', frameworkCode: 'snsp', parentId: null, kind: 'axe', label: 'Axe 1', title: 'Appliquer la loi' },
      { id: 'x4', frameworkCode: 'snsp', parentId: null, kind: 'axe', label: 'Axe 4', title: 'Mineurs' },
      { id: 'o1', frameworkCode: 'snsp', parentId: 'x4', kind: 'objectif', label: 'Objectif 1', title: 'Sensibiliser et repérer' },
      { id: 'm15', frameworkCode: 'snsp', parentId: 'o1', kind: 'mesure', label: 'Mesure 15', title: 'Prévenir' },
      { id: 'm16', frameworkCode: 'snsp', parentId: 'o1', kind: 'mesure', label: 'Mesure 16', title: 'Former' },
    ],
    actions: [
      action('A', { measureIds: ['a1', 'm15'], partners: ['Amicale du Nid'], startsOn: '2024-03-01', endsOn: '2026-06-30', createdOn: '2024-02-20', budget: 12000, funders: 'État (BOP 137) : 8 000 € ; Conseil départemental : 4 000 €' }),
      action('B', { measureIds: ['a1'], createdOn: '2024-05-20', budget: 3000, funders: 'Conseil départemental : 3 000 €' }),
      action('C', { measureIds: ['a1'], createdOn: '2022-01-10' }),
      action('D', { measureIds: ['m15'], createdOn: '2026-01-10' }),
    ],
    journal: [
      entry('A', '2024-03-01', { status: 'en_cours', meteo: 'soleil', progress: 10, text: 'Création de la fiche action.' }),
      entry('A', '2025-04-01', { progress: 40 }),
      entry('A', '2025-11-01', { meteo: 'orage', meteoReason: 'Pilote absent', progress: 60 }),
      entry('A', '2026-02-01', { progress: 80, text: 'Après la période' }),
      entry('B', '2024-06-01', { status: 'en_cours', progress: 0 }),
      entry('B', '2025-05-10', { status: 'realisee', progress: 100 }),
      entry('C', '2022-02-01', { status: 'en_cours', progress: 0 }),
      entry('C', '2023-06-01', { status: 'realisee', progress: 100 }),
      entry('D', '2026-01-10', { status: 'a_lancer', progress: 0 }),
    ],
    indicators: [
      {
        actionId: 'A',
        name: 'Professionnels formés',
        unit: 'professionnels',
        baseline: 0,
        baselineOn: '2025-01-01',
        target: 100,
        targetOn: '2025-12-31',
        values: [
          { measuredOn: '2024-12-01', value: 20 },
          { measuredOn: '2025-06-30', value: 60 },
          { measuredOn: '2026-01-15', value: 90 },
        ],
      },
    ],
    protocols: [
      { title: 'Protocole hôtels', kind: 'reperage_signalement', status: 'signe', signedOn: '2025-03-01', endsOn: '2028-02-28', reviewOn: '2027-01-01', closedOn: null, signatories: ['Préfecture', 'UMIH'] },
      { title: 'Convention Nid', kind: 'partenariat', status: 'signe', signedOn: '2023-01-15', endsOn: '2026-01-14', reviewOn: '2026-01-20', closedOn: null, signatories: [] },
      { title: 'Charte écoles', kind: 'charte', status: 'expire', signedOn: '2022-07-01', endsOn: '2025-06-30', reviewOn: null, closedOn: null, signatories: [] },
    ],
    meetings: [
      { id: 'm1', kind: 'pleniere', title: null, startsAt: '2025-03-12T14:30', place: 'Préfecture', chair: 'M. le préfet', present: 12, decisions: ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'] },
      { id: 'm3', kind: 'comite_technique', title: 'Comité de mars', startsAt: '2026-03-05T14:00', place: null, chair: null, present: 0, decisions: [] },
      { id: 'm0', kind: 'pleniere', title: null, startsAt: '2024-10-10T14:30', place: null, chair: null, present: 9, decisions: ['Ancienne'] },
      { id: 'm2', kind: 'pleniere', title: null, startsAt: '2026-04-02T14:30', place: 'Préfecture', chair: null, present: 0, decisions: [] },
    ],
    followUps: [
      { text: 'Ouverte', owner: 'ASE', dueOn: '2025-06-30', status: 'ouverte', closedOn: null, meetingKind: 'pleniere', meetingStartsAt: '2025-03-12T14:30' },
      { text: 'Close en 2025', owner: null, dueOn: null, status: 'close', closedOn: '2025-06-01', meetingKind: 'pleniere', meetingStartsAt: '2025-03-12T14:30' },
      { text: 'Close en 2026', owner: null, dueOn: '2026-01-31', status: 'close', closedOn: '2026-01-05', meetingKind: 'pleniere', meetingStartsAt: '2024-10-10T14:30' },
    ],
    partners: [
      { name: 'Amicale du Nid', type: 'association_sortie', domains: ['accompagnement'], createdOn: '2023-01-01', members: [{ name: 'Mme Hélène Desfontaines', role: 'Directrice', fromOn: '2023-01-01', toOn: null }], contactCount: 2 },
      { name: 'Conseil départemental', type: 'conseil_departemental', domains: ['accompagnement', 'prevention'], createdOn: '2025-05-01', members: [], contactCount: 0 },
      { name: 'Hôtel du Port', type: 'economique', domains: [], createdOn: '2026-02-01', members: [], contactCount: 1 },
    ],
    parcours: [
      // X: authorised in March 2025, renewed in September; Y: refused in November.
      { chainId: 'X', renewalNumber: 0, receivedOn: '2025-02-01', opinion: 'favorable', opinionOn: '2025-03-01', decision: 'autorise', decisionOn: '2025-03-10', startsOn: '2025-03-10', endsOn: '2025-09-09', endReason: 'renouvele', closedOn: '2025-09-09', rights: [] },
      { chainId: 'X', renewalNumber: 1, receivedOn: '2025-08-15', opinion: 'favorable', opinionOn: '2025-09-01', decision: 'autorise', decisionOn: '2025-09-05', startsOn: '2025-09-10', endsOn: '2026-03-09', endReason: null, closedOn: null, rights: [] },
      { chainId: 'Y', renewalNumber: 0, receivedOn: '2025-10-01', opinion: 'defavorable', opinionOn: '2025-11-01', decision: 'refuse', decisionOn: '2025-11-10', startsOn: null, endsOn: null, endReason: 'refus', closedOn: '2025-11-10', rights: [] },
    ],
    returns: { campaigns: [], entries: [] },
  };
}

describe('periods', () => {
  it('names a year, a semester, a quarter, a month and any other span, in and out of sentences', () => {
    expect(periodLabel({ from: '2025-01-01', to: '2025-12-31' })).toBe('année 2025');
    expect(periodLabel({ from: '2026-01-01', to: '2026-06-30' })).toBe('1er semestre 2026');
    expect(periodLabel({ from: '2025-07-01', to: '2025-12-31' })).toBe('2d semestre 2025');
    expect(periodLabel({ from: '2025-07-01', to: '2025-09-30' })).toBe('3e trimestre 2025');
    expect(periodLabel({ from: '2025-03-01', to: '2025-03-31' })).toBe('mars 2025');
    expect(periodLabel({ from: '2025-03-01', to: '2026-02-28' })).toBe('période du 1er mars 2025 au 28 février 2026');
    expect(duringPeriod({ from: '2025-01-01', to: '2025-12-31' })).toBe('en 2025');
    expect(duringPeriod({ from: '2026-01-01', to: '2026-06-30' })).toBe('au 1er semestre 2026');
    expect(duringPeriod({ from: '2025-03-04', to: '2025-03-20' })).toBe('du 4 mars 2025 au 20 mars 2025');
  });

  it('compares with the previous period of the same length: calendar months when whole, else days', () => {
    expect(previousPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod({ from: '2025-03-11', to: '2025-03-20' })).toEqual({ from: '2025-03-01', to: '2025-03-10' });
  });
});

describe('progress report mapper', () => {
  it('keeps the fiches followed in the period, with their state at its end and at the end of the previous one', () => {
    const v = mapReport(data(), options());
    const figures = Object.fromEntries(v.keyFigures!.table.rows.map((r) => [r[0], r.slice(1)]));
    // A and B are followed in 2025; C closed in 2023, D did not exist yet.
    expect(figures['Fiches actions suivies']).toEqual(['2', '2', '=', '']);
    expect(figures['Fiches engagées ou réalisées en fin de période']).toEqual(['2', '2', '=', '']);
    expect(figures['Fiches réalisées dans la période']).toEqual(['1', '0', '+1', '']);
    // End of 2025: A 60 %, B 100 % → 80 %; end of 2024: A 10 %, B 0 % → 5 %.
    expect(figures['Avancement moyen en fin de période']).toEqual(['80 %', '5 %', '+75 pts', 'Cible : 100 %']);
    expect(figures['Fiches en difficulté (suspendues, en retard ou sous une météo nuage ou orage)']?.[0]).toBe('1');
    expect(figures['   dont sous une météo nuage ou orage']?.[0]).toBe('1');
    expect(figures['Indicateurs ayant atteint leur cible']?.[0]).toBe('0 sur 1');
    // 2025, before the decree of 30 December 2025: one a year.
    expect(figures['Séances plénières tenues']).toEqual(['1', '1', '=', '1 au moins']);
    expect(figures['Décisions prises en séance']?.slice(0, 3)).toEqual(['6', '1', '+5']);
    expect(figures['Suites à donner soldées']?.[0]).toBe('1');
    expect(figures['Protocoles et conventions signés']?.slice(0, 2)).toEqual(['1', '0']);
    expect(figures['Structures du réseau partenarial']?.slice(0, 2)).toEqual(['2', '1']);
    expect(v.keyFigures!.comparison).toBe('Comparaison avec la période précédente de même durée : année 2024, du 1er janvier 2024 au 31 décembre 2024.');
  });

  it('says the essentials in a few sentences: engagement, targets, plenaries against the rule, protocols, alerts', () => {
    const v = mapReport(data(), options());
    expect(v.essentials).toEqual([
      'En 2025, 100 % des fiches actions suivies sont engagées ou réalisées (2 sur 2) ; l’avancement moyen atteint 80 %, contre 5 % à la fin de la période précédente.',
      'Aucun indicateur n’a encore atteint sa cible, sur 1 doté d’une cible datée.',
      'La commission a tenu 1 séance plénière.',
      'Parcours de sortie de la prostitution : 2 premières demandes et 1 renouvellement ; 3 avis rendus, dont 2 favorables ; 1 personne en parcours au 31/12/2025 ; 1 personne entrée en parcours depuis la première demande enregistrée (01/02/2025).',
      '1 protocole ou convention est à réviser ou à renouveler.',
      'Sur 1 fiche restant à mener, aucune n’a de météo favorable (soleil ou couvert) et 1 est sous une météo nuage ou orage.',
      'Point d’attention : 1 fiche est en difficulté à la fin de la période (partie « Fiches en difficulté »).',
    ]);
    expect(v.outlook!.decisions.some((d) => d.includes('plénière'))).toBe(false);
  });

  it('shows progress per framework, axis and objective, one line per measure, with budget and funders; measures without fiche flagged', () => {
    const v = mapReport(data(), options());
    const [plan, snsp] = v.frameworks!;
    const p1 = plan!.parts[0]!;
    expect(p1.heading).toBe('Priorité 1 – Sensibiliser');
    // One line a measure, its statuses and funders on the line beneath it.
    expect(p1.tables[0]!.table.rows).toEqual([['Action 1 – Espaces d’information', '2', 'Orage', '80 %', `${formatInteger(15000)}\u00A0€`]]);
    expect(p1.tables[0]!.table.notes).toEqual(['Statuts : en cours 1, réalisée 1 · financeurs : État (BOP 137), Conseil départemental.']);
    expect(plan!.parts[1]!.tables[0]!.note).toBe('1 mesure n’a aucune fiche locale.');
    expect(plan!.parts[1]!.tables[0]!.table.rows[0]!.slice(0, 2)).toEqual(['Action 4 – Former', '0']);
    expect(plan!.parts[1]!.tables[0]!.table.notes![0]).toBe('Aucune fiche locale : mesure à couvrir.');
    // The 2024 strategy reads by objective under axis 4; axis 1, without measures, is its own line.
    expect(snsp!.parts.map((p) => p.heading)).toEqual(['Axe 1 – Appliquer la loi', 'Axe 4 – Mineurs']);
    expect(snsp!.parts[0]!.tables).toEqual([]);
    expect(snsp!.parts[1]!.tables.map((t) => t.heading)).toEqual(['Objectif 1 – Sensibiliser et repérer']);
    expect(snsp!.parts[1]!.tables[0]!.table.rows.map((r) => r.slice(0, 2))).toEqual([
      ['Mesure 15 – Prévenir', '1'],
      ['Mesure 16 – Former', '0'],
    ]);
  });

  it('lists the fiches in difficulty and every fiche in annex A, once each, under its first attachment', () => {
    const v = mapReport(data(), options());
    expect(v.difficulties!.table.rows).toEqual([['FA-A – Action A', 'Conseil départemental', 'Météo orage (objectifs compromis) : Pilote absent']]);
    expect(v.annexActions!.groups.map((g) => g.heading)).toEqual(['Plan 2021 – Priorité 1 – Sensibiliser']);
    // The pilot under the fiche's name: two lines a fiche.
    expect(v.annexActions!.groups[0]!.table.rows.map((r) => r[0])).toEqual(['FA-A – Action A\nPilote : Conseil départemental', 'FA-B – Action B\nPilote : Conseil départemental']);
  });

  it('puts the full cards in annex B, with the journal of the period and the indicators', () => {
    const d = mapDetailed(data(), options());
    const [plan, snsp] = d.frameworks;
    const a = plan!.parts[0]!.cards[0]!;
    expect(a.heading).toBe('FA-A – Action A');
    expect(Object.fromEntries(a.facts)).toMatchObject({
      'Mesures nationales': 'Plan 2021 · Action 1 ; Stratégie 2024 · Mesure 15',
      Contributeurs: 'Amicale du Nid',
      Calendrier: 'Du 01/03/2024 au 30/06/2026',
      'Statut en fin de période': 'En cours',
      Météo: 'Orage (objectifs compromis) – Pilote absent',
      Avancement: '60 % (10 % à la fin de la période précédente)',
    });
    // Only 2025's entries, oldest first; the one of February 2026 is not the period's.
    expect(a.journal).toEqual([
      { date: '01/04/2025', text: 'Point du 2025-04-01 (avancement : 40 %)' },
      { date: '01/11/2025', text: 'Point du 2025-11-01 (météo : orage (objectifs compromis), avancement : 60 %)' },
    ]);
    // Latest value known by the end of 2025 (not the one of 2026); on 30 June the path expects ~50.
    expect(a.indicators!.rows).toEqual([['Professionnels formés', '0', '60\nau 30/06/2025', '20', '100\nau 31/12/2025', 'En bonne voie']]);
    expect(plan!.parts[0]!.cards[1]!.indicators).toBeNull();
    // Shown under the Plan, mentioned under the Stratégie.
    expect(snsp!.parts[0]!.heading).toBe('Axe 4 · Objectif 1 – Sensibiliser et repérer');
    expect(snsp!.parts[0]!.cards).toEqual([]);
    expect(snsp!.parts[0]!.alsoHere).toBe('1 autre fiche est rattachée ici, décrite sous leur premier rattachement : FA-A.');
  });

  it('addresses the préfète in her gender, on the cover and in the parcours part', () => {
    const hers = { ...data(), commission: { ...data().commission, prefectCivility: 'Mme' as const } };
    const v = mapReport(hers, options());
    expect(v.cover.recipients).toBe('À l’attention de Madame la préfète, présidente de la commission, et des membres de la commission');
    expect(v.parcours!.intro).toContain('; la préfète décide.');
    expect(v.parcours!.table.rows.map((r) => r[0])).toEqual(expect.arrayContaining(['Autorisations de la préfète', 'Refus de la préfète']));
    const his = mapReport(data(), options());
    expect(his.cover.recipients).toBe('À l’attention de Monsieur le préfet, président de la commission, et des membres de la commission');
    // A line the secretary typed stays as typed.
    expect(mapReport(hers, options({ recipients: 'Aux membres de la commission' })).cover.recipients).toBe('Aux membres de la commission');
  });

  it('sets the plenaries held against those the period requires: one a half-year, none for a quarter', () => {
    const plenaries = (d: ReportData, input: Partial<ReportOptionsInput>) => mapReport(d, options(input)).essentials!.find((l) => l.startsWith('La commission'));
    expect(plenaries(data(), { from: '2025-01-01', to: '2025-06-30' })).toBe('La commission a tenu 1 séance plénière.');
    const withCommittee = { ...data(), meetings: [...data().meetings, { id: 'c', kind: 'comite_technique' as const, title: null, startsAt: '2025-05-05T10:00', place: null, chair: null, present: 4, decisions: [] }] };
    expect(plenaries(withCommittee, { from: '2025-01-01', to: '2025-06-30' })).toBe('La commission a tenu 1 séance plénière et 1 autre séance.');
    expect(plenaries(withCommittee, {})).toBe('La commission a tenu 1 séance plénière et 1 autre séance.');
    expect(plenaries(data(), { from: '2025-01-01', to: '2025-03-31' })).toBe('La commission a tenu 1 séance plénière.');
    expect(plenaries(data(), { from: '2025-04-01', to: '2025-06-30' })).toBe('La commission ne s’est pas réunie.');
    expect(plenaries(data(), { from: '2023-01-01', to: '2023-12-31' })).toBe('La commission ne s’est pas réunie, alors qu’une séance plénière est requise sur la période (une fois par an au moins).');
    const committeeOnly = { ...data(), meetings: data().meetings.map((m) => (m.id === 'm1' ? { ...m, kind: 'comite_technique' as const } : m)) };
    expect(plenaries(committeeOnly, {})).toBe('La commission a tenu 1 séance, mais aucune séance plénière, alors qu’une est requise sur la période (une fois par an au moins).');
    // From 2026, the decree of 30 December 2025: two a year, one a half-year.
    expect(plenaries(data(), { from: '2026-01-01', to: '2026-12-31' })).toBe(
      'La commission ne s’est pas réunie, alors que 2 séances plénières sont requises sur la période (deux fois par an au moins depuis le décret du 30 décembre 2025).',
    );
    expect(mapReport(data(), options({ from: '2026-01-01', to: '2026-12-31' })).outlook!.decisions).toContain(
      'Programmer les 2 séances plénières manquantes : la commission se réunit en plénière deux fois par an au moins depuis le décret du 30 décembre 2025.',
    );
    // A quarter asks for no plenary of its own: the key figures recall the yearly rule instead of « 0 au moins ».
    const quarter = mapReport(data(), options({ from: '2025-04-01', to: '2025-06-30' }));
    expect(quarter.keyFigures!.table.rows.find((r) => r[0] === 'Séances plénières tenues')![4]).toBe('Une fois par an au moins');
    expect(quarter.outlook!.decisions.some((d) => d.includes('plénière'))).toBe(false);
  });

  it('counts only the sessions already held, and the follow-ups open at the end', () => {
    const v = mapReport(data(), options({ from: '2026-01-01', to: '2026-12-31' }));
    // The comité of 5 March 2026 at 14:00 has not begun at 10:00; the plénière of April is to come.
    expect(v.sessions!.held.rows).toEqual([]);
    expect(v.cover.dataAsOf).toBe('Données arrêtées au 5 mars 2026');
    const year = mapReport(data(), options());
    expect(year.cover.dataAsOf).toBeNull();
    expect(year.sessions!.held.rows).toEqual([['12/03/2025', 'Séance plénière', '12', 'D1. Et 5 autres décisions au relevé.']]);
    // Open at the end of 2025: the one still open and the one closed in January 2026.
    expect(year.sessions!.openFollowUps.table.rows.map((r) => r[0])).toEqual(['Ouverte', 'Close en 2026']);
    expect(year.sessions!.openFollowUps.table.rows[0]![3]).toBe('30/06/2025\n(dépassée)');
  });

  it('measures a period not yet over on today: nothing « dépassé » that is still to come, no forecast of the parcours', () => {
    const d = data();
    d.followUps.push({ text: 'Due en septembre', owner: null, dueOn: '2026-09-30', status: 'ouverte', closedOn: null, meetingKind: 'pleniere', meetingStartsAt: '2025-03-12T14:30' });
    d.protocols.push({ title: 'Protocole mineurs', kind: 'partenariat', status: 'signe', signedOn: '2024-11-01', endsOn: '2026-10-31', reviewOn: null, closedOn: null, signatories: [] });
    // Today is 05/03/2026: the year 2026 is under way.
    const v = mapReport(d, options({ from: '2026-01-01', to: '2026-12-31' }));
    // A ends on 30/06/2026: late neither in the key figures nor among the fiches in difficulty (its météo puts it there).
    expect(Object.fromEntries(v.keyFigures!.table.rows.map((r) => [r[0], r[1]]))['   dont date de fin dépassée']).toBe('0');
    expect(v.difficulties!.table.rows).toEqual([['FA-A – Action A', 'Conseil départemental', 'Météo orage (objectifs compromis) : Pilote absent']]);
    const followUps = Object.fromEntries(v.sessions!.openFollowUps.table.rows.map((r) => [r[0], r[3]]));
    expect(followUps).toMatchObject({ Ouverte: '30/06/2025\n(dépassée)', 'Due en septembre': '30/09/2026' });
    const due = Object.fromEntries(v.protocols!.tables.find((t) => t.heading === 'À réviser ou à renouveler')!.table.rows.map((r) => [r[0], r[3]]));
    expect(due).toEqual({ 'Convention Nid': 'Échéance dépassée', 'Protocole mineurs': 'Fin à venir', 'Protocole hôtels': 'Révision à venir' });
    // X's parcours runs to 09/03/2026: one person today, none on 31/12/2026 were its end date a fact.
    const parcours = Object.fromEntries(v.parcours!.table.rows.map((r) => [r[0], r.slice(1)]));
    expect(parcours['Personnes en parcours le 05/03/2026 (le dernier jour pour la période précédente)']).toEqual(['1', '1', '=']);
    expect(v.essentials).toContain('Parcours de sortie de la prostitution : aucune première demande et aucun renouvellement ; aucun avis rendu ; 1 personne en parcours au 05/03/2026 ; 1 personne entrée en parcours depuis la première demande enregistrée (01/02/2025).');
    const chart = v.parcours!.chart!;
    expect(chart.kind === 'columns' && chart.columns.map((c) => [c.label, c.value])).toEqual([
      ['janv.', 1],
      ['févr.', 1],
      ['mars', 1],
    ]);
  });

  it('reports the parcours de sortie against the previous period, with people in a parcours month by month', () => {
    const v = mapReport(data(), options());
    const rows = Object.fromEntries(v.parcours!.table.rows.map((r) => [r[0], r.slice(1)]));
    expect(rows['Premières demandes reçues']).toEqual(['2', '0', '+2']);
    expect(rows['Demandes de renouvellement reçues']).toEqual(['1', '0', '+1']);
    expect(rows['Avis favorables de la commission']?.[0]).toBe('2');
    expect(rows['Avis défavorables']?.[0]).toBe('1');
    expect(rows['Autorisations du préfet']?.[0]).toBe('2');
    expect(rows['Refus du préfet']?.[0]).toBe('1');
    expect(rows['Personnes en parcours le dernier jour']).toEqual(['1', '0', '+1']);
    const chart = v.parcours!.chart!;
    expect(chart.kind === 'columns' && chart.columns.map((c) => c.value)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('lists protocols signed, due for renewal and ended', () => {
    const v = mapReport(data(), options());
    const [signed, due, ended] = v.protocols!.tables;
    expect(signed!.table.rows).toEqual([['Protocole hôtels\nProtocole de repérage et de signalement', 'Préfecture, UMIH', '01/03/2025']]);
    // Review on 20 January 2026: within 60 days of the end of the period.
    expect(due!.table.rows).toEqual([['Convention Nid', 'Non renseignés', '20/01/2026', 'Révision à venir']]);
    expect(ended!.table.rows).toEqual([['Charte écoles', 'Charte', 'Expiré', '30/06/2025']]);
    expect(v.annexActions!.protocols).toEqual([]);
  });

  it('caps each list of protocols in the main document, the latest first, and gives the complete list in annex A', () => {
    const d = data();
    for (let k = 1; k <= 12; k++) d.protocols.push({ title: `Convention ${k}`, kind: 'financement', status: 'signe', signedOn: `2025-04-${String(k).padStart(2, '0')}`, endsOn: '2029-01-01', reviewOn: null, closedOn: null, signatories: ['Préfecture', 'CD', 'CAF'] });
    const v = mapReport(d, options());
    const signed = v.protocols!.tables[0]!;
    expect(signed.note).toBe('Les 10 plus récents sur 13 ; la liste complète est en annexe A.');
    expect(signed.table.rows.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, k) => `Convention ${12 - k}\nConvention de financement`));
    expect(signed.table.rows[0]![1]).toBe('Préfecture et 2 autres');
    expect(v.annexActions!.protocols.map((t) => [t.heading, t.table.rows.length])).toEqual([['Signés pendant la période', 13]]);
    // Without annex A, the main document says how many it leaves out, and points nowhere.
    const alone = mapReport(d, options({ sections: ['protocoles'] }));
    expect(alone.protocols!.tables[0]!.note).toBe('Les 10 plus récents sur 13.');
    expect(mapPreview(d, options()).counts.protocolsSigned).toBe(13);
    // With no fiche followed, annex A still gives the complete list, and says it holds only that.
    const noFiche = mapReport({ ...d, journal: [], actions: [] }, options());
    expect(noFiche.annexActions!.groups).toEqual([]);
    expect(noFiche.annexActions!.intro).toBe('Aucune fiche action n’a été suivie sur la période : cette annexe ne donne que les listes complètes des protocoles.');
  });

  it('names a session by its kind, and by its title when the title adds something', () => {
    const d = data();
    d.meetings = [
      { id: 'a', kind: 'groupe_travail', title: 'Groupe de travail « hôtels »', startsAt: '2025-05-02T10:00', place: null, chair: null, present: 5, decisions: [] },
      { id: 'b', kind: 'comite_technique', title: 'Suivi du plan', startsAt: '2025-06-02T10:00', place: null, chair: null, present: 5, decisions: [] },
      { id: 'c', kind: 'pleniere', title: 'Séance plénière du printemps', startsAt: '2025-07-02T10:00', place: null, chair: null, present: 5, decisions: [] },
    ];
    const rows = mapReport(d, options()).sessions!.held.rows;
    expect(rows.map((r) => r[1])).toEqual(['Groupe de travail « hôtels »', 'Comité technique – Suivi du plan', 'Séance plénière du printemps']);
    expect(rows[0]![3]).toBe('Aucune décision consignée.');
  });

  it('sums up the network and its members', () => {
    const v = mapReport(data(), options());
    expect(v.network!.paragraphs[0]).toBe(
      'À la fin de la période, le réseau compte 2 structures (1 à la fin de la période précédente), dont 1 nouvelle structure recensée pendant la période ; 1 personne siège à la commission. L’annuaire complet est tenu par le secrétariat (export en tableur).',
    );
    expect(v.network!.paragraphs[1]).toContain('hébergement / mise à l’abri');
    // Labels lose their capital inside the sentence, acronyms keep theirs.
    expect(v.network!.paragraphs[2]).toMatch(/^Types de structures absents du réseau : préfecture, DDFE \/ DDETS\(PP\), .*, ARS et santé \(hôpitaux, UAPED\), .*hébergement \(CHRS, lieux d’accueil dédiés\), commune, CCAS, association des maires, /);
    expect(v.network!.members.table.rows).toEqual([['Mme Hélène Desfontaines', 'Directrice', 'Amicale du Nid']]);
  });

  it('says so when the network gained no structure, has no member, or is empty', () => {
    const quiet = { ...data(), partners: data().partners.filter((p) => p.createdOn < '2025-01-01').map((p) => ({ ...p, members: [] })) };
    expect(mapReport(quiet, options()).network!.paragraphs[0]).toBe(
      'À la fin de la période, le réseau compte 1 structure (1 à la fin de la période précédente), sans nouvelle structure recensée pendant la période ; personne n’est nommé membre de la commission. L’annuaire complet est tenu par le secrétariat (export en tableur).',
    );
    expect(mapReport({ ...data(), partners: [] }, options()).network!.paragraphs).toEqual([
      'À la fin de la période, aucune structure n’est recensée dans le réseau : l’annuaire des partenaires reste à constituer, avec l’appui du centre de ressources national si besoin.',
    ]);
  });

  it('makes an empty period read as such, without charts', () => {
    const v = mapReport(data(), options({ from: '2010-01-01', to: '2010-12-31' }));
    expect(v.cover.periodLabel).toBe('Année 2010');
    expect(v.essentials![0]).toBe('Aucune fiche action n’a été suivie en 2010 : ni avancement consigné au journal, ni fiche en cours à la fin de la période.');
    expect(v.keyFigures!.charts).toEqual([]);
    expect(v.keyFigures!.indicators.table.rows).toEqual([]);
    expect(v.frameworks!.every((f) => f.chart === null)).toBe(true);
    // The intro says the three lists are empty; no table says it again.
    expect(v.protocols!.tables).toEqual([]);
    expect(v.sessions!.intro).toBe('La commission ne s’est pas réunie pendant la période.');
    // No « 0 sur 0 » indicators reached, and no annex A of a heading alone.
    expect(v.keyFigures!.table.rows.find((r) => r[0] === 'Indicateurs ayant atteint leur cible')).toEqual(['Indicateurs ayant atteint leur cible', '–', '–', '–', '']);
    expect(v.annexActions).toBeNull();
    expect(mapDetailed(data(), options({ from: '2010-01-01', to: '2010-12-31' })).intro).toBe('Annexe B du bilan d’avancement : aucune fiche action n’a été suivie sur la période.');
  });

  it('introduces annex B in the singular or the plural, as its fiches ask', () => {
    expect(mapDetailed(data(), options()).intro).toBe(
      'Annexe B du bilan d’avancement : les 2 fiches actions suivies sur la période, avec leur état en fin de période et les faits consignés à leur journal pendant la période.',
    );
    // In 2025 the strategy has A only: D was created in 2026.
    const one = mapDetailed(data(), options({ frameworks: ['snsp'] }));
    expect(one.intro).toBe('Annexe B du bilan d’avancement : la fiche action suivie sur la période, avec son état en fin de période et les faits consignés à son journal pendant la période.');
  });

  it('leaves out the frameworks and parts not chosen', () => {
    const v = mapReport(data(), options({ frameworks: ['snsp'], sections: ['actions', 'annexe_fiches'] }));
    expect(v.essentials).toBeNull();
    expect(v.protocols).toBeNull();
    expect(v.frameworks!.map((f) => f.heading)).toEqual(['Stratégie nationale 2024']);
    // Its framework of first attachment is left out: A is listed under the Stratégie.
    expect(v.annexActions!.groups.map((g) => g.heading)).toEqual(['Stratégie 2024 – Axe 4 · Objectif 1 – Sensibiliser et repérer']);
  });

  it('previews the counts the report will hold', () => {
    const p = mapPreview(data(), options());
    expect(p.periodLabel).toBe('année 2025');
    expect(p.previousLabel).toBe('année 2024');
    expect(p.frameworks.map((f) => [f.code, f.actions])).toEqual([
      ['plan', 2],
      ['snsp', 1],
    ]);
    expect(p.counts).toEqual({ actions: 2, difficulties: 1, journalEntries: 3, parcoursRequests: 3, indicators: 1, protocolsSigned: 1, protocolsDue: 1, protocolsEnded: 1, sessions: 1, decisions: 6, openFollowUps: 2, partners: 2, members: 1, contacts: 2 });
  });
});

describe('a past period, as it stood', () => {
  it('names no session held after it, while the period under way names the next one', () => {
    // Today is 05/03/2026 at 10:00: a committee meets at 14:00, a plenary on 02/04/2026.
    expect(mapReport(data(), options()).outlook!.lines.join(' ')).not.toContain('Prochaine séance');
    expect(mapReport(data(), options({ from: '2026-01-01', to: '2026-12-31' })).outlook!.lines).toContain('Prochaine séance : comité technique du 05/03/2026.');
  });

  it('lists the members appointed on its last day, and today’s for the period under way', () => {
    const d = data();
    d.partners[0]!.members.push({ name: 'M. Jean Ancien', role: 'Directeur', fromOn: null, toOn: '2026-01-15' });
    const past = mapReport(d, options()).network!;
    expect(past.members.table.rows).toEqual([
      ['M. Jean Ancien', 'Directeur', 'Amicale du Nid'],
      ['Mme Hélène Desfontaines', 'Directrice', 'Amicale du Nid'],
    ]);
    expect(past.members.note).toBe('Composition de la commission au 31/12/2025, d’après les nominations enregistrées.');
    expect(past.paragraphs[0]).toContain('2 personnes siègent à la commission');
    // M. Ancien's appointment ended on 15/01/2026.
    const now = mapReport(d, options({ from: '2026-01-01', to: '2026-12-31' })).network!;
    expect(now.members.table.rows).toEqual([['Mme Hélène Desfontaines', 'Directrice', 'Amicale du Nid']]);
    expect(now.members.note).toBeNull();
  });

  it('counts a protocol that has expired since as in force at its end', () => {
    const d = data();
    // Convention Nid expired on 20/01/2026: at the end of 2025 it was signed, its review due within the window.
    d.protocols[1] = { ...d.protocols[1]!, status: 'expire', closedOn: '2026-01-20' };
    const v = mapReport(d, options());
    expect(v.protocols!.tables.find((t) => t.heading === 'À réviser ou à renouveler')!.table.rows.map((r) => r[0])).toContain('Convention Nid');
    expect(mapReport(d, options({ from: '2026-01-01', to: '2026-12-31' })).protocols!.tables.find((t) => t.heading === 'À réviser ou à renouveler')?.table.rows.map((r) => r[0]) ?? []).not.toContain('Convention Nid');
  });
});

describe('figures printed once-defined', () => {
  it('keeps the running totals of people and rights from the first request to the period’s end', () => {
    const d = data();
    d.parcours[0]!.rights = ['afis', 'hebergement'];
    d.parcours[1]!.rights = ['afis', 'titre_sejour'];
    const rows = Object.fromEntries(mapReport(d, options()).parcours!.table.rows.map((r) => [r[0]!.trim(), r.slice(1)]));
    // X, once in spite of its renewal; Y was refused. Nobody before 2025.
    expect(rows['Personnes entrées en parcours, en cumul']).toEqual(['1', '0', '+1']);
    expect(rows['dont droit ouvert : AFIS (aide financière)']).toEqual(['1', '0', '+1']);
    expect(rows['dont droit ouvert : titre de séjour']).toEqual(['1', '0', '+1']);
    expect(rows['dont droit ouvert : insertion professionnelle']).toEqual(['0', '0', '=']);
  });

  it('leaves out of the indicators table those the registers count, and says where they are', () => {
    const d = data();
    d.indicators.push({ ...d.indicators[0]!, name: 'Avis favorables', unit: 'avis' }, { ...d.indicators[0]!, name: 'Parcours de sortie en cours', unit: 'parcours' });
    const { indicators } = mapReport(d, options()).keyFigures!;
    expect(indicators.table.rows.map((r) => r[0])).toEqual(['Professionnels formés']);
    expect(indicators.note).toContain('« Avis favorables », « Parcours de sortie en cours » ne sont pas repris : les registres de la commission les comptent (partie « Parcours de sortie de la prostitution »).');
  });

  it('gives avis rendus as favourable and unfavourable only, an adjourned request apart', () => {
    const d = data();
    d.parcours.push({ chainId: 'Z', renewalNumber: 0, receivedOn: '2025-11-15', opinion: 'ajourne', opinionOn: '2025-12-01', decision: null, decisionOn: null, startsOn: null, endsOn: null, endReason: null, closedOn: null, rights: [] });
    expect(mapReport(d, options()).essentials).toContain(
      'Parcours de sortie de la prostitution : 3 premières demandes et 1 renouvellement ; 3 avis rendus, dont 2 favorables, 1 demande ajournée ; 1 personne en parcours au 31/12/2025 ; 1 personne entrée en parcours depuis la première demande enregistrée (01/02/2025).',
    );
  });
});
