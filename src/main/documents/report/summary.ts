/**
 * The first pages of the bilan and its last word: « L’essentiel », the key figures with their
 * indicators and charts, and the outlook with the decisions asked of the commission.
 */
import { policyMeetingsRule, requiredPolicyMeetings } from '../../../shared/meeting-rules';
import { formatDate, formatInteger, formatNumber, joinFrench, plural } from '../../../shared/format';
import { addDays } from '../../../shared/wallclock';
import { actionStatuses, meetingKinds, meteos, meteoText } from '../../../shared/labels';
import { isActive } from '../../../shared/progress';
import { capitalize, lowerFirst } from '../../../shared/text';
import { deadline, indicatorName, latestUpTo, signedOnDay, TROUBLED_METEOS, type ReportAction, type ReportData, type ReportIndicator } from './data';
import { FIGURE_LABELS, registerFigurePart } from './figures';
import type { ReportContext } from './mapper';
import { duringPeriod, periodDates, periodLabel, type Period } from './period';
import { parcoursEssential } from './parcours';
import { returnsEssential } from './returns';
import { measuresWithoutFiche, statusText } from './progress';
import type { ChartSpec, ReportView, Table } from './view';
import { compareFrench } from '../../../shared/search';

const percent = (n: number | null) => (n === null ? '–' : `${formatInteger(n)} %`);
const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((100 * part) / whole));

/** « +3 », « −2 », « = » ; with a unit for percentages: « +12 pts ». */
function change(now: number | null, before: number | null, unit = ''): string {
  if (now === null || before === null) return '–';
  const delta = now - before;
  if (delta === 0) return '=';
  return `${delta > 0 ? '+' : '−'}${formatInteger(Math.abs(delta))}${unit}`;
}

/** The plenaries (the meetings deliberating on departmental policy) the period requires: meeting-rules.ts, requiredPolicyMeetings. */
export function plenaryTarget(p: Period): number {
  return requiredPolicyMeetings(p.from, p.to);
}

function troubledText(): string {
  return TROUBLED_METEOS.map((m) => lowerFirst(meteos.labels[m])).join(' ou ');
}

export function essentials(c: ReportContext): string[] {
  const { now, before, period } = c;
  const lines: string[] = [];
  if (now.actions.length === 0) {
    lines.push(`Aucune fiche action n’a été suivie ${duringPeriod(period)} : ni avancement consigné au journal, ni fiche en cours à la fin de la période.`);
  } else {
    lines.push(
      `${capitalize(duringPeriod(period))}, ${percent(share(now.engaged, now.actions.length))} des fiches actions suivies sont engagées ou réalisées (${formatInteger(now.engaged)} sur ${formatInteger(now.actions.length)}) ; ` +
        `l’avancement moyen atteint ${percent(now.meanProgress)}${before.meanProgress === null ? '' : `, contre ${percent(before.meanProgress)} à la fin de la période précédente`}.`,
    );
  }
  if (now.indicatorsWithTarget > 0) {
    const reached = now.indicatorsReached;
    const over = `sur ${formatInteger(now.indicatorsWithTarget)} ${now.indicatorsWithTarget === 1 ? 'doté' : 'dotés'} d’une cible datée`;
    lines.push(
      reached === 0
        ? `Aucun indicateur n’a encore atteint sa cible, ${over}.`
        : `${plural(reached, 'indicateur')} ${over} ${reached === 1 ? 'a atteint sa cible' : 'ont atteint leur cible'}.`,
    );
  }
  lines.push(plenariesEssential(now.plenaries, now.sessions - now.plenaries, plenaryTarget(period), period));
  const returns = returnsEssential(c.data, period);
  if (returns) lines.push(returns);
  lines.push(parcoursEssential(c));
  if (now.protocolsDue > 0) lines.push(`${capitalize(plural(now.protocolsDue, 'protocole ou convention est', 'protocoles ou conventions sont'))} à réviser ou à renouveler.`);
  const active = now.actions.map((a) => c.t.stateAt(a, period.to)).filter((s) => isActive(s.status));
  if (active.length > 0) {
    const good = active.filter((s) => s.meteo === 'soleil' || s.meteo === 'couvert').length;
    lines.push(
      `Sur ${plural(active.length, 'fiche restant', 'fiches restant')} à mener, ${good === 0 ? 'aucune n’a de' : `${formatInteger(good)} ${good > 1 ? 'ont' : 'a'} une`} météo favorable (soleil ou couvert) et ` +
        `${now.troubled === 0 ? 'aucune n’est' : `${formatInteger(now.troubled)} ${now.troubled > 1 ? 'sont' : 'est'}`} sous une météo ${troubledText()}.`,
    );
  }
  const overdue = now.overdue ? `, dont ${formatInteger(now.overdue)} ${now.overdue === 1 ? 'a dépassé sa date de fin sans être close' : 'ont dépassé leur date de fin sans être closes'}` : '';
  lines.push(
    now.inDifficulty > 0
      ? `Point d’attention : ${plural(now.inDifficulty, 'fiche est', 'fiches sont')} en difficulté à la fin de la période (partie « Fiches en difficulté »)${overdue}.`
      : `Aucune fiche n’est en difficulté à la fin de la période : aucune n’est suspendue, en retard ou sous une météo ${troubledText()}.`,
  );
  return lines;
}

