/**
 * The rules of local progress, shared by the app, the documents and the CLI: how a journal sets an
 * action's state, how a group of actions sums up on a node of the catalogue, when an action is late,
 * and when an indicator is behind the straight path from its baseline to its target.
 */
import { addDays } from './wallclock';
import { actionStatuses, meteos, type ActionStatus, type Meteo } from './labels';

/** Statuses of actions still to be carried out: only these can be late or give a météo. */
const ACTIVE_STATUSES: readonly ActionStatus[] = ['a_lancer', 'en_cours', 'suspendue'];

export function isActive(status: ActionStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** Past its end date and neither carried out nor abandoned. */
export function isOverdue(action: { status: ActionStatus; endsOn: string | null }, today: string): boolean {
  return action.endsOn !== null && action.endsOn < today && isActive(action.status);
}

/** Still to be carried out and ending between today and `days` days from now (included). */
export function endsWithin(action: { status: ActionStatus; endsOn: string | null }, today: string, days: number): boolean {
  return action.endsOn !== null && action.endsOn >= today && action.endsOn <= addDays(today, days) && isActive(action.status);
}

// ---------------------------------------------------------------------------------------------
// Journal → current state

interface JournalStateEntry {
  entryOn: string;
  /** Breaks ties between entries of the same day: the one written last wins. */
  createdAt: string;
  status: ActionStatus | null;
  meteo: Meteo | null;
  meteoReason: string | null;
  progress: number | null;
}

export interface ActionState {
  status: ActionStatus;
  meteo: Meteo | null;
  meteoReason: string | null;
  progress: number;
}

/**
 * The action's current state: each of status, météo (with its reason) and progress comes from the
 * latest entry that sets it; an entry that leaves a field empty says nothing about it. Fields no
 * entry sets keep `fallback` (the state the action was created with).
 */
export function stateFromJournal(entries: readonly JournalStateEntry[], fallback: ActionState): ActionState {
  const ordered = [...entries].sort((a, b) => a.entryOn.localeCompare(b.entryOn) || a.createdAt.localeCompare(b.createdAt));
  const state = { ...fallback };
  for (const entry of ordered) {
    if (entry.status !== null) state.status = entry.status;
    if (entry.meteo !== null) {
      state.meteo = entry.meteo;
      state.meteoReason = entry.meteoReason;
    }
    if (entry.progress !== null) state.progress = entry.progress;
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// Aggregates per node of the catalogue

const METEO_SCORE: Record<Meteo, number> = { soleil: 0, couvert: 1, nuage: 2, orage: 3 };

export interface ActionsSummary {
  count: number;
  byStatus: Record<ActionStatus, number>;
  byMeteo: Record<Meteo, number>;
  /** null when there is no action. */
  status: ActionStatus | null;
  /** null when no action still to be carried out has a météo. */
  meteo: Meteo | null;
  /** Mean progress of the actions not abandoned, rounded; null when there are none. */
  progress: number | null;
}

function emptyCounts<K extends string>(codes: readonly K[]): Record<K, number> {
  return Object.fromEntries(codes.map((c) => [c, 0])) as Record<K, number>;
}

/**
 * Sums up a group of actions. Status: abandoned actions are set aside; the group is « réalisée »
 * when all the others are, « à lancer » or « suspendue » when all the others are, otherwise
 * « en cours ». Météo: the mean of the météos of the actions still to be carried out, halves
 * rounded to the worse weather (a coordinator would rather be warned).
 */
export function summarizeActions(actions: readonly { status: ActionStatus; meteo: Meteo | null; progress: number }[]): ActionsSummary {
  const byStatus = emptyCounts(actionStatuses.codes);
  const byMeteo = emptyCounts(meteos.codes);
  let meteoTotal = 0;
  let meteoCount = 0;
  let progressTotal = 0;
  let progressCount = 0;
  for (const action of actions) {
    byStatus[action.status]++;
    if (action.meteo) byMeteo[action.meteo]++;
    if (action.meteo && isActive(action.status)) {
      meteoTotal += METEO_SCORE[action.meteo];
      meteoCount++;
    }
    if (action.status !== 'abandonnee') {
      progressTotal += action.progress;
      progressCount++;
    }
  }
  return {
    count: actions.length,
    byStatus,
    byMeteo,
    status: aggregateStatus(byStatus, actions.length),
    meteo: meteoCount === 0 ? null : meteos.codes[Math.min(3, Math.floor(meteoTotal / meteoCount + 0.5))]!,
    progress: progressCount === 0 ? null : Math.round(progressTotal / progressCount),
  };
}

function aggregateStatus(byStatus: Record<ActionStatus, number>, count: number): ActionStatus | null {
  if (count === 0) return null;
  const kept = count - byStatus.abandonnee;
  if (kept === 0) return 'abandonnee';
  for (const status of ['realisee', 'a_lancer', 'suspendue'] as const) if (byStatus[status] === kept) return status;
  return 'en_cours';
}

// ---------------------------------------------------------------------------------------------
// Indicators

interface IndicatorPlan {
  baseline: number | null;
  baselineOn: string | null;
  target: number | null;
  targetOn: string | null;
}

export interface IndicatorPoint {
  measuredOn: string;
  value: number;
}

export type IndicatorAssessment =
  | { kind: 'no_value' | 'no_target' }
  | {
      kind: 'reached' | 'on_track' | 'behind';
      latest: IndicatorPoint;
      /** Where the straight path from baseline to target stands on the latest value's date. */
      expected: number;
    };

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/** The straight path from (startOn, start) to (targetOn, target), held flat before and after. */
export function expectedOnPath(start: IndicatorPoint, target: IndicatorPoint, on: string): number {
  const span = dayNumber(target.measuredOn) - dayNumber(start.measuredOn);
  if (span <= 0) return target.value;
  const share = Math.min(1, Math.max(0, (dayNumber(on) - dayNumber(start.measuredOn)) / span));
  return start.value + (target.value - start.value) * share;
}

/**
 * Compares the latest value with the straight path from the baseline to the target on its date.
 * Works for targets going down (fewer fugues) as well as up. Without a baseline, the first value
 * is the starting point; without a dated target there is nothing to be behind.
 */
export function assessIndicator(plan: IndicatorPlan, values: readonly IndicatorPoint[]): IndicatorAssessment {
  if (values.length === 0) return { kind: 'no_value' };
  if (plan.target === null || plan.targetOn === null) return { kind: 'no_target' };
  const ordered = [...values].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn));
  const first = ordered[0]!;
  const latest = ordered[ordered.length - 1]!;
  const start: IndicatorPoint = { value: plan.baseline ?? first.value, measuredOn: plan.baselineOn ?? first.measuredOn };
  const target: IndicatorPoint = { value: plan.target, measuredOn: plan.targetOn };
  const expected = expectedOnPath(start, target, latest.measuredOn);
  const direction = Math.sign(target.value - start.value);
  // Values are typed by people: compare with a tolerance so that 0.1 + 0.2 is not « behind » 0.3.
  const tolerance = 1e-9 * Math.max(1, Math.abs(target.value));
  if (direction === 0) return { kind: Math.abs(latest.value - target.value) <= tolerance ? 'reached' : 'on_track', latest, expected };
  const gapToTarget = (target.value - latest.value) * direction;
  if (gapToTarget <= tolerance) return { kind: 'reached', latest, expected };
  const gapToPath = (expected - latest.value) * direction;
  return { kind: gapToPath > tolerance ? 'behind' : 'on_track', latest, expected };
}

/**
 * An expected value as shown beside the latest one: whole from 10 up, one decimal below, as many as
 * the latest value has, and a decimal more when rounding would make it read as the latest value
 * (« 20 au lieu de 20,4 attendus », not « 20 au lieu de 20 »). Figures are shown with two decimals at most.
 */
export function shownExpected(expected: number, latest: number): number {
  const latestDigits = (String(latest).split('.')[1] ?? '').length;
  let shown = expected;
  for (let digits = Math.min(2, Math.max(Math.abs(expected) >= 10 ? 0 : 1, latestDigits)); digits <= 2; digits++) {
    shown = Math.round(expected * 10 ** digits) / 10 ** digits;
    if (shown !== latest) break;
  }
  return shown;
}
