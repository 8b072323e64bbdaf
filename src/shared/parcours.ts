/**
 * The rules of the parcours de sortie that do not need the database: its dates (6 months from the
 * decision, 24 months at most for a chain of renewals) and its figures for any period. Pure, so
 * the register, the dashboard, the CLI and the tests compute them the same way.
 */
import { formatDate } from './format';
import { addDays, lastKnownDay } from './wallclock';
import { parcoursExitReasons, type ParcoursDecision, type ParcoursEndReason, type ParcoursOpinion, type ParcoursRight } from './labels';

const PARCOURS_MONTHS = 6;
const PARCOURS_MAX_MONTHS = 24;
/** Parcours ending within this many days with no renewal request are flagged. */
export const RENEWAL_NOTICE_DAYS = 42;
/** Requests closed longer ago than this are offered for deletion. */
export const RETENTION_YEARS = 5;

/** « Première demande » or « Renouvellement n° 2 », as the register and the documents say it. */
export function parcoursKind(renewalNumber: number): string {
  return renewalNumber === 0 ? 'Première demande' : `Renouvellement n°\u00a0${renewalNumber}`;
}

/** « 2026-01-31 » + 1 month → « 2026-02-28 »: the day is kept, or the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day of a parcours of `months` months starting on `start` (6 months from 15/01 end on 14/07). */
export function periodEnd(start: string, months = PARCOURS_MONTHS): string {
  return addDays(addMonths(start, months), -1);
}

/** The last day a chain of renewals may reach: 24 months from the start of its first parcours. */
export function capDate(chainStart: string): string {
  return periodEnd(chainStart, PARCOURS_MAX_MONTHS);
}

/** An association's agrément on a day: in force until its last day, lapsed, or never recorded. */
export type AgrementState = { status: 'valide'; until: string } | { status: 'expire'; until: string } | { status: 'absent' };

/** The agrément given on `on` for `years` years (CASF R. 121-12-3) runs until the day before its anniversary. */
export function agrementState(agrement: { agrementOn: string | null; agrementYears: number | null } | null, day: string): AgrementState {
  if (!agrement?.agrementOn || agrement.agrementOn > day) return { status: 'absent' };
  const until = periodEnd(agrement.agrementOn, 12 * (agrement.agrementYears ?? 3));
  return { status: until >= day ? 'valide' : 'expire', until };
}