/** Plenaries held against those the period requires, and the other sessions: one sentence whatever the counts. */
function plenariesEssential(plenaries: number, others: number, target: number, period: Period): string {
  const required = (noun: boolean) =>
    target === 0 ? '' : `, ${target === 1 ? `alors qu’une${noun ? ' séance plénière' : ''} est requise` : `alors que ${formatInteger(target)}${noun ? ' séances plénières' : ''} sont requises`} sur la période (${policyMeetingsRule(period.from, period.to)})`;
  if (plenaries > 0) {
    const also = others ? ` et ${plural(others, 'autre séance', 'autres séances')}` : '';
    // After the other sessions, « alors que » names the plenaries again.
    return `La commission a tenu ${plural(plenaries, 'séance plénière', 'séances plénières')}${also}${plenaries < target ? required(others > 0) : ''}.`;
  }
  return others ? `La commission a tenu ${plural(others, 'séance', 'séances')}, mais aucune séance plénière${required(false)}.` : `La commission ne s’est pas réunie${required(true)}.`;
}

export function keyFigures(c: ReportContext): NonNullable<ReportView['keyFigures']> {
  const { now, before, period, previous } = c;
  const row = (label: string, a: number, b: number, reference = '') => [label, formatInteger(a), formatInteger(b), change(a, b), reference];
  const L = FIGURE_LABELS;
  // « 0 sur 0 » would read as a failure where no indicator had a target.
  const reached = (f: typeof now) => (f.indicatorsWithTarget ? `${formatInteger(f.indicatorsReached)} sur ${formatInteger(f.indicatorsWithTarget)}` : '–');
  const table: Table = {
    columns: [
      { title: 'Indicateur', width: 0.38 },
      { title: periodLabel(period).startsWith('période ') ? 'Période' : capitalize(periodLabel(period)), width: 0.15, align: 'right' },
      { title: 'Période précédente', width: 0.15, align: 'right' },
      { title: 'Évolution', width: 0.13, align: 'right' },
      { title: 'Repère', width: 0.19 },
    ],
    rows: [
      row(L.actions, now.actions.length, before.actions.length),
      row(L.engaged, now.engaged, before.engaged),
      row(L.completed, now.completed, before.completed),
      [L.meanProgress, percent(now.meanProgress), percent(before.meanProgress), change(now.meanProgress, before.meanProgress, ' pts'), 'Cible : 100 %'],
      row(L.inDifficulty, now.inDifficulty, before.inDifficulty, 'À réduire'),
      row(`   dont sous une météo ${troubledText()}`, now.troubled, before.troubled, 'À réduire'),
      row('   dont date de fin dépassée', now.overdue, before.overdue, 'À réduire'),
      [
        L.indicatorsReached,
        reached(now),
        reached(before),
        now.indicatorsWithTarget || before.indicatorsWithTarget ? change(now.indicatorsReached, before.indicatorsReached) : '–',
        '',
      ],
      row(L.plenaries, now.plenaries, before.plenaries, plenaryTarget(period) ? `${formatInteger(plenaryTarget(period))} au moins` : capitalize(policyMeetingsRule(period.from, period.to))),
      row(L.otherSessions, now.sessions - now.plenaries, before.sessions - before.plenaries),
      row(L.decisions, now.decisions, before.decisions),
      row(L.followUpsClosed, now.followUpsClosed, before.followUpsClosed),
      row(L.protocolsSigned, now.protocolsSigned, before.protocolsSigned),
      row(L.partners, now.partners, before.partners),
    ],
    emptyText: '',
  };
  const { groups, fromRegisters } = indicatorGroups(c.data, now.actions, period, previous);
  const shown = groups.slice(0, MAX_INDICATORS);
  const registerParts = [...new Set(fromRegisters.map((x) => x.part))];
  const indicators = {
    heading: 'Indicateurs au regard des cibles',
    note:
      'Un indicateur n’est additionné qu’avec ceux de même nom et de même unité ; la colonne « Fiches » dit sur combien de fiches porte chaque somme (taux : moyenne). Dernière valeur connue à la fin de chaque période.' +
      (groups.length > shown.length ? ` Les ${formatInteger(shown.length)} indicateurs suivis par le plus de fiches sont présentés ici, sur ${formatInteger(groups.length)} ; les autres figurent dans les fiches détaillées.` : '') +
      // A figure the registers count would be added up over copies of one fiche and contradict the register's own.
      (fromRegisters.length
        ? ` ${fromRegisters.map((x) => `« ${x.label} »`).join(', ')} ${fromRegisters.length === 1 ? 'n’est pas repris' : 'ne sont pas repris'} : les registres de la commission les comptent (${registerParts.length === 1 ? 'partie' : 'parties'} ${joinFrench(registerParts.map((x) => `« ${x} »`))}).`
        : ''),
    table: {
      columns: [
        { title: 'Indicateur', width: 0.36 },
        { title: 'Fiches', width: 0.09, align: 'right' as const },
        { title: 'Fin de période', width: 0.15, align: 'right' as const },
        { title: 'Période précédente', width: 0.15, align: 'right' as const },
        { title: 'Cible', width: 0.13, align: 'right' as const },
        { title: 'Atteint', width: 0.12, align: 'right' as const },
      ],
      rows: shown.map((g) => [g.label, formatInteger(g.count), g.nowText, g.beforeText, g.targetText, g.share === null ? '–' : percent(Math.round(g.share))]),
      emptyText: 'Aucun indicateur n’est renseigné pour les fiches de la période.',
    },
  };
  return { comparison: `Comparaison avec la période précédente de même durée : ${periodLabel(previous)}, ${periodDates(previous)}.`, table, indicators, charts: charts(c) };
}

