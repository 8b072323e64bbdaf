/**
 * Pure mapping from a commission's data to the view models of its progress report for a period:
 * the main document a préfet reads, the detailed fiche cards (annex B) and the directory rows.
 * What falls in the period, how things stood at its end and at the end of the previous period of
 * the same length. Unit-tested without docx.
 */
import { reportRecipients } from '../../../shared/letters';
import { meetingRules } from '../../../shared/meeting-rules';
import { formatInteger } from '../../../shared/format';
import { addDays, lastKnownDay } from '../../../shared/wallclock';
import type { ReportPreview } from '../../../shared/model/reports';
import { assessIndicator, isActive, summarizeActions } from '../../../shared/progress';
import type { ReportOptions, ReportSection } from '../../../shared/schemas/reports';
import { capitalize, lowerFirst } from '../../../shared/text';
import { followedIn, followUpOpenAt, heldIn, inDays, plan, Timeline, TROUBLED_METEOS, valuesUpTo, type ReportAction, type ReportData } from './data';
import { longDay, periodDates, periodLabel, previousPeriod, type Period } from './period';
import { annexActions, detailedFrameworks, difficulties, fichesInDifficulty, frameworkProgress } from './progress';
import { parcoursFigures, parcoursPart } from './parcours';
import { networkPart, protocolsPart, sessionsPart } from './registers';
import { essentials, keyFigures, outlook } from './summary';
import type { CoverView, DetailedView, ReportView } from './view';

export type { ReportAction, ReportData } from './data';

/** Figures of one period, computed the same way for the period and the one before. */
export interface Figures {
  actions: ReportAction[];
  /** Fiches under way or done at the end of the period. */
  engaged: number;
  completed: number;
  meanProgress: number | null;
  troubled: number;
  overdue: number;
  entries: number;
  indicatorsReached: number;
  indicatorsWithTarget: number;
  sessions: number;
  plenaries: number;
  decisions: number;
  followUpsClosed: number;
  protocolsSigned: number;
  partners: number;
}

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

function figures(data: ReportData, p: Period, t: Timeline, inScope: (a: ReportAction) => boolean): Figures {
  const actions = data.actions.filter((a) => inScope(a) && followedIn(a, p, t));
  const ids = new Set(actions.map((a) => a.id));
  const atEnd = actions.map((a) => t.stateAt(a, p.to));
  const dayBefore = addDays(p.from, -1);
  const indicators = data.indicators.filter((i) => ids.has(i.actionId) && i.target !== null && i.targetOn !== null);
  const meetings = data.meetings.filter((m) => heldIn(m, p, data.wallClock));
  const asOf = lastKnownDay(p.to, data.today);
  return {
    actions,
    engaged: atEnd.filter((s) => s.status === 'en_cours' || s.status === 'realisee').length,
    completed: actions.filter((a, k) => atEnd[k]!.status === 'realisee' && t.stateAt(a, dayBefore).status !== 'realisee').length,
    meanProgress: summarizeActions(atEnd).progress,
    troubled: atEnd.filter((s) => isActive(s.status) && s.meteo !== null && TROUBLED_METEOS.includes(s.meteo)).length,
    overdue: actions.filter((a, k) => isActive(atEnd[k]!.status) && a.endsOn !== null && a.endsOn < asOf).length,
    entries: actions.reduce((n, a) => n + t.inPeriod(a.id, p).length, 0),
    indicatorsReached: indicators.filter((i) => assessIndicator(plan(i), valuesUpTo(i, p.to)).kind === 'reached').length,
    indicatorsWithTarget: indicators.length,
    sessions: meetings.length,
    // The meetings that deliberate on departmental policy, which the rule of meetings a year counts.
    plenaries: meetings.filter((m) => meetingRules(m.kind).policy).length,
    decisions: meetings.reduce((n, m) => n + m.decisions.length, 0),
    followUpsClosed: data.followUps.filter((f) => f.status === 'close' && f.closedOn !== null && inDays(f.closedOn, p)).length,
    protocolsSigned: data.protocols.filter((x) => x.signedOn !== null && inDays(x.signedOn, p)).length,
    partners: data.partners.filter((x) => x.createdOn <= p.to).length,
  };
}

function reportContext(data: ReportData, options: ReportOptions): ReportContext {
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
  return { data, options, period, asOf: lastKnownDay(period.to, data.today), previous, t, frameworks, nodeById, topOf, now: figures(data, period, t, inScope), before: figures(data, previous, t, inScope) };
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
    dataAsOf: c.period.to >= data.today ? `Données arrêtées au ${longDay(data.today)}` : null,
    recipients: c.options.recipients || reportRecipients(data.commission.prefectCivility),
    producedBy: [`Document établi le ${longDay(data.today)}`, data.commission.secretaryName ? `par ${data.commission.secretaryName}, secrétariat de la commission` : 'par le secrétariat de la commission'].join(' '),
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
      difficulties: fichesInDifficulty(c).length,
      journalEntries: c.now.entries,
      parcoursRequests: (({ now }) => now.firstRequests + now.renewals)(parcoursFigures(c)),
      indicators: data.indicators.filter((i) => ids.has(i.actionId)).length,
      protocolsSigned: protocols.counts[0]!,
      protocolsDue: protocols.counts[1]!,
      protocolsEnded: protocols.counts[2]!,
      sessions: c.now.sessions,
      decisions: c.now.decisions,
      openFollowUps: data.followUps.filter((f) => followUpOpenAt(f, c.period.to)).length,
      partners: partners.length,
      members: partners.reduce((n, p) => n + p.members.length, 0),
      contacts: partners.reduce((n, p) => n + p.contactCount, 0),
    },
  };
}