/** What the agenda and the relevé say of an association without an agrément in force; null when it has one. */
export function agrementWarning(state: AgrementState): string | null {
  if (state.status === 'valide') return null;
  return state.status === 'expire' ? `agrément expiré (valable jusqu’au ${formatDate(state.until)})` : 'aucun agrément enregistré';
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What the figures need of a request: dates and codes only (archived requests keep just that, without their rights). */
export interface FigureRequest {
  chainId: string;
  renewalNumber: number;
  receivedOn: string;
  opinion: ParcoursOpinion | null;
  opinionOn: string | null;
  decision: ParcoursDecision | null;
  decisionOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  endReason: ParcoursEndReason | null;
  closedOn: string | null;
  /** Rights opened by the parcours (AFIS, residence permit…); an archived request no longer keeps them. */
  rights: ParcoursRight[];
}

export type ExitReason = (typeof parcoursExitReasons)[number];

export interface ParcoursFigures {
  from: string;
  to: string;
  firstRequests: number;
  renewals: number;
  favourableOpinions: number;
  unfavourableOpinions: number;
  adjournedOpinions: number;
  authorisations: number;
  refusals: number;
  /** The last day the figures describe: the period's end, or today while the period is not over. */
  asOf: string;
  /** People (chains of requests) in an authorised parcours on `asOf`. */
  inProgressAtEnd: number;
  exits: Record<ExitReason, number>;
  exitsTotal: number;
  /** Mean length, in months, of the parcours that ended during the period (first day to exit); null when none did. */
  meanDurationMonths: number | null;
  /** People in a parcours at the end of each month of the period up to `asOf` (the last month ends on it). */
  monthly: { month: string; inProgress: number }[];
}

const within = (date: string | null, from: string, to: string): date is string => date !== null && date >= from && date <= to;

/** The day an authorised parcours really stopped: its end, or earlier when it was closed before. */
function effectiveEnd(r: FigureRequest): string | null {
  if (r.decision !== 'autorise' || !r.startsOn || !r.endsOn) return null;
  return r.closedOn && r.closedOn < r.endsOn ? r.closedOn : r.endsOn;
}

function peopleInParcoursOn(requests: readonly FigureRequest[], day: string): number {
  const chains = new Set<string>();
  for (const r of requests) {
    const end = effectiveEnd(r);
    if (end && r.startsOn! <= day && day <= end) chains.add(r.chainId);
  }
  return chains.size;
}

function monthEnds(from: string, to: string): { month: string; day: string }[] {
  const out: { month: string; day: string }[] = [];
  let month = `${from.slice(0, 7)}-01`;
  while (month <= to) {
    const last = addDays(addMonths(month, 1), -1);
    out.push({ month: month.slice(0, 7), day: last < to ? last : to });
    month = addMonths(month, 1);
  }
  return out;
}

/**
 * The figures of the period from `from` to `to`. While it is not over, what it ends with is counted
 * on `today`: a count at a later day would be a forecast from planned end dates.
 */
export function computeFigures(requests: readonly FigureRequest[], from: string, to: string, today: string): ParcoursFigures {
  const asOf = lastKnownDay(to, today);
  const exits = Object.fromEntries(parcoursExitReasons.map((r) => [r, 0])) as Record<ExitReason, number>;
  const chainStart = new Map<string, string>();
  for (const r of requests) {
    if (r.decision === 'autorise' && r.startsOn && (!chainStart.has(r.chainId) || r.startsOn < chainStart.get(r.chainId)!)) chainStart.set(r.chainId, r.startsOn);
  }
  const durations: number[] = [];
  const f = { firstRequests: 0, renewals: 0, favourableOpinions: 0, unfavourableOpinions: 0, adjournedOpinions: 0, authorisations: 0, refusals: 0 };
  for (const r of requests) {
    if (within(r.receivedOn, from, to)) {
      if (r.renewalNumber === 0) f.firstRequests++;
      else f.renewals++;
    }
    if (within(r.opinionOn, from, to)) {
      if (r.opinion === 'favorable') f.favourableOpinions++;
      if (r.opinion === 'defavorable') f.unfavourableOpinions++;
      if (r.opinion === 'ajourne') f.adjournedOpinions++;
    }
    if (within(r.decisionOn, from, to)) {
      if (r.decision === 'autorise') f.authorisations++;
      if (r.decision === 'refuse') f.refusals++;
    }
    if (r.endReason && (parcoursExitReasons as readonly string[]).includes(r.endReason) && within(r.closedOn, from, to)) {
      exits[r.endReason as ExitReason]++;
      const start = chainStart.get(r.chainId);
      if (start && start <= r.closedOn) durations.push(daysBetween(start, r.closedOn) + 1);
    }
  }
  const exitsTotal = Object.values(exits).reduce((a, b) => a + b, 0);
  const meanDays = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
  return {
    from,
    to,
    ...f,
    asOf,
    inProgressAtEnd: peopleInParcoursOn(requests, asOf),
    exits,
    exitsTotal,
    meanDurationMonths: meanDays === null ? null : Math.round((meanDays / (365.25 / 12)) * 10) / 10,
    monthly: monthEnds(from, asOf).map(({ month, day }) => ({ month, inProgress: peopleInParcoursOn(requests, day) })),
  };
}

/** What the return to the State needs of a request still in the register to count requests by association (an archived one no longer keeps its association). */
export interface AssociationRequest {
  receivedOn: string;
  associationName: string;
}

/** Requests (first ones and renewals) received from `from` to `to`, by the association that presented them, most first. */
export function requestsByAssociation(requests: readonly AssociationRequest[], from: string, to: string): { association: string; requests: number }[] {
  const counts = new Map<string, number>();
  for (const r of requests) if (within(r.receivedOn, from, to)) counts.set(r.associationName, (counts.get(r.associationName) ?? 0) + 1);
  return [...counts].map(([association, n]) => ({ association, requests: n })).sort((a, b) => b.requests - a.requests || a.association.localeCompare(b.association, 'fr'));
}