const MAX_INDICATORS = 12;

function charts(c: ReportContext): ChartSpec[] {
  const { now, period, frameworks, t } = c;
  const result: ChartSpec[] = [];
  if (now.actions.length > 0) {
    const codesOf = (a: ReportAction) => new Set(a.measureIds.map((id) => c.nodeById.get(id)?.frameworkCode).filter((code) => frameworks.some((f) => f.code === code)));
    const perFramework = frameworks.map((f) => now.actions.filter((a) => codesOf(a).has(f.code)).map((a) => t.stateAt(a, period.to)));
    const twice = now.actions.filter((a) => codesOf(a).size > 1).length;
    const note = twice > 0 ? `${capitalize(plural(twice, 'fiche rattachée', 'fiches rattachées'))} à plusieurs référentiels ${twice === 1 ? 'compte' : 'comptent'} dans chacun : les barres totalisent plus que les ${formatInteger(now.actions.length)} fiches suivies.` : null;
    const categories = frameworks.map((f) => f.shortTitle);
    result.push({
      kind: 'stacked',
      title: 'Fiches actions par statut, en fin de période',
      alt: `Fiches actions par statut : ${frameworks.map((f, k) => `${f.shortTitle}, ${statusText(perFramework[k]!)}`).join(' ; ')}.`,
      note,
      categories,
      series: actionStatuses.codes.map((code) => ({ key: code, label: actionStatuses.labels[code], values: perFramework.map((states) => states.filter((s) => s.status === code).length) })),
    });
    const meteoSeries = [
      ...meteos.codes.map((code) => ({ key: code, label: meteoText(code), values: perFramework.map((states) => states.filter((s) => isActive(s.status) && s.meteo === code).length) })),
      { key: 'none' as const, label: 'Non renseignée', values: perFramework.map((states) => states.filter((s) => isActive(s.status) && s.meteo === null).length) },
    ];
    result.push({
      kind: 'stacked',
      title: 'Météo des fiches restant à mener, en fin de période',
      alt: `Météo des fiches restant à mener : ${frameworks.map((f, k) => `${f.shortTitle}, ${meteoSeries.map((s) => `${lowerFirst(s.label)} ${s.values[k]}`).join(', ')}`).join(' ; ')}.`,
      note,
      categories,
      series: meteoSeries,
    });
  }
  return result;
}

