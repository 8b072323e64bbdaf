import { describe, expect, it } from 'vitest';
import { mapPreview, mapReport, type ReportAction, type ReportData } from '../../src/main/documents/report/mapper';
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
    commission: { name: 'Commission départementale – Gironde', departmentName: 'Gironde', secretaryName: 'Mme Claire Martin' },
    logo: null,
    today: '2026-03-05',
    frameworks: [
      { code: 'plan', title: 'Plan national 2021', shortTitle: 'Plan 2021' },
      { code: 'snsp', title: 'Stratégie nationale 2024', shortTitle: 'Stratégie 2024' },
    ],
    nodes: [
      { id: 'p1', frameworkCode: 'plan', parentId: null, kind: 'priorite', label: 'Priorité 1', title: 'Sensibiliser' },
      { id: 'a1', frameworkCode: 'plan', parentId: 'p1', kind: 'mesure', label: 'Action 1', title: 'Espaces d’information' },
      { id: 'p2', frameworkCode: 'plan', parentId: null, kind: 'priorite', label: 'Priorité 2', title: 'Repérer' },
      { id: 'a4', frameworkCode: 'plan', parentId: 'p2', kind: 'mesure', label: 'Action 4', title: 'Former' },
      { id: 'x4', frameworkCode: 'snsp', parentId: null, kind: 'axe', label: 'Axe 4', title: 'Mineurs' },
      { id: 'm15', frameworkCode: 'snsp', parentId: 'x4', kind: 'mesure', label: 'Mesure 15', title: 'Prévenir' },
    ],
    actions: [
      action('A', { measureIds: ['a1', 'm15'], partners: ['Amicale du Nid'], startsOn: '2024-03-01', endsOn: '2026-06-30', createdOn: '2024-02-20' }),
      action('B', { measureIds: ['a1'], createdOn: '2024-05-20' }),
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
      { id: 'm0', kind: 'pleniere', title: null, startsAt: '2024-10-10T14:30', place: null, chair: null, present: 9, decisions: ['Ancienne'] },
      { id: 'm2', kind: 'pleniere', title: null, startsAt: '2026-04-02T14:30', place: 'Préfecture', chair: null, present: 0, decisions: [] },
    ],
    followUps: [
      { text: 'Ouverte', owner: 'ASE', dueOn: '2025-06-30', status: 'ouverte', closedOn: null, meetingKind: 'pleniere', meetingStartsAt: '2025-03-12T14:30' },
      { text: 'Close en 2025', owner: null, dueOn: null, status: 'close', closedOn: '2025-06-01', meetingKind: 'pleniere', meetingStartsAt: '2025-03-12T14:30' },
      { text: 'Close en 2026', owner: null, dueOn: '2026-01-31', status: 'close', closedOn: '2026-01-05', meetingKind: 'pleniere', meetingStartsAt: '2024-10-10T14:30' },
    ],
    partners: [
      { name: 'Amicale du Nid', type: 'association_sortie', domains: ['accompagnement'], address: '1 rue X', postcode: '33000', commune: 'Bordeaux', website: null, createdOn: '2023-01-01', contacts: [{ name: 'Mme Hélène Desfontaines', role: 'Directrice', email: 'h.d@nid.fr', phone: null, isMember: true }] },
      { name: 'Conseil départemental', type: 'conseil_departemental', domains: ['accompagnement', 'prevention'], address: null, postcode: null, commune: null, website: null, createdOn: '2025-05-01', contacts: [] },
      { name: 'Hôtel du Port', type: 'economique', domains: [], address: null, postcode: null, commune: null, website: null, createdOn: '2026-02-01', contacts: [] },
    ],
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
    const figures = Object.fromEntries(v.summary!.keyFigures.rows.map((r) => [r[0], r.slice(1)]));
    // A and B are followed in 2025; C closed in 2023, D did not exist yet.
    expect(figures['Fiches actions suivies']).toEqual(['2', '2', '=', '']);
    expect(figures['Fiches réalisées dans la période']).toEqual(['1', '0', '+1', '']);
    // End of 2025: A 60 %, B 100 % → 80 %; end of 2024: A 10 %, B 0 % → 5 %.
    expect(figures['Avancement moyen en fin de période']).toEqual(['80 %', '5 %', '+75 pts', 'Cible : 100 %']);
    expect(figures['Fiches en difficulté (météo nuage ou orage)']?.[0]).toBe('1');
    expect(figures['Faits d’avancement consignés au journal']?.slice(0, 2)).toEqual(['3', '2']);
    expect(figures['Indicateurs ayant atteint leur cible']?.[0]).toBe('0 sur 1');
    expect(figures['Séances tenues (dont plénières)']).toEqual(['1 (1)', '1 (1)', '=', 'Plénières : 2 au moins']);
    expect(figures['Décisions prises en séance']?.slice(0, 3)).toEqual(['6', '1', '+5']);
    expect(figures['Suites à donner soldées']?.[0]).toBe('1');
    expect(figures['Protocoles et conventions signés']?.slice(0, 2)).toEqual(['1', '0']);
    expect(figures['Structures du réseau partenarial']?.slice(0, 2)).toEqual(['2', '1']);
    expect(v.summary!.comparison).toBe('Comparaison avec la période précédente de même durée : année 2024, du 1er janvier 2024 au 31 décembre 2024.');
    expect(v.summary!.paragraphs[0]).toBe(
      'En 2025, la commission a suivi 2 fiches actions, dont 1 réalisée au cours de la période. En fin de période, l’avancement moyen atteint 80 % (5 % à la fin de la période précédente).',
    );
  });

  it('reads météos on PILOTE’s scale: soleil and couvert are favourable, nuage and orage in difficulty', () => {
    const withMeteo = (meteo: 'couvert' | 'nuage') => {
      const d = data();
      d.journal = d.journal.map((e) => (e.actionId === 'A' && e.entryOn === '2025-11-01' ? { ...e, meteo, meteoReason: null } : e));
      return mapReport(d, options());
    };
    const fair = withMeteo('couvert');
    expect(fair.summary!.paragraphs[1]).toBe('1 fiche reste à mener à la fin de la période : 1 avec une météo favorable (soleil ou couvert), 0 en difficulté (nuage ou orage).');
    const meteoChart = fair.summary!.charts.find((c) => c.title.startsWith('Météo'))!;
    expect(meteoChart.kind === 'stacked' && meteoChart.series.map((s) => s.label)).toEqual([
      'Soleil (objectifs sécurisés)',
      'Couvert (objectifs atteignables)',
      'Nuage (appuis nécessaires)',
      'Orage (objectifs compromis)',
      'Non renseignée',
    ]);
    const cloudy = withMeteo('nuage');
    expect(cloudy.summary!.paragraphs[1]).toContain('0 avec une météo favorable (soleil ou couvert), 1 en difficulté (nuage ou orage)');
  });

  it('describes a fiche once, under its first attachment, with its journal of the period and its indicators', () => {
    const v = mapReport(data(), options());
    const [plan, snsp] = v.frameworks!;
    const p1 = plan!.groups[0]!;
    expect(p1.heading).toBe('Priorité 1 – Sensibiliser');
    expect(p1.actions.map((a) => a.heading)).toEqual(['FA-A – Action A', 'FA-B – Action B']);
    const a = p1.actions[0]!;
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
      { date: '01/11/2025', text: 'Point du 2025-11-01 (météo : orage, avancement : 60 %)' },
    ]);
    // Latest value known by the end of 2025 (not the one of 2026); on 30 June the path expects ~50.
    expect(a.indicators!.rows).toEqual([['Professionnels formés', '0', '60\nau 30/06/2025', '20', '100\nau 31/12/2025', 'En bonne voie']]);
    // Shown under the Plan, mentioned under the Stratégie.
    expect(snsp!.groups[0]!.actions).toEqual([]);
    expect(snsp!.groups[0]!.alsoHere).toBe('1 autre fiche est rattachée à cette partie ; elle est présentée plus haut : FA-A.');
  });

  it('says so for a fiche without indicators and a measure without fiches', () => {
    const v = mapReport(data(), options());
    const b = v.frameworks![0]!.groups[0]!.actions[1]!;
    expect(b.indicators).toBeNull();
    expect(Object.fromEntries(b.facts)['Avancement']).toBe('100 % (0 % à la fin de la période précédente)');
    const p2 = v.frameworks![0]!.groups[1]!;
    expect(p2.heading).toBe('Priorité 2 – Repérer');
    expect(p2.actions).toEqual([]);
    expect(p2.summary).toBe('Aucune fiche action n’est rattachée à cette partie du référentiel pour la période.');
    const chart = v.frameworks![0]!.chart!;
    expect(chart.kind === 'bars' && chart.rows.map((r) => r.valueLabel)).toEqual(['80 % (2 fiches)', 'aucune fiche']);
  });

  it('lists protocols signed, due for renewal and ended, the sessions held and the follow-ups open at the end', () => {
    const v = mapReport(data(), options());
    expect(v.protocols!.signed.rows).toEqual([['Protocole hôtels', 'Protocole de repérage et de signalement', 'Préfecture, UMIH', '01/03/2025']]);
    // Review on 20 January 2026: within 60 days of the end of the period.
    expect(v.protocols!.due.rows).toEqual([['Convention Nid', 'Non renseignés', '20/01/2026', 'Révision à venir']]);
    expect(v.protocols!.ended.rows).toEqual([['Charte écoles', 'Charte', 'Expiré', '30/06/2025']]);
    expect(v.sessions!.held).toHaveLength(1);
    expect(v.sessions!.held[0]).toEqual({
      heading: 'Séance plénière du 12/03/2025',
      meta: 'Préfecture · présidée par M. le préfet · 12 participants présents',
      decisions: ['D1', 'D2', 'D3', 'D4', 'D5'],
      more: 'Et 1 autre décision, au relevé de la séance.',
    });
    // Open at the end of 2025: the one still open and the one closed in January 2026.
    expect(v.sessions!.openFollowUps.rows.map((r) => r[0])).toEqual(['Ouverte', 'Close en 2026']);
    expect(v.sessions!.openFollowUps.rows[0]![3]).toBe('30/06/2025\n(dépassée)');
  });

  it('sums up the network at the end of the period and leaves personal details out of the directory unless asked', () => {
    const v = mapReport(data(), options());
    expect(v.network!.paragraphs[0]).toBe(
      'À la fin de la période, le réseau compte 2 structures (1 à la fin de la période précédente), dont 1 nouvelle structure recensée pendant la période ; 1 personne siège à la commission.',
    );
    expect(v.network!.byDomain.rows.find((r) => r[0] === 'Accompagnement social')).toEqual(['Accompagnement social', '2', '100 %']);
    expect(v.network!.paragraphs[1]).toContain('hébergement / mise à l’abri');
    expect(v.directory!.groups.map((g) => g.heading)).toEqual(['Conseil départemental (ASE, PMI, prévention spécialisée) (1)', 'Association agréée parcours de sortie (1)']);
    expect(JSON.stringify(v.directory)).not.toContain('h.d@nid.fr');
    const withContacts = mapReport(data(), options({ includeContacts: true }));
    expect(withContacts.directory!.groups[1]!.table.rows[0]![3]).toBe('Mme Hélène Desfontaines, Directrice, h.d@nid.fr');
  });

  it('makes an empty period read as such, without charts', () => {
    const v = mapReport(data(), options({ from: '2010-01-01', to: '2010-12-31' }));
    expect(v.cover.periodLabel).toBe('Année 2010');
    expect(v.summary!.paragraphs[0]).toBe('Aucune fiche action n’a été suivie en 2010 : ni avancement consigné au journal, ni fiche en cours à la fin de la période.');
    expect(v.summary!.charts).toEqual([]);
    expect(v.summary!.indicators.rows).toEqual([]);
    expect(v.frameworks!.every((f) => f.chart === null && f.groups.every((g) => g.actions.length === 0))).toBe(true);
    expect(v.protocols!.signed.rows).toEqual([]);
    expect(v.sessions!.intro).toBe('La commission ne s’est pas réunie pendant la période.');
    expect(v.directory!.groups).toEqual([]);
  });

  it('leaves out the frameworks and parts not chosen', () => {
    const v = mapReport(data(), options({ frameworks: ['snsp'], sections: ['actions', 'annuaire'] }));
    expect(v.summary).toBeNull();
    expect(v.protocols).toBeNull();
    expect(v.frameworks!.map((f) => f.heading)).toEqual(['Stratégie nationale 2024']);
    // Its framework of first attachment is left out: A is described under the Stratégie.
    expect(v.frameworks![0]!.groups[0]!.actions.map((a) => a.heading)).toEqual(['FA-A – Action A']);
  });

  it('previews the counts the report will hold', () => {
    const p = mapPreview(data(), options());
    expect(p.periodLabel).toBe('année 2025');
    expect(p.previousLabel).toBe('année 2024');
    expect(p.frameworks.map((f) => [f.code, f.actions])).toEqual([
      ['plan', 2],
      ['snsp', 1],
    ]);
    expect(p.counts).toEqual({ actions: 2, journalEntries: 3, indicators: 1, protocolsSigned: 1, protocolsDue: 1, protocolsEnded: 1, sessions: 1, decisions: 6, openFollowUps: 2, partners: 2, contacts: 1 });
  });
});
