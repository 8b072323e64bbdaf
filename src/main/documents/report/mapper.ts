/**
 * Pure mapping from a commission's data to the view models of its progress report for a period:
 * the main document a préfet reads, the detailed fiche cards (annex B) and the directory rows.
 * What falls in the period, how things stood at its end and at the end of the previous period of
 * the same length. Unit-tested without docx.
 */
import { reportRecipients } from '../../../shared/letters';
import { formatInteger } from '../../../shared/format';
import { formatDayMonthYear, lastKnownDay } from '../../../shared/wallclock';
import type { ReportPreview } from '../../../shared/model/reports';
import type { ReportOptions, ReportSection } from '../../../shared/schemas/reports';
import { capitalize, lowerFirst } from '../../../shared/text';
import { followedIn, followUpOpenAt, Timeline, type ReportAction, type ReportData } from './data';
import { periodFigures, type Figures } from './figures';
import { periodDates, periodLabel, previousPeriod, type Period } from './period';
import { annexActions, detailedFrameworks, difficulties, frameworkProgress } from './progress';
import { parcoursPart } from './parcours';
import { networkPart, protocolsPart, sessionsPart } from './registers';
import { essentials, keyFigures, outlook } from './summary';
import type { CoverView, DetailedView, ReportView } from './view';

export type { ReportAction, ReportData } from './data';
export type { Figures } from './figures';

/** Everything the parts of the report share. */
export interface ReportContext {
  data: ReportData;
  options: ReportOptions;
  period: Period;
  /** The period's last known day (lastKnownDay): a date passed before it is « dépassée », one after it is to come. */
  asOf: string;
  previous: Period;
  t: Timeline;
  /** The frameworks reported on, in catalogue order. */
  frameworks: ReportData['frameworks'];
  nodeById: Map<string, ReportData['nodes'][number]>;
  /** The top-level node (priorité, axe) above a node. */
  topOf(nodeId: string): string | null;
  now: Figures;
  before: Figures;
}

export function reportContext(data: ReportData, options: ReportOptions): ReportContext {
  const period: Period = { from: options.from, to: options.to };
  const previous = previousPeriod(period);
  const t = new Timeline(data.journal);
  const frameworks = data.frameworks.filter((f) => options.frameworks === null || options.frameworks.includes(f.code));
  const codes = new Set(frameworks.map((f) => f.code));
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const topOf = (id: string): string | null => {
    let node = nodeById.get(id);
    while (node && node.parentId !== null) node = nodeById.get(node.parentId);
    return node?.id ?? null;
  };
  const inScope = (a: ReportAction) => a.measureIds.some((id) => codes.has(nodeById.get(id)?.frameworkCode ?? '')) || (options.frameworks === null && a.measureIds.length === 0);
  return { data, options, period, asOf: lastKnownDay(period.to, data.today), previous, t, frameworks, nodeById, topOf, now: periodFigures(data, period, t, inScope), before: periodFigures(data, previous, t, inScope) };
}

const TITLE = 'Bilan d’avancement';

function cover(c: ReportContext, title: string): CoverView {
  const label = periodLabel(c.period);
  const { data } = c;
  return {
    logo: data.logo,
    commissionName: data.commission.name,
    departmentName: data.commission.departmentName,
    title,
    periodLabel: capitalize(label.startsWith('période ') ? periodDates(c.period) : label),
    // A period named by its dates is not named twice.
    periodDates: label.startsWith('période ') ? '' : `Période ${periodDates(c.period)}`,
    dataAsOf: c.period.to >= data.today ? `Données arrêtées au ${formatDayMonthYear(data.today)}` : null,
    recipients: c.options.recipients || reportRecipients(data.commission.prefectCivility),
    producedBy: [`Document établi le ${formatDayMonthYear(data.today)}`, data.commission.secretaryName ? `par ${data.commission.secretaryName}, secrétariat de la commission` : 'par le secrétariat de la commission'].join(' '),
  };
}