interface IndicatorGroup {
  label: string;
  count: number;
  nowText: string;
  beforeText: string;
  targetText: string;
  /** Share of the summed targets reached, in per cent; null without targets or values. */
  share: number | null;
}

/**
 * Indicators of the same name and the same unit summed over the fiches that follow them
 * (« Professionnels formés » across every training action): the department’s figure. Rates (%)
 * are averaged. Most followed first.
 */
function indicatorGroups(data: ReportData, actions: ReportAction[], period: Period, previous: Period): { groups: IndicatorGroup[]; fromRegisters: { label: string; part: string }[] } {
  const ids = new Set(actions.map((a) => a.id));
  const groups = new Map<string, ReportIndicator[]>();
  const fromRegisters = new Map<string, { label: string; part: string }>();
  for (const i of data.indicators) {
    if (!ids.has(i.actionId)) continue;
    const part = registerFigurePart(i.name);
    if (part) {
      fromRegisters.set(i.name.trim().toLowerCase(), { label: i.name.trim(), part });
      continue;
    }
    const key = `${i.name.trim().toLowerCase()}|${(i.unit ?? '').trim().toLowerCase()}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  const rows = [...groups.values()].map((list): IndicatorGroup => {
    const first = list[0]!;
    const isRate = (first.unit ?? '').trim() === '%';
    const combine = (values: number[]) => (values.length === 0 ? null : isRate ? values.reduce((a, b) => a + b, 0) / values.length : values.reduce((a, b) => a + b, 0));
    const at = (day: string) => combine(list.map((i) => latestUpTo(i, day)?.value).filter((v): v is number => v !== undefined));
    const targeted = list.filter((i) => i.target !== null);
    const target = combine(targeted.map((i) => i.target!));
    const reachedOnTargeted = combine(targeted.map((i) => latestUpTo(i, period.to)?.value).filter((v): v is number => v !== undefined));
    const show = (v: number | null) => (v === null ? '–' : isRate ? `${formatNumber(Math.round(v))} %` : formatNumber(Math.round(v * 10) / 10));
    return {
      label: indicatorName(first),
      count: list.length,
      nowText: show(at(period.to)),
      beforeText: show(at(previous.to)),
      targetText: show(target),
      share: target !== null && target > 0 && reachedOnTargeted !== null ? (100 * reachedOnTargeted) / target : null,
    };
  });
  return { groups: rows.sort((a, b) => b.count - a.count || compareFrench(a.label, b.label)), fromRegisters: [...fromRegisters.values()].sort((a, b) => compareFrench(a.label, b.label)) };
}

export function outlook(c: ReportContext): NonNullable<ReportView['outlook']> {
  const { data, period, t, now } = c;
  const horizon = addDays(period.to, 182);
  const lines: string[] = [];
  const states = new Map(now.actions.map((a) => [a.id, t.stateAt(a, period.to)]));
  const starting = now.actions.filter((a) => states.get(a.id)!.status === 'a_lancer' && a.startsOn !== null && a.startsOn > period.to && a.startsOn <= horizon);
  const ending = now.actions.filter((a) => isActive(states.get(a.id)!.status) && a.endsOn !== null && a.endsOn > period.to && a.endsOn <= horizon);
  if (starting.length) lines.push(`${capitalize(plural(starting.length, 'fiche action doit démarrer', 'fiches actions doivent démarrer'))} dans les six mois qui suivent la période.`);
  if (ending.length) lines.push(`${capitalize(plural(ending.length, 'fiche action arrive', 'fiches actions arrivent'))} à échéance dans les six mois : ${ending.length === 1 ? 'son bilan sera présenté' : 'leur bilan sera présenté'} en séance.`);
  const renewals = data.protocols.filter((p) => signedOnDay(p, period.to) && deadline(p) !== null && deadline(p)! > period.to && deadline(p)! <= horizon);
  if (renewals.length) lines.push(`${capitalize(plural(renewals.length, 'protocole ou convention arrive', 'protocoles ou conventions arrivent'))} à échéance de révision ou de renouvellement dans les six mois.`);
  // A period that is over is told as it stood at its end: the sessions held since belong to the next bilan.
  const next = period.to >= data.today ? data.meetings.filter((m) => m.startsAt > data.wallClock).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0] : undefined;
  if (next) lines.push(`Prochaine séance : ${lowerFirst(meetingKinds.labels[next.kind])} du ${formatDate(next.startsAt.slice(0, 10))}${next.place ? `, ${next.place}` : ''}.`);
  if (lines.length === 0) lines.push('Aucune échéance n’est inscrite pour les six mois qui suivent la période.');

  const decisions: string[] = [];
  const target = plenaryTarget(period);
  if (now.plenaries < target) decisions.push(`Programmer ${target - now.plenaries === 1 ? 'la séance plénière manquante' : `les ${formatInteger(target - now.plenaries)} séances plénières manquantes`} : la commission se réunit en plénière ${policyMeetingsRule(period.from, period.to)}.`);
  if (now.protocolsDue) decisions.push(`Décider de la révision ou du renouvellement de ${plural(now.protocolsDue, 'protocole ou convention', 'protocoles ou conventions')} (partie « Protocoles et conventions »).`);
  if (now.troubled) decisions.push(`Arbitrer les appuis demandés par ${plural(now.troubled, 'fiche sous une météo', 'fiches sous une météo')} ${troubledText()} (partie « Fiches en difficulté »).`);
  if (now.overdue) decisions.push(`Revoir le calendrier de ${plural(now.overdue, 'fiche dont la date de fin est dépassée', 'fiches dont la date de fin est dépassée')}, ou les clore.`);
  const orphans = measuresWithoutFiche(c);
  if (orphans > 0) decisions.push(`Désigner un pilote et ouvrir une fiche locale pour ${plural(orphans, 'mesure nationale qui n’en a pas', 'mesures nationales qui n’en ont pas')}.`);
  if (decisions.length === 0) decisions.push('Aucune décision particulière n’est demandée à la commission pour cette période.');
  return { lines, decisions };
}
