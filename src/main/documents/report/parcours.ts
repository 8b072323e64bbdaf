/**
 * The parcours de sortie in the bilan: the commission's legal mission, in the figures the State
 * collects (requests, avis, decisions, people in a parcours on the last day, exits, the running
 * totals of people and rights), for the period and the previous one, with people in a parcours
 * month by month. The figures themselves are defined in figures.ts.
 */
import { prefectForms } from '../../../shared/letters';
import { formatDate, formatInteger, formatNumber, plural } from '../../../shared/format';
import { parcoursEndReasons, parcoursExitReasons, parcoursRights } from '../../../shared/labels';
import { capitalize, lowerFirst } from '../../../shared/text';
import { FIGURE_LABELS } from './figures';
import type { ReportContext } from './mapper';
import { periodLabel, thePeriod } from './period';
import type { ReportView } from './view';

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** One sentence for « L’essentiel ». */
export function parcoursEssential(c: ReportContext): string {
  const now = c.now.parcours;
  if (now.firstRequests + now.renewals === 0 && now.inProgressAtEnd === 0 && now.totals.people === 0)
    return 'Parcours de sortie de la prostitution : aucune demande n’a été reçue pendant la période et personne n’est en parcours à sa fin.';
  const adjourned = now.adjournedOpinions ? `, ${plural(now.adjournedOpinions, 'demande ajournée', 'demandes ajournées')}` : '';
  const since = now.totals.since && now.totals.people ? ` ; ${plural(now.totals.people, 'personne entrée', 'personnes entrées')} en parcours depuis la première demande enregistrée (${formatDate(now.totals.since)})` : '';
  return (
    `Parcours de sortie de la prostitution : ${plural(now.firstRequests, 'première demande', 'premières demandes', 'aucune première demande')} et ${plural(now.renewals, 'renouvellement', 'renouvellements', 'aucun renouvellement')} ; ` +
    `${now.opinions ? `${plural(now.opinions, 'avis rendu', 'avis rendus')}, dont ${plural(now.favourableOpinions, 'favorable', 'favorables', 'aucun favorable')}` : 'aucun avis rendu'}${adjourned} ; ` +
    `${plural(now.inProgressAtEnd, 'personne', 'personnes', 'aucune personne')} en parcours au ${formatDate(now.asOf)}${since}.`
  );
}

/** « du préfet » or « de la préfète ». */
function prefectOf(c: ReportContext): string {
  return c.data.commission.prefectCivility === 'Mme' ? 'de la préfète' : 'du préfet';
}

export function parcoursPart(c: ReportContext): NonNullable<ReportView['parcours']> {
  const now = c.now.parcours;
  const before = c.before.parcours;
  const change = (a: number, b: number) => (a === b ? '=' : `${a > b ? '+' : '−'}${formatInteger(Math.abs(a - b))}`);
  const row = (label: string, a: number, b: number) => [label, formatInteger(a), formatInteger(b), change(a, b)];
  const months = (m: number | null) => (m === null ? '–' : `${formatNumber(Math.round(m * 10) / 10)} mois`);
  const L = FIGURE_LABELS;
  const rows = [
    row(L.firstRequests, now.firstRequests, before.firstRequests),
    row(L.renewals, now.renewals, before.renewals),
    row(L.favourableOpinions, now.favourableOpinions, before.favourableOpinions),
    row(L.unfavourableOpinions, now.unfavourableOpinions, before.unfavourableOpinions),
    row(L.adjournedOpinions, now.adjournedOpinions, before.adjournedOpinions),
    row(`Autorisations ${prefectOf(c)}`, now.authorisations, before.authorisations),
    row(`Refus ${prefectOf(c)}`, now.refusals, before.refusals),
    row(
      now.asOf === now.to ? 'Personnes en parcours le dernier jour' : `Personnes en parcours le ${formatDate(now.asOf)} (le dernier jour pour la période précédente)`,
      now.inProgressAtEnd,
      before.inProgressAtEnd,
    ),
    row(L.exits, now.exitsTotal, before.exitsTotal),
    ...parcoursExitReasons.filter((r) => now.exits[r] + before.exits[r] > 0).map((r) => row(`   dont ${lowerFirst(parcoursEndReasons.labels[r])}`, now.exits[r], before.exits[r])),
    [L.meanDuration, months(now.meanDurationMonths), months(before.meanDurationMonths), ''],
    row(L.peopleSince, now.totals.people, before.totals.people),
    ...parcoursRights.codes.map((r) => row(`   dont droit ouvert : ${lowerFirst(parcoursRights.labels[r])}`, now.totals.rights[r], before.totals.rights[r])),
  ];
  const monthly = now.monthly;
  return {
    intro:
      `La commission rend un avis sur chaque demande d’entrée ou de renouvellement d’un parcours de sortie de la prostitution ; ${prefectForms(c.data.commission.prefectCivility).title} décide. ` +
      `Les demandes sont suivies par leur référence, sans aucune donnée d’identité. Comparaison avec ${thePeriod(c.previous)}` +
      (now.totals.since ? ` ; les cumuls comptent les personnes depuis la première demande enregistrée, le ${formatDate(now.totals.since)}.` : '.'),
    table: {
      columns: [
        { title: 'Parcours de sortie', width: 0.46 },
        { title: capitalize(periodLabel(c.period).startsWith('période ') ? 'Période' : periodLabel(c.period)), width: 0.2, align: 'right' },
        { title: 'Période précédente', width: 0.2, align: 'right' },
        { title: 'Évolution', width: 0.14, align: 'right' },
      ],
      rows,
      emptyText: '',
    },
    chart:
      monthly.length < 2 || monthly.every((m) => m.inProgress === 0)
        ? null
        : {
            kind: 'columns',
            title: 'Personnes en parcours de sortie, à la fin de chaque mois',
            alt: `Personnes en parcours à la fin de chaque mois : ${monthly.map((m) => `${monthName(m.month)} ${m.inProgress}`).join(', ')}.`,
            note: null,
            columns: monthly.map((m) => ({ label: monthName(m.month, monthly.length > 12), value: m.inProgress })),
          },
  };
}

/** « 2025-03 » → « mars », or « mars 25 » when the chart spans more than a year. */
function monthName(month: string, withYear = false): string {
  const [y, m] = month.split('-') as [string, string];
  return `${MONTHS[Number(m) - 1]}${withYear ? ` ${y.slice(2)}` : ''}`;
}