export function mapReport(data: ReportData, options: ReportOptions): ReportView {
  const c = reportContext(data, options);
  const label = periodLabel(c.period);
  const include = (s: ReportSection) => options.sections.includes(s);
  const protocols = include('protocoles') ? protocolsPart(c) : null;
  return {
    title: `${TITLE} – ${label}`,
    cover: cover(c, TITLE),
    runningHeader: `${TITLE} – ${label}`,
    runningFooter: `${data.commission.departmentName} – ${lowerFirst(TITLE)}, ${label}`,
    essentials: include('synthese') ? essentials(c) : null,
    keyFigures: include('synthese') ? keyFigures(c) : null,
    frameworks: include('actions') ? c.frameworks.map((f) => frameworkProgress(c, f)) : null,
    difficulties: include('difficultes') ? difficulties(c) : null,
    parcours: include('parcours') ? parcoursPart(c) : null,
    sessions: include('seances') ? sessionsPart(c) : null,
    protocols: protocols && { intro: protocols.intro, tables: protocols.tables },
    network: include('reseau') ? networkPart(c) : null,
    outlook: include('perspectives') ? outlook(c) : null,
    annexActions: include('annexe_fiches') ? annexActions(c, protocols?.annex ?? []) : null,
  };
}

/** Annex B: the full fiche cards of the period, in a file of its own. */
export function mapDetailed(data: ReportData, options: ReportOptions): DetailedView {
  const c = reportContext(data, options);
  const label = periodLabel(c.period);
  const title = `${TITLE} – fiches actions détaillées`;
  const n = c.now.actions.length;
  const its = n === 1 ? 'son' : 'leur';
  const what =
    n === 0
      ? 'aucune fiche action n’a été suivie sur la période.'
      : `${n === 1 ? 'la fiche action suivie' : `les ${formatInteger(n)} fiches actions suivies`} sur la période, avec ${its} état en fin de période et les faits consignés à ${its} journal pendant la période.`;
  return {
    title: `${title} – ${label}`,
    cover: cover(c, title),
    runningHeader: `${TITLE} – ${label} – annexe B`,
    runningFooter: `${data.commission.departmentName} – fiches actions détaillées, ${label}`,
    intro: `Annexe B du bilan d’avancement : ${what}`,
    frameworks: detailedFrameworks(c),
  };
}

// ---------------------------------------------------------------------------------------------
// What the report will hold, for the Rapports page before generating

export function mapPreview(data: ReportData, options: ReportOptions): ReportPreview {
  const c = reportContext(data, options);
  const ids = new Set(c.now.actions.map((a) => a.id));
  const protocols = protocolsPart(c);
  const followed = data.actions.filter((a) => followedIn(a, c.period, c.t));
  const ofFramework = (code: string) => followed.filter((a) => a.measureIds.some((id) => c.nodeById.get(id)?.frameworkCode === code)).length;
  const partners = data.partners.filter((p) => p.createdOn <= c.period.to);
  return {
    periodLabel: periodLabel(c.period),
    previousLabel: periodLabel(c.previous),
    frameworks: data.frameworks.map((f) => ({ code: f.code, shortTitle: f.shortTitle, title: f.title, actions: ofFramework(f.code) })),
    counts: {
      actions: c.now.actions.length,
      difficulties: c.now.inDifficulty,
      journalEntries: c.now.entries,
      parcoursRequests: c.now.parcours.firstRequests + c.now.parcours.renewals,
      indicators: data.indicators.filter((i) => ids.has(i.actionId)).length,
      protocolsSigned: protocols.counts[0]!,
      protocolsDue: protocols.counts[1]!,
      protocolsEnded: protocols.counts[2]!,
      sessions: c.now.sessions,
      decisions: c.now.decisions,
      openFollowUps: data.followUps.filter((f) => followUpOpenAt(f, c.period.to)).length,
      partners: partners.length,
      members: c.now.members,
      contacts: partners.reduce((n, p) => n + p.contactCount, 0),
    },
  };
}
