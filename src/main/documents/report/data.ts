/**
 * What the progress report reads (plain rows, features/reports/reports.ts fills them) and how things stood
 * on a given day: the mappers of the report's parts share these.
 */
import type { ActionStatus, CatalogueNodeKind, FollowUpStatus, InterventionDomain, MeetingKind, Meteo, PartnerType, PrefectCivility, ProtocolKind, ProtocolStatus } from '../../../shared/labels';
import { isActive, stateFromJournal, type ActionState, type IndicatorPoint } from '../../../shared/progress';
import type { FigureRequest } from '../../../shared/parcours';
import type { Logo } from '../common/view';
import type { Period } from './period';

// ---------------------------------------------------------------------------------------------
// Input: the commission's data, as plain rows (features/reports/reports.ts reads them)

export interface ReportData {
  commission: { name: string; departmentName: string; secretaryName: string | null; prefectCivility: PrefectCivility | null };
  logo: Logo | null;
  /** The day the report is produced (Paris). */
  today: string;
  /** Paris wall clock when the report is produced, `YYYY-MM-DDTHH:MM`: a session is held once it has begun. */
  wallClock: string;
  frameworks: { code: string; title: string; shortTitle: string }[];
  /** In catalogue order. */
  nodes: { id: string; frameworkCode: string; parentId: string | null; kind: CatalogueNodeKind; label: string; title: string }[];
  actions: ReportAction[];
  journal: ReportJournalEntry[];
  indicators: ReportIndicator[];
  protocols: ReportProtocol[];
  meetings: {
    id: string;
    kind: MeetingKind;
    title: string | null;
    startsAt: string;
    place: string | null;
    chair: string | null;
    present: number;
    decisions: string[];
  }[];
  followUps: { text: string; owner: string | null; dueOn: string | null; status: FollowUpStatus; closedOn: string | null; meetingKind: MeetingKind; meetingStartsAt: string }[];
  partners: ReportPartner[];
  /** Parcours de sortie requests, dates and codes only (archived ones included). */
  parcours: FigureRequest[];
  /** Campaigns of returns from partners with their counts, and the days fiches' returns were received (documents/report/returns.ts). */
  returns: {
    campaigns: { name: string; periodFrom: string; periodTo: string; createdAt: string; asked: number; answered: number }[];
    entries: { actionId: string; on: string }[];
  };
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
  /** In euros. */
  budget: number | null;
  funders: string | null;
}

export interface ReportJournalEntry {
  actionId: string;
  entryOn: string;
  createdAt: string;
  /** null unless read for annex B, the only part that prints it (readReportData's `journalTexts`). */
  text: string | null;
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
  createdOn: string;
  /** Its contacts who sit on the commission; the others are only counted (the directory spreadsheet lists them). */
  /** Its contacts' appointments to the commission, dated (IN_FORCE in composition/sitting.ts: from_on included, to_on excluded). */
  members: { name: string; role: string | null; fromOn: string | null; toOn: string | null }[];
  contactCount: number;
}

// ---------------------------------------------------------------------------------------------
// How things stood on a day

/** A fiche before its first journal entry: the state createAction writes in that first entry. */
const NOT_STARTED: ActionState = { status: 'a_lancer', meteo: null, meteoReason: null, progress: 0 };

export class Timeline {
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

  /** Every part of the report asks for the same few days (the period's end, the previous one's): computed once each. */
  private readonly states = new Map<string, ActionState>();

  /** The fiche’s state at the end of `day`, from the journal entries written up to then. */
  stateAt(action: ReportAction, day: string): ActionState {
    const all = this.of(action.id);
    if (all.length === 0) return action.current;
    const key = `${action.id}|${day}`;
    let state = this.states.get(key);
    if (!state) {
      state = stateFromJournal(
        all.filter((e) => e.entryOn <= day),
        NOT_STARTED,
      );
      this.states.set(key, state);
    }
    return state;
  }

  inPeriod(actionId: string, p: Period): ReportJournalEntry[] {
    return this.of(actionId).filter((e) => e.entryOn >= p.from && e.entryOn <= p.to);
  }
}

/**
 * A fiche belongs to a period when it existed by its end and either moved during it (journal
 * entries) or was still to be carried out at its end: a fiche closed earlier is history.
 */
export function followedIn(a: ReportAction, p: Period, t: Timeline): boolean {
  return a.createdOn <= p.to && (t.inPeriod(a.id, p).length > 0 || isActive(t.stateAt(a, p.to).status));
}

export function valuesUpTo(i: ReportIndicator, day: string): IndicatorPoint[] {
  return i.values.filter((v) => v.measuredOn <= day);
}

export function latestUpTo(i: ReportIndicator, day: string): IndicatorPoint | null {
  const values = valuesUpTo(i, day);
  return values.length ? values.reduce((a, b) => (b.measuredOn >= a.measuredOn ? b : a)) : null;
}

export const plan = (i: ReportIndicator) => ({ baseline: i.baseline, baselineOn: i.baselineOn, target: i.target, targetOn: i.targetOn });

/** Where a protocol’s watch date stands: its review date, else its end. */
export const deadline = (p: ReportProtocol) => p.reviewOn ?? p.endsOn;

/** The day a protocol stopped being in force: from its history, else its end date when it expired; null while in force. */
export const protocolClosedOn = (p: ReportProtocol) => p.closedOn ?? (p.status === 'expire' ? p.endsOn : null);

/** Signed and still in force at the end of `day`, whatever it became since: a past period sees its protocols as they were. */
export function signedOnDay(p: ReportProtocol, day: string): boolean {
  const closed = protocolClosedOn(p);
  return p.signedOn !== null && p.signedOn <= day && (closed === null || closed > day);
}

export function followUpOpenAt(f: ReportData['followUps'][number], day: string): boolean {
  return f.meetingStartsAt.slice(0, 10) <= day && (f.status !== 'close' || (f.closedOn !== null && f.closedOn > day));
}

export function inDays(day: string, p: Period): boolean {
  return day >= p.from && day <= p.to;
}

/** A session is held once it has begun: one to come is not counted, even inside the period. */
export function heldIn(m: ReportData['meetings'][number], p: Period, wallClock: string): boolean {
  return inDays(m.startsAt.slice(0, 10), p) && m.startsAt <= wallClock;
}

/** Météos that call for help: PILOTE’s « appuis nécessaires » and « objectifs compromis ». */
export const TROUBLED_METEOS: readonly Meteo[] = ['nuage', 'orage'];

/** « Élèves sensibilisés », « Enquêteurs formés (enquêteurs) » is redundant; « Part des fugues… (%) » is not. */
export function indicatorName(i: Pick<ReportIndicator, 'name' | 'unit'>): string {
  const unit = (i.unit ?? '').trim();
  if (!unit) return i.name;
  const stem = unit.toLowerCase().replace(/s$/, '');
  return i.name.toLowerCase().includes(stem) ? i.name : `${i.name} (${unit})`;
}
