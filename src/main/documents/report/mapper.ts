/**
 * Pure mapping from a commission's data to the view model of its progress report for a period:
 * what falls in the period, how things stood at its end and at the end of the previous period of
 * the same length, and the sums a préfecture reads first. Unit-tested without docx.
 */
import { addDays, formatDate, formatInteger, formatNumber, plural } from '../../../shared/format';
import {
  actionStatuses,
  interventionDomains,
  meetingKinds,
  meteos,
  meteoText,
  partnerTypes,
  protocolKinds,
  protocolStatuses,
  type ActionStatus,
  type CatalogueNodeKind,
  type FollowUpStatus,
  type InterventionDomain,
  type MeetingKind,
  type Meteo,
  type PartnerType,
  type ProtocolKind,
  type ProtocolStatus,
} from '../../../shared/labels';
import { assessIndicator, isActive, stateFromJournal, summarizeActions, type ActionState, type IndicatorPoint } from '../../../shared/progress';
import { RENEWAL_WINDOW_DAYS } from '../../../shared/model/protocols';
import type { ReportPreview } from '../../../shared/model/reports';
import type { ReportOptions, ReportSection } from '../../../shared/schemas/reports';
import type { Logo } from '../common/view';
import { capitalize, daysBetween, duringPeriod, longDay, periodDates, periodLabel, previousPeriod, type Period } from './period';
import type { ActionBlock, ChartSpec, FrameworkSection, GroupSection, ReportView, Table } from './view';

// ---------------------------------------------------------------------------------------------
// Input: the commission's data, as plain rows (services/reports.ts reads them)

export interface ReportData {
  commission: { name: string; departmentName: string; secretaryName: string | null };
  logo: Logo | null;
  /** The day the report is produced (Paris). */
  today: string;
  frameworks: { code: string; title: string; shortTitle: string }[];
  /** In catalogue order. */
  nodes: { id: string; frameworkCode: string; parentId: string | null; kind: CatalogueNodeKind; label: string; title: string }[];
  actions: ReportAction[];
  journal: ReportJournalEntry[];
  indicators: ReportIndicator[];
  protocols: ReportProtocol[];
  meetings: { id: string; kind: MeetingKind; title: string | null; startsAt: string; place: string | null; chair: string | null; present: number; decisions: string[] }[];
  followUps: { text: string; owner: string | null; dueOn: string | null; status: FollowUpStatus; closedOn: string | null; meetingKind: MeetingKind; meetingStartsAt: string }[];
  partners: ReportPartner[];
}

export interface ReportAction {
  id: string;
  code: string | null;
  title: string;
  pilot: string | null;
  partners: string[];
  startsOn: string | null;
  endsOn: string | null;
  /** Day the fiche was created (Paris). */
  createdOn: string;
  /** The state the fiche holds now: used only when its journal is empty. */
  current: ActionState;
  /** Attached nodes of the catalogue, in framework and catalogue order. */
  measureIds: string[];
}

export interface ReportJournalEntry {
  actionId: string;
  entryOn: string;
  createdAt: string;
  text: string;
  status: ActionStatus | null;
  meteo: Meteo | null;
  meteoReason: string | null;
  progress: number | null;
}

export interface ReportIndicator {
  actionId: string;
  name: string;
  unit: string | null;
  baseline: number | null;
  baselineOn: string | null;
  target: number | null;
  targetOn: string | null;
  values: IndicatorPoint[];
}

export interface ReportProtocol {
  title: string;
  kind: ProtocolKind;
  status: ProtocolStatus;
  signedOn: string | null;
  endsOn: string | null;
  reviewOn: string | null;
  /** When it expired or was denounced, from its history. */
  closedOn: string | null;
  signatories: string[];
}

export interface ReportPartner {
  name: string;
  type: PartnerType;
  domains: InterventionDomain[];
  address: string | null;
  postcode: string | null;
  commune: string | null;
  website: string | null;
  createdOn: string;
  contacts: { name: string; role: string | null; email: string | null; phone: string | null; isMember: boolean }[];
}

// ---------------------------------------------------------------------------------------------
// How things stood on a day

/** A fiche before its first journal entry: the state createAction writes in that first entry. */
const NOT_STARTED: ActionState = { status: 'a_lancer', meteo: null, meteoReason: null, progress: 0 };

class Timeline {
  private readonly entries = new Map<string, ReportJournalEntry[]>();

  constructor(journal: readonly ReportJournalEntry[]) {
    for (const e of journal) {
      const list = this.entries.get(e.actionId);
      if (list) list.push(e);
      else this.entries.set(e.actionId, [e]);
    }
    for (const list of this.entries.values()) list.sort((a, b) => a.entryOn.localeCompare(b.entryOn) || a.createdAt.localeCompare(b.createdAt));
  }

  of(actionId: string): ReportJournalEntry[] {
    return this.entries.get(actionId) ?? [];
  }

  /** The fiche’s state at the end of `day`, from the journal entries written up to then. */
  stateAt(action: ReportAction, day: string): ActionState {
    const all = this.of(action.id);
    if (all.length === 0) return action.current;
    return stateFromJournal(
      all.filter((e) => e.entryOn <= day),
      NOT_STARTED,
    );
  }

  inPeriod(actionId: string, p: Period): ReportJournalEntry[] {
    return this.of(actionId).filter((e) => e.entryOn >= p.from && e.entryOn <= p.to);
  }
}

/**
 * A fiche belongs to a period when it existed by its end and either moved during it (journal
 * entries) or was still to be carried out at its end: a fiche closed earlier is history.
 */
function followedIn(a: ReportAction, p: Period, t: Timeline): boolean {
  return a.createdOn <= p.to && (t.inPeriod(a.id, p).length > 0 || isActive(t.stateAt(a, p.to).status));
}

function valuesUpTo(i: ReportIndicator, day: string): IndicatorPoint[] {
  return i.values.filter((v) => v.measuredOn <= day);
}

function latestUpTo(i: ReportIndicator, day: string): IndicatorPoint | null {
  const values = valuesUpTo(i, day);
  return values.length ? values.reduce((a, b) => (b.measuredOn >= a.measuredOn ? b : a)) : null;
}

const plan = (i: ReportIndicator) => ({ baseline: i.baseline, baselineOn: i.baselineOn, target: i.target, targetOn: i.targetOn });

/** Where a protocol’s watch date stands: its review date, else its end. */
const deadline = (p: ReportProtocol) => p.reviewOn ?? p.endsOn;

function followUpOpenAt(f: ReportData['followUps'][number], day: string): boolean {
  return f.meetingStartsAt.slice(0, 10) <= day && (f.status !== 'close' || (f.closedOn !== null && f.closedOn > day));
}

// ---------------------------------------------------------------------------------------------
// Figures of one period, computed the same way for the period and the one before

interface Figures {
  actions: ReportAction[];
  completed: number;
  meanProgress: number | null;
  stormy: number;
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

function figures(data: ReportData, p: Period, t: Timeline, inScope: (a: ReportAction) => boolean): Figures {
  const actions = data.actions.filter((a) => inScope(a) && followedIn(a, p, t));
  const ids = new Set(actions.map((a) => a.id));
  const atEnd = actions.map((a) => t.stateAt(a, p.to));
  const dayBefore = addDays(p.from, -1);
  const summary = summarizeActions(atEnd);
  const indicators = data.indicators.filter((i) => ids.has(i.actionId) && i.target !== null && i.targetOn !== null);
  const meetings = data.meetings.filter((m) => inDays(m.startsAt.slice(0, 10), p));
  return {
    actions,
    completed: actions.filter((a, k) => atEnd[k]!.status === 'realisee' && t.stateAt(a, dayBefore).status !== 'realisee').length,
    meanProgress: summary.progress,
    stormy: atEnd.filter((s) => isActive(s.status) && (s.meteo === 'orage' || s.meteo === 'nuage')).length,
    entries: actions.reduce((n, a) => n + t.inPeriod(a.id, p).length, 0),
    indicatorsReached: indicators.filter((i) => assessIndicator(plan(i), valuesUpTo(i, p.to)).kind === 'reached').length,
    indicatorsWithTarget: indicators.length,
    sessions: meetings.length,
    plenaries: meetings.filter((m) => m.kind === 'pleniere').length,
    decisions: meetings.reduce((n, m) => n + m.decisions.length, 0),
    followUpsClosed: data.followUps.filter((f) => f.status === 'close' && f.closedOn !== null && inDays(f.closedOn, p)).length,
    protocolsSigned: data.protocols.filter((x) => x.signedOn !== null && inDays(x.signedOn, p)).length,
    partners: data.partners.filter((x) => x.createdOn <= p.to).length,
  };
}

function inDays(day: string, p: Period): boolean {
  return day >= p.from && day <= p.to;
}

/** « +3 », « −2 », « = » ; with a unit for percentages: « +12 pts ». */
function change(now: number | null, before: number | null, unit = ''): string {
  if (now === null || before === null) return '–';
  const delta = now - before;
  if (delta === 0) return '=';
  return `${delta > 0 ? '+' : '−'}${formatInteger(Math.abs(delta))}${unit}`;
}

const percent = (n: number | null) => (n === null ? '–' : `${formatInteger(n)} %`);

// ---------------------------------------------------------------------------------------------
// The report

export function mapReport(data: ReportData, options: ReportOptions): ReportView {
  const period: Period = { from: options.from, to: options.to };
  const previous = previousPeriod(period);
  const label = periodLabel(period);
  const t = new Timeline(data.journal);
  const include = (s: ReportSection) => options.sections.includes(s);

  const frameworks = data.frameworks.filter((f) => options.frameworks === null || options.frameworks.includes(f.code));
  const frameworkCodes = new Set(frameworks.map((f) => f.code));
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const inScope = (a: ReportAction) => a.measureIds.some((id) => frameworkCodes.has(nodeById.get(id)?.frameworkCode ?? '')) || (options.frameworks === null && a.measureIds.length === 0);

  const now = figures(data, period, t, inScope);
  const before = figures(data, previous, t, inScope);
  const title = 'Bilan d’avancement';

  return {
    title: `${title} – ${label}`,
    cover: {
      logo: data.logo,
      commissionName: data.commission.name,
      departmentName: data.commission.departmentName,
      title,
      periodLabel: capitalize(label.startsWith('période ') ? periodDates(period) : label),
      // A period named by its dates is not named twice.
      periodDates: label.startsWith('période ') ? '' : `Période ${periodDates(period)}`,
      recipients: options.recipients,
      producedBy: [`Document établi le ${longDay(data.today)}`, data.commission.secretaryName ? `par ${data.commission.secretaryName}, secrétariat de la commission` : 'par le secrétariat de la commission'].join(' '),
    },
    runningHeader: `${title} – ${label}`,
    runningFooter: `${data.commission.departmentName} – ${title.toLowerCase()}, ${label}`,
    summary: include('synthese') ? summary(data, period, previous, now, before, t, frameworks) : null,
    frameworks: include('actions') ? frameworks.map((f) => frameworkSection(data, f, frameworks, period, previous, t, now.actions, nodeById)) : null,
    protocols: include('protocoles') ? protocolsPart(data, period) : null,
    sessions: include('seances') ? sessionsPart(data, period) : null,
    network: include('reseau') ? networkPart(data, period, previous) : null,
    directory: include('annuaire') ? directory(data, period, options.includeContacts) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Synthèse

function summary(
  data: ReportData,
  period: Period,
  previous: Period,
  now: Figures,
  before: Figures,
  t: Timeline,
  frameworks: ReportData['frameworks'],
): NonNullable<ReportView['summary']> {
  const years = (daysBetween(period.from, period.to) + 1) / 365.25;
  // The decree asks for at least two plenary sessions a year: pro rata for shorter periods.
  const plenaryTarget = Math.max(1, Math.round(2 * years));
  const keyFigures: Table = {
    columns: [
      { title: 'Indicateur', width: 0.38 },
      { title: periodLabel(period).startsWith('période ') ? 'Période' : capitalize(periodLabel(period)), width: 0.15, align: 'right' },
      { title: 'Période précédente', width: 0.15, align: 'right' },
      { title: 'Évolution', width: 0.13, align: 'right' },
      { title: 'Repère', width: 0.19 },
    ],
    rows: [
      ['Fiches actions suivies', formatInteger(now.actions.length), formatInteger(before.actions.length), change(now.actions.length, before.actions.length), ''],
      ['Fiches réalisées dans la période', formatInteger(now.completed), formatInteger(before.completed), change(now.completed, before.completed), ''],
      ['Avancement moyen en fin de période', percent(now.meanProgress), percent(before.meanProgress), change(now.meanProgress, before.meanProgress, ' pts'), 'Cible : 100 %'],
      ['Fiches en difficulté (météo nuage ou orage)', formatInteger(now.stormy), formatInteger(before.stormy), change(now.stormy, before.stormy), 'À réduire'],
      ['Faits d’avancement consignés au journal', formatInteger(now.entries), formatInteger(before.entries), change(now.entries, before.entries), ''],
      [
        'Indicateurs ayant atteint leur cible',
        `${formatInteger(now.indicatorsReached)} sur ${formatInteger(now.indicatorsWithTarget)}`,
        `${formatInteger(before.indicatorsReached)} sur ${formatInteger(before.indicatorsWithTarget)}`,
        change(now.indicatorsReached, before.indicatorsReached),
        '',
      ],
      ['Séances tenues (dont plénières)', `${formatInteger(now.sessions)} (${formatInteger(now.plenaries)})`, `${formatInteger(before.sessions)} (${formatInteger(before.plenaries)})`, change(now.sessions, before.sessions), `Plénières : ${plenaryTarget} au moins`],
      ['Décisions prises en séance', formatInteger(now.decisions), formatInteger(before.decisions), change(now.decisions, before.decisions), ''],
      ['Suites à donner soldées', formatInteger(now.followUpsClosed), formatInteger(before.followUpsClosed), change(now.followUpsClosed, before.followUpsClosed), ''],
      ['Protocoles et conventions signés', formatInteger(now.protocolsSigned), formatInteger(before.protocolsSigned), change(now.protocolsSigned, before.protocolsSigned), ''],
      ['Structures du réseau partenarial', formatInteger(now.partners), formatInteger(before.partners), change(now.partners, before.partners), ''],
    ],
    emptyText: '',
  };

  const paragraphs: string[] = [];
  if (now.actions.length === 0) {
    paragraphs.push(`Aucune fiche action n’a été suivie ${duringPeriod(period)} : ni avancement consigné au journal, ni fiche en cours à la fin de la période.`);
  } else {
    paragraphs.push(
      `${capitalize(duringPeriod(period))}, la commission a suivi ${plural(now.actions.length, 'fiche action', 'fiches actions')}, dont ${plural(now.completed, 'réalisée', 'réalisées')} au cours de la période. ` +
        `En fin de période, l’avancement moyen atteint ${percent(now.meanProgress)}` +
        (before.meanProgress === null ? '.' : ` (${percent(before.meanProgress)} à la fin de la période précédente).`),
    );
    const states = now.actions.map((a) => t.stateAt(a, period.to));
    const active = states.filter((s) => isActive(s.status));
    const good = active.filter((s) => s.meteo === 'soleil' || s.meteo === 'couvert').length;
    if (active.length > 0) {
      paragraphs.push(
        `${capitalize(plural(active.length, 'fiche reste', 'fiches restent'))} à mener à la fin de la période : ${formatInteger(good)} avec une météo favorable (soleil ou couvert), ` +
          `${formatInteger(now.stormy)} en difficulté (nuage ou orage)${now.stormy > 0 ? ', signalées dans les parties qui suivent' : ''}.`,
      );
    }
  }
  paragraphs.push(
    `La commission s’est réunie ${now.sessions === 0 ? 'aucune fois' : plural(now.sessions, 'fois', 'fois')}${now.plenaries > 0 ? `, dont ${plural(now.plenaries, 'séance plénière', 'séances plénières')}` : ''} ; ` +
      `${plural(now.decisions, 'décision a été prise', 'décisions ont été prises')} et ${plural(now.protocolsSigned, 'protocole ou convention signé', 'protocoles ou conventions signés')}.`,
  );

  const charts: ChartSpec[] = [];
  if (now.actions.length > 0) {
    const perFramework = frameworks.map((f) => {
      const ids = new Set(data.nodes.filter((n) => n.frameworkCode === f.code).map((n) => n.id));
      return now.actions.filter((a) => a.measureIds.some((id) => ids.has(id))).map((a) => t.stateAt(a, period.to));
    });
    const categories = frameworks.map((f) => f.shortTitle);
    charts.push({
      kind: 'stacked',
      title: 'Fiches actions par statut, en fin de période',
      alt: `Fiches actions par statut : ${frameworks.map((f, k) => `${f.shortTitle}, ${statusText(perFramework[k]!)}`).join(' ; ')}.`,
      categories,
      series: actionStatuses.codes.map((code) => ({ key: code, label: actionStatuses.labels[code], values: perFramework.map((states) => states.filter((s) => s.status === code).length) })),
    });
    const meteoSeries = [
      ...meteos.codes.map((code) => ({ key: code, label: meteoText(code), values: perFramework.map((states) => states.filter((s) => isActive(s.status) && s.meteo === code).length) })),
      { key: 'none' as const, label: 'Non renseignée', values: perFramework.map((states) => states.filter((s) => isActive(s.status) && s.meteo === null).length) },
    ];
    charts.push({
      kind: 'stacked',
      title: 'Météo des fiches restant à mener, en fin de période',
      alt: `Météo des fiches restant à mener : ${frameworks.map((f, k) => `${f.shortTitle}, ${meteoSeries.map((s) => `${s.label.toLowerCase()} ${s.values[k]}`).join(', ')}`).join(' ; ')}.`,
      categories,
      series: meteoSeries,
    });
  }

  const indicatorRows = indicatorGroups(data, now.actions, period, previous);
  const indicators: Table = {
    columns: [
      { title: 'Indicateur', width: 0.36 },
      { title: 'Fiches', width: 0.09, align: 'right' },
      { title: 'Fin de période', width: 0.15, align: 'right' },
      { title: 'Période précédente', width: 0.15, align: 'right' },
      { title: 'Cible', width: 0.13, align: 'right' },
      { title: 'Atteint', width: 0.12, align: 'right' },
    ],
    rows: indicatorRows.map((g) => [g.label, formatInteger(g.count), g.nowText, g.beforeText, g.targetText, g.share === null ? '–' : `${formatInteger(Math.round(g.share))} %`]),
    emptyText: 'Aucun indicateur n’est renseigné pour les fiches de la période.',
  };
  const charted = indicatorRows.filter((g) => g.share !== null).slice(0, 12);
  if (charted.length > 0) {
    charts.push({
      kind: 'bars',
      title: 'Indicateurs : part de la cible atteinte en fin de période',
      alt: `Part de la cible atteinte : ${charted.map((g) => `${g.label}, ${Math.round(g.share!)} %`).join(' ; ')}.`,
      rows: charted.map((g) => ({ label: g.label, value: Math.min(g.share!, 150), valueLabel: `${formatInteger(Math.round(g.share!))} %` })),
      max: Math.max(100, Math.min(150, Math.ceil(Math.max(...charted.map((g) => g.share!)) / 25) * 25)),
      reference: { value: 100, label: 'Cible' },
    });
  }

  const comparison = `Comparaison avec la période précédente de même durée : ${periodLabel(previous)}, ${periodDates(previous)}.`;
  return { paragraphs, comparison, keyFigures, indicators, charts, outlook: outlook(data, period, t, now.actions) };
}

function statusText(states: ActionState[]): string {
  return actionStatuses.codes
    .map((code) => [code, states.filter((s) => s.status === code).length] as const)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${actionStatuses.labels[code].toLowerCase()} ${n}`)
    .join(', ') || 'aucune fiche';
}

/** « Élèves sensibilisés », « Enquêteurs formés (enquêteurs) » is redundant; « Part des fugues… (%) » is not. */
function indicatorName(i: Pick<ReportIndicator, 'name' | 'unit'>): string {
  const unit = (i.unit ?? '').trim();
  if (!unit) return i.name;
  const stem = unit.toLowerCase().replace(/s$/, '');
  return i.name.toLowerCase().includes(stem) ? i.name : `${i.name} (${unit})`;
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
 * Indicators of the same name and unit summed over the fiches that follow them (« Professionnels
 * formés » across every training action): the department’s figure. Rates (%) are averaged.
 */
function indicatorGroups(data: ReportData, actions: ReportAction[], period: Period, previous: Period): IndicatorGroup[] {
  const ids = new Set(actions.map((a) => a.id));
  const groups = new Map<string, ReportIndicator[]>();
  for (const i of data.indicators) {
    if (!ids.has(i.actionId)) continue;
    const key = `${i.name.trim().toLowerCase()}|${(i.unit ?? '').trim().toLowerCase()}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  const rows = [...groups.values()].map((list): IndicatorGroup & { sortKey: number } => {
    const first = list[0]!;
    const isRate = (first.unit ?? '').trim() === '%';
    const combine = (values: number[]) => (values.length === 0 ? null : isRate ? values.reduce((a, b) => a + b, 0) / values.length : values.reduce((a, b) => a + b, 0));
    const at = (day: string) => combine(list.map((i) => latestUpTo(i, day)?.value).filter((v): v is number => v !== undefined));
    const nowValue = at(period.to);
    const beforeValue = at(previous.to);
    const targeted = list.filter((i) => i.target !== null);
    const target = combine(targeted.map((i) => i.target!));
    const reachedOnTargeted = combine(targeted.map((i) => latestUpTo(i, period.to)?.value).filter((v): v is number => v !== undefined));
    const share = target !== null && target > 0 && reachedOnTargeted !== null ? (100 * reachedOnTargeted) / target : null;
    const show = (v: number | null) => (v === null ? '–' : isRate ? `${formatNumber(Math.round(v))} %` : formatNumber(Math.round(v * 10) / 10));
    return { label: indicatorName(first), count: list.length, nowText: show(nowValue), beforeText: show(beforeValue), targetText: show(target), share, sortKey: list.length };
  });
  return rows.sort((a, b) => b.sortKey - a.sortKey || a.label.localeCompare(b.label, 'fr')).map(({ sortKey: _sortKey, ...row }) => row);
}

function outlook(data: ReportData, period: Period, t: Timeline, actions: ReportAction[]): string[] {
  const horizon = addDays(period.to, 182);
  const lines: string[] = [];
  const states = new Map(actions.map((a) => [a.id, t.stateAt(a, period.to)]));
  const starting = actions.filter((a) => states.get(a.id)!.status === 'a_lancer' && a.startsOn !== null && a.startsOn > period.to && a.startsOn <= horizon);
  const ending = actions.filter((a) => isActive(states.get(a.id)!.status) && a.endsOn !== null && a.endsOn > period.to && a.endsOn <= horizon);
  const late = actions.filter((a) => isActive(states.get(a.id)!.status) && a.endsOn !== null && a.endsOn <= period.to);
  if (starting.length) lines.push(`${capitalize(plural(starting.length, 'fiche action doit démarrer', 'fiches actions doivent démarrer'))} dans les six mois qui suivent la période.`);
  if (ending.length) lines.push(`${capitalize(plural(ending.length, 'fiche action arrive', 'fiches actions arrivent'))} à échéance dans les six mois : leur bilan sera présenté en séance.`);
  if (late.length) lines.push(`${capitalize(plural(late.length, 'fiche action a dépassé', 'fiches actions ont dépassé'))} sa date de fin sans être close : ${late.length === 1 ? 'son calendrier est à revoir' : 'leur calendrier est à revoir'}.`);
  const renewals = data.protocols.filter((p) => p.status === 'signe' && deadline(p) !== null && deadline(p)! > period.to && deadline(p)! <= horizon);
  if (renewals.length) lines.push(`${capitalize(plural(renewals.length, 'protocole ou convention arrive', 'protocoles ou conventions arrivent'))} à échéance de révision ou de renouvellement dans les six mois.`);
  const next = data.meetings.filter((m) => m.startsAt.slice(0, 10) > period.to).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  if (next) lines.push(`Prochaine séance : ${meetingKinds.labels[next.kind].toLowerCase()} du ${formatDate(next.startsAt.slice(0, 10))}${next.place ? `, ${next.place}` : ''}.`);
  if (lines.length === 0) lines.push('Aucune échéance n’est inscrite pour les six mois qui suivent la période.');
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Avancement par référentiel → priorité ou objectif → fiche action

function frameworkSection(
  data: ReportData,
  framework: ReportData['frameworks'][number],
  included: ReportData['frameworks'],
  period: Period,
  previous: Period,
  t: Timeline,
  actions: ReportAction[],
  nodeById: Map<string, ReportData['nodes'][number]>,
): FrameworkSection {
  const tops = data.nodes.filter((n) => n.frameworkCode === framework.code && n.parentId === null);
  const topOf = (id: string): string | null => {
    let node = nodeById.get(id);
    while (node && node.parentId !== null) node = nodeById.get(node.parentId);
    return node?.id ?? null;
  };
  const order = new Map(included.map((f, k) => [f.code, k]));
  // A fiche attached in several places is described once, under its first attachment among the frameworks reported on.
  const home = (a: ReportAction): string | null => {
    const attached = a.measureIds.filter((id) => order.has(nodeById.get(id)?.frameworkCode ?? ''));
    attached.sort((x, y) => order.get(nodeById.get(x)!.frameworkCode)! - order.get(nodeById.get(y)!.frameworkCode)!);
    return attached.length ? topOf(attached[0]!) : null;
  };

  const all = actions.filter((a) => a.measureIds.some((id) => nodeById.get(id)?.frameworkCode === framework.code));
  const groups: GroupSection[] = tops.map((top) => {
    const here = all.filter((a) => a.measureIds.some((id) => topOf(id) === top.id));
    const own = here.filter((a) => home(a) === top.id);
    const elsewhere = here.filter((a) => home(a) !== top.id);
    const states = here.map((a) => t.stateAt(a, period.to));
    const s = summarizeActions(states);
    return {
      heading: `${top.label} – ${top.title}`,
      summary:
        here.length === 0
          ? 'Aucune fiche action n’est rattachée à cette partie du référentiel pour la période.'
          : `${capitalize(plural(here.length, 'fiche action', 'fiches actions'))} · avancement moyen ${percent(s.progress)} · ${statusText(states)}${s.meteo ? ` · météo d’ensemble : ${meteoText(s.meteo).toLowerCase()}` : ''}.`,
      actions: own.map((a) => actionBlock(a, data, period, previous, t, nodeById)),
      // By reference only (their code when they have one): a long list of titles would fill pages.
      alsoHere: elsewhere.length
        ? `${capitalize(plural(elsewhere.length, 'autre fiche est rattachée', 'autres fiches sont rattachées'))} à cette partie ; ${elsewhere.length === 1 ? 'elle est présentée' : 'elles sont présentées'} plus haut : ${elsewhere.map((a) => a.code ?? a.title).join(', ')}.`
        : null,
    };
  });
  const states = all.map((a) => t.stateAt(a, period.to));
  const s = summarizeActions(states);
  const charted = tops.map((top) => {
    const here = all.filter((a) => a.measureIds.some((id) => topOf(id) === top.id));
    return { top, progress: summarizeActions(here.map((a) => t.stateAt(a, period.to))).progress, count: here.length };
  });
  return {
    heading: framework.title,
    summary:
      all.length === 0
        ? 'Aucune fiche action de ce référentiel n’a été suivie sur la période.'
        : `${capitalize(plural(all.length, 'fiche action suivie', 'fiches actions suivies'))} sur la période · avancement moyen en fin de période : ${percent(s.progress)} · ${statusText(states)}.`,
    chart:
      all.length === 0
        ? null
        : {
            kind: 'bars',
            title: `Avancement moyen par ${tops[0]?.kind === 'objectif' ? 'objectif' : tops[0]?.kind === 'axe' ? 'axe' : 'priorité'}, en fin de période`,
            alt: `Avancement moyen : ${charted.map((c) => `${c.top.label}, ${c.progress === null ? 'aucune fiche' : `${c.progress} %`}`).join(' ; ')}.`,
            rows: charted.map((c) => ({
              label: `${c.top.label} – ${c.top.title}`,
              value: c.progress ?? 0,
              valueLabel: c.progress === null ? 'aucune fiche' : `${c.progress} % (${plural(c.count, 'fiche', 'fiches')})`,
            })),
            max: 100,
            reference: null,
          },
    groups,
  };
}

function actionName(a: ReportAction): string {
  return a.code ? `${a.code} – ${a.title}` : a.title;
}

function dates(a: ReportAction): string {
  if (a.startsOn && a.endsOn) return `Du ${formatDate(a.startsOn)} au ${formatDate(a.endsOn)}`;
  if (a.startsOn) return `À partir du ${formatDate(a.startsOn)}`;
  if (a.endsOn) return `Jusqu’au ${formatDate(a.endsOn)}`;
  return 'Non précisé';
}

function actionBlock(a: ReportAction, data: ReportData, period: Period, previous: Period, t: Timeline, nodeById: Map<string, ReportData['nodes'][number]>): ActionBlock {
  const end = t.stateAt(a, period.to);
  const before = a.createdOn <= previous.to ? t.stateAt(a, previous.to) : null;
  const frameworks = new Map(data.frameworks.map((f) => [f.code, f.shortTitle]));
  const measures = a.measureIds.map((id) => nodeById.get(id)).filter((n) => n !== undefined).map((n) => `${frameworks.get(n.frameworkCode) ?? n.frameworkCode} · ${n.label}`);
  const facts: [string, string][] = [
    ['Mesures nationales', measures.join(' ; ') || 'Aucune'],
    ['Pilote', a.pilot ?? 'À désigner'],
    ['Contributeurs', a.partners.join(', ') || 'Aucun'],
    ['Calendrier', dates(a)],
    ['Statut en fin de période', actionStatuses.labels[end.status]],
    ['Météo', end.meteo ? `${meteoText(end.meteo)}${end.meteoReason ? ` – ${end.meteoReason}` : ''}` : 'Non renseignée'],
    ['Avancement', `${end.progress} %${before ? ` (${before.progress} % à la fin de la période précédente)` : ''}`],
  ];
  const indicators = data.indicators.filter((i) => i.actionId === a.id);
  const show = (v: number | null | undefined, unit: string | null) => (v === null || v === undefined ? '–' : `${formatNumber(v)}${unit === '%' ? ' %' : ''}`);
  const assessment = (i: ReportIndicator) => {
    const r = assessIndicator(plan(i), valuesUpTo(i, period.to));
    return { no_value: 'Pas encore de valeur', no_target: 'Sans cible datée', reached: 'Cible atteinte', on_track: 'En bonne voie', behind: 'En retard' }[r.kind];
  };
  return {
    heading: actionName(a),
    facts,
    indicators:
      indicators.length === 0
        ? null
        : {
            columns: [
              { title: 'Indicateur', width: 0.3 },
              { title: 'Départ', width: 0.1, align: 'right' },
              { title: 'Fin de période', width: 0.15, align: 'right' },
              { title: 'Période précédente', width: 0.15, align: 'right' },
              { title: 'Cible', width: 0.13, align: 'right' },
              { title: 'Appréciation', width: 0.17 },
            ],
            rows: indicators.map((i) => {
              const latest = latestUpTo(i, period.to);
              return [
                indicatorName(i),
                show(i.baseline, i.unit),
                latest ? `${show(latest.value, i.unit)}\nau ${formatDate(latest.measuredOn)}` : '–',
                show(latestUpTo(i, previous.to)?.value, i.unit),
                i.target === null ? '–' : `${show(i.target, i.unit)}${i.targetOn ? `\nau ${formatDate(i.targetOn)}` : ''}`,
                assessment(i),
              ];
            }),
            emptyText: '',
          },
    journal: t.inPeriod(a.id, period).map((e) => ({ date: formatDate(e.entryOn), text: journalText(e) })),
    journalEmpty: 'Aucun fait d’avancement n’a été consigné au journal pendant la période.',
  };
}

function journalText(e: ReportJournalEntry): string {
  const changes = [
    e.status && `statut : ${actionStatuses.labels[e.status].toLowerCase()}`,
    e.meteo && `météo : ${meteos.labels[e.meteo].toLowerCase()}`,
    e.progress !== null && `avancement : ${e.progress} %`,
  ].filter(Boolean);
  return changes.length ? `${e.text} (${changes.join(', ')})` : e.text;
}

// ---------------------------------------------------------------------------------------------
// Protocoles, séances, réseau, annuaire

function protocolsPart(data: ReportData, period: Period): NonNullable<ReportView['protocols']> {
  const byDate = (day: (p: ReportProtocol) => string | null) => (a: ReportProtocol, b: ReportProtocol) => (day(a) ?? '').localeCompare(day(b) ?? '');
  const signed = data.protocols.filter((p) => p.signedOn !== null && inDays(p.signedOn, period)).sort(byDate((p) => p.signedOn));
  const horizon = addDays(period.to, RENEWAL_WINDOW_DAYS);
  const due = data.protocols
    .filter((p) => p.status === 'signe' && p.signedOn !== null && p.signedOn <= period.to && deadline(p) !== null && deadline(p)! <= horizon)
    .sort(byDate(deadline));
  const closedOn = (p: ReportProtocol) => p.closedOn ?? (p.status === 'expire' ? p.endsOn : null);
  const ended = data.protocols.filter((p) => (p.status === 'expire' || p.status === 'denonce') && closedOn(p) !== null && inDays(closedOn(p)!, period)).sort(byDate(closedOn));
  const signers = (p: ReportProtocol) => p.signatories.join(', ') || 'Non renseignés';
  return {
    intro: `${capitalize(plural(signed.length, 'protocole ou convention signé', 'protocoles ou conventions signés'))} pendant la période, ${plural(due.length, 'à réviser ou renouveler', 'à réviser ou renouveler')} (échéance dépassée ou dans les ${RENEWAL_WINDOW_DAYS} jours suivant la période), ${plural(ended.length, 'arrivé à échéance ou dénoncé', 'arrivés à échéance ou dénoncés')}.`,
    signed: {
      columns: [
        { title: 'Protocole ou convention', width: 0.34 },
        { title: 'Nature', width: 0.2 },
        { title: 'Signataires', width: 0.3 },
        { title: 'Signé le', width: 0.16 },
      ],
      rows: signed.map((p) => [p.title, protocolKinds.labels[p.kind], signers(p), formatDate(p.signedOn)]),
      emptyText: 'Aucun protocole ni convention n’a été signé pendant la période.',
    },
    due: {
      columns: [
        { title: 'Protocole ou convention', width: 0.38 },
        { title: 'Signataires', width: 0.32 },
        { title: 'Échéance', width: 0.14 },
        { title: 'Situation', width: 0.16 },
      ],
      rows: due.map((p) => [p.title, signers(p), formatDate(deadline(p)), deadline(p)! < period.to ? 'Échéance dépassée' : p.reviewOn ? 'Révision à venir' : 'Fin à venir']),
      emptyText: 'Aucun protocole signé n’arrive à échéance de révision ou de renouvellement.',
    },
    ended: {
      columns: [
        { title: 'Protocole ou convention', width: 0.38 },
        { title: 'Nature', width: 0.24 },
        { title: 'Situation', width: 0.2 },
        { title: 'Depuis le', width: 0.18 },
      ],
      rows: ended.map((p) => [p.title, protocolKinds.labels[p.kind], protocolStatuses.labels[p.status], formatDate(closedOn(p))]),
      emptyText: 'Aucun protocole n’est arrivé à échéance ni n’a été dénoncé pendant la période.',
    },
  };
}

const MAIN_DECISIONS = 5;

function sessionsPart(data: ReportData, period: Period): NonNullable<ReportView['sessions']> {
  const held = data.meetings.filter((m) => inDays(m.startsAt.slice(0, 10), period)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const open = data.followUps.filter((f) => followUpOpenAt(f, period.to)).sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  const kinds = meetingKinds.codes.map((k) => [k, held.filter((m) => m.kind === k).length] as const).filter(([, n]) => n > 0);
  return {
    intro:
      held.length === 0
        ? 'La commission ne s’est pas réunie pendant la période.'
        : `${capitalize(plural(held.length, 'séance tenue', 'séances tenues'))} pendant la période : ${kinds.map(([k, n]) => `${meetingKinds.labels[k].toLowerCase()} (${n})`).join(', ')}.`,
    held: held.map((m) => ({
      heading: `${meetingKinds.labels[m.kind]} du ${formatDate(m.startsAt.slice(0, 10))}${m.title ? ` – ${m.title}` : ''}`,
      meta: [m.place, m.chair && `présidée par ${m.chair}`, `${plural(m.present, 'participant présent', 'participants présents')}`].filter(Boolean).join(' · '),
      decisions: m.decisions.slice(0, MAIN_DECISIONS),
      more: m.decisions.length > MAIN_DECISIONS ? `Et ${plural(m.decisions.length - MAIN_DECISIONS, 'autre décision', 'autres décisions')}, au relevé de la séance.` : m.decisions.length === 0 ? 'Aucune décision n’a été consignée.' : null,
    })),
    openFollowUps: {
      columns: [
        { title: 'Suite à donner', width: 0.38 },
        { title: 'Responsable', width: 0.24 },
        { title: 'Décidée en', width: 0.2 },
        { title: 'Échéance', width: 0.18 },
      ],
      rows: open.map((f) => [
        f.text,
        f.owner ?? 'À désigner',
        `${meetingKinds.labels[f.meetingKind]}\ndu ${formatDate(f.meetingStartsAt.slice(0, 10))}`,
        f.dueOn ? `${formatDate(f.dueOn)}${f.dueOn < period.to ? '\n(dépassée)' : ''}` : 'Sans échéance',
      ]),
      emptyText: 'Aucune suite à donner n’était ouverte à la fin de la période.',
    },
  };
}

function networkPart(data: ReportData, period: Period, previous: Period): NonNullable<ReportView['network']> {
  const partners = data.partners.filter((p) => p.createdOn <= period.to);
  const added = partners.filter((p) => p.createdOn >= period.from).length;
  const members = partners.reduce((n, p) => n + p.contacts.filter((c) => c.isMember).length, 0);
  const beforeCount = data.partners.filter((p) => p.createdOn <= previous.to).length;
  const byType = partnerTypes.codes.map((code) => [code, partners.filter((p) => p.type === code).length] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const byDomain = interventionDomains.codes.map((code) => [code, partners.filter((p) => p.domains.includes(code)).length] as const);
  const gaps = byDomain.filter(([, n]) => n === 0).map(([code]) => interventionDomains.labels[code].toLowerCase());
  const share = (n: number) => {
    if (partners.length === 0) return '–';
    const rounded = Math.round((100 * n) / partners.length);
    return rounded === 0 && n > 0 ? '< 1 %' : `${formatInteger(rounded)} %`;
  };
  const paragraphs = [
    `À la fin de la période, le réseau compte ${plural(partners.length, 'structure', 'structures')} (${formatInteger(beforeCount)} à la fin de la période précédente), dont ${plural(added, 'nouvelle structure recensée', 'nouvelles structures recensées')} pendant la période ; ${plural(members, 'personne siège', 'personnes siègent')} à la commission.`,
    gaps.length
      ? `Aucune structure recensée n’intervient dans les domaines suivants : ${gaps.join(', ')}. Ces manques sont à combler, avec l’appui du centre de ressources national si besoin.`
      : 'Chaque domaine d’intervention compte au moins une structure du réseau.',
  ];
  return {
    paragraphs,
    byType: {
      columns: [
        { title: 'Type de structure', width: 0.64 },
        { title: 'Structures', width: 0.18, align: 'right' },
        { title: 'Part', width: 0.18, align: 'right' },
      ],
      rows: byType.map(([code, n]) => [partnerTypes.labels[code], formatInteger(n), share(n)]),
      emptyText: 'Aucune structure n’est recensée.',
    },
    byDomain: {
      columns: [
        { title: 'Domaine d’intervention', width: 0.64 },
        { title: 'Structures', width: 0.18, align: 'right' },
        { title: 'Part', width: 0.18, align: 'right' },
      ],
      rows: byDomain.map(([code, n]) => [interventionDomains.labels[code], formatInteger(n), share(n)]),
      emptyText: '',
    },
  };
}

function directory(data: ReportData, period: Period, withContacts: boolean): NonNullable<ReportView['directory']> {
  const partners = data.partners.filter((p) => p.createdOn <= period.to);
  const address = (p: ReportPartner) => [p.address, [p.postcode, p.commune].filter(Boolean).join(' ')].filter(Boolean).join('\n') || '–';
  const domains = (p: ReportPartner) => p.domains.map((d) => interventionDomains.labels[d]).join(', ') || '–';
  const contacts = (p: ReportPartner) => p.contacts.map((c) => [c.name, c.role, c.email, c.phone].filter(Boolean).join(', ')).join('\n') || '–';
  const columns: Table['columns'] = withContacts
    ? [
        { title: 'Structure', width: 0.27 },
        { title: 'Adresse', width: 0.21 },
        { title: 'Domaines d’intervention', width: 0.2 },
        { title: 'Contacts', width: 0.32 },
      ]
    : [
        { title: 'Structure', width: 0.38 },
        { title: 'Adresse', width: 0.28 },
        { title: 'Domaines d’intervention', width: 0.34 },
      ];
  const groups = partnerTypes.codes
    .map((code) => ({ code, list: partners.filter((p) => p.type === code).sort((a, b) => a.name.localeCompare(b.name, 'fr')) }))
    .filter((g) => g.list.length > 0)
    .map((g) => ({
      heading: `${partnerTypes.labels[g.code]} (${formatInteger(g.list.length)})`,
      table: {
        columns,
        rows: g.list.map((p) => {
          const name = p.website ? `${p.name}\n${p.website.replace(/^https?:\/\//, '')}` : p.name;
          return withContacts ? [name, address(p), domains(p), contacts(p)] : [name, address(p), domains(p)];
        }),
        emptyText: '',
      },
    }));
  return {
    intro: withContacts
      ? `Le réseau compte ${plural(partners.length, 'structure', 'structures')} ; leurs contacts professionnels figurent ci-dessous. Ces coordonnées sont communiquées pour les besoins de la commission et ne doivent pas être diffusées au-delà.`
      : `Le réseau compte ${plural(partners.length, 'structure', 'structures')}, présentées par type. Les coordonnées des personnes ne figurent pas dans ce document ; le secrétariat de la commission les communique sur demande.`,
    groups,
  };
}

// ---------------------------------------------------------------------------------------------
// What the report will hold, for the Rapports page before generating

export function mapPreview(data: ReportData, options: ReportOptions): ReportPreview {
  const period: Period = { from: options.from, to: options.to };
  const t = new Timeline(data.journal);
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const chosen = new Set(data.frameworks.filter((f) => options.frameworks === null || options.frameworks.includes(f.code)).map((f) => f.code));
  const followed = data.actions.filter((a) => followedIn(a, period, t));
  const ofFramework = (code: string) => followed.filter((a) => a.measureIds.some((id) => nodeById.get(id)?.frameworkCode === code));
  const inScope = followed.filter((a) => a.measureIds.some((id) => chosen.has(nodeById.get(id)?.frameworkCode ?? '')) || (options.frameworks === null && a.measureIds.length === 0));
  const ids = new Set(inScope.map((a) => a.id));
  const protocols = protocolsPart(data, period);
  const meetings = data.meetings.filter((m) => inDays(m.startsAt.slice(0, 10), period));
  const partners = data.partners.filter((p) => p.createdOn <= period.to);
  return {
    periodLabel: periodLabel(period),
    previousLabel: periodLabel(previousPeriod(period)),
    frameworks: data.frameworks.map((f) => ({ code: f.code, shortTitle: f.shortTitle, title: f.title, actions: ofFramework(f.code).length })),
    counts: {
      actions: inScope.length,
      journalEntries: inScope.reduce((n, a) => n + t.inPeriod(a.id, period).length, 0),
      indicators: data.indicators.filter((i) => ids.has(i.actionId)).length,
      protocolsSigned: protocols.signed.rows.length,
      protocolsDue: protocols.due.rows.length,
      protocolsEnded: protocols.ended.rows.length,
      sessions: meetings.length,
      decisions: meetings.reduce((n, m) => n + m.decisions.length, 0),
      openFollowUps: data.followUps.filter((f) => followUpOpenAt(f, period.to)).length,
      partners: partners.length,
      contacts: partners.reduce((n, p) => n + p.contacts.length, 0),
    },
  };
}
