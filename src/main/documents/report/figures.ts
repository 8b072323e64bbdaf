/**
 * The commission's figures for a period, each defined once: every part of the bilan that prints a
 * figure reads it here, and so will the yearly return to the State (issue 32), so that a figure never
 * says two things under one name. A figure that needs words (a table row, a return's indicator) takes
 * its label from FIGURE_LABELS.
 */
import { meetingRules } from '../../../shared/meeting-rules';
import { meetingKinds, parcoursRights, partnerTypes, type MeetingKind, type ParcoursRight, type PartnerType } from '../../../shared/labels';
import { RENEWAL_WINDOW_DAYS } from '../../../shared/model/protocols';
import { computeFigures, type ParcoursFigures } from '../../../shared/parcours';
import { foldText } from '../../../shared/search';
import { assessIndicator, isActive, summarizeActions, type ActionState } from '../../../shared/progress';
import { addDays, lastKnownDay } from '../../../shared/wallclock';
import { deadline, followedIn, heldIn, inDays, plan, signedOnDay, Timeline, TROUBLED_METEOS, valuesUpTo, type ReportAction, type ReportData } from './data';
import type { Period } from './period';

/** Why a fiche is in difficulty at the end of a period; several may hold. */
export interface Difficulty {
  suspended: boolean;
  /** Météo nuage or orage on a fiche still to be carried out. */
  troubled: boolean;
  /** Still to be carried out after its end date. */
  overdue: boolean;
}

/**
 * A fiche is « en difficulté » at the end of a period when it is suspended, or still to be carried
 * out under a troubled météo or after its end date (`asOf`: the period's last known day). null otherwise.
 */
export function difficultyOf(a: ReportAction, s: ActionState, asOf: string): Difficulty | null {
  const active = isActive(s.status);
  const d = {
    suspended: s.status === 'suspendue',
    troubled: active && s.meteo !== null && TROUBLED_METEOS.includes(s.meteo),
    overdue: active && a.endsOn !== null && a.endsOn < asOf,
  };
  return d.suspended || d.troubled || d.overdue ? d : null;
}

/** A member of the commission as a list of members shows them. */
export interface ReportMember {
  name: string;
  role: string | null;
  structure: string;
}

/**
 * Who composed the commission at the end of the period, from the dated appointments of the composition
 * (today's while the period is not over), and the day that composition is read on.
 */
export function membersAt(data: ReportData, p: Period): { members: ReportMember[]; on: string } {
  const on = p.to < data.today ? p.to : data.today;
  const inForce = (m: { fromOn: string | null; toOn: string | null }) => (m.fromOn === null || m.fromOn <= on) && (m.toOn === null || m.toOn > on);
  const members = data.partners.flatMap((x) => x.members.filter(inForce).map(({ name, role }) => ({ name, role, structure: x.name })));
  return { members, on };
}

/** Signed protocols in force at the end of the period whose review or end falls before the renewal window closes after it. */
export function protocolsDue(data: ReportData, p: Period): ReportData['protocols'] {
  const horizon = addDays(p.to, RENEWAL_WINDOW_DAYS);
  return data.protocols.filter((x) => signedOnDay(x, p.to) && deadline(x) !== null && deadline(x)! <= horizon);
}

/** People in a parcours and the rights opened to them, from the first request the register holds to the period's last known day. */
export interface ParcoursTotals {
  /** The day of the first request recorded, or null when the register is empty. */
  since: string | null;
  /** People (chains of requests) who entered an authorised parcours by `asOf`. */
  people: number;
  /** People to whom each right was opened by an authorised parcours that began by `asOf`. */
  rights: Record<ParcoursRight, number>;
}

export function parcoursTotals(requests: ReportData['parcours'], asOf: string): ParcoursTotals {
  const people = new Set<string>();
  const rights = Object.fromEntries(parcoursRights.codes.map((r) => [r, new Set<string>()])) as Record<ParcoursRight, Set<string>>;
  let since: string | null = null;
  for (const r of requests) {
    if (since === null || r.receivedOn < since) since = r.receivedOn;
    if (r.decision !== 'autorise' || r.startsOn === null || r.startsOn > asOf) continue;
    people.add(r.chainId);
    for (const right of r.rights) rights[right].add(r.chainId);
  }
  return { since, people: people.size, rights: Object.fromEntries(parcoursRights.codes.map((r) => [r, rights[r].size])) as Record<ParcoursRight, number> };
}

/** Figures of one period, computed the same way for the period and the one before. */
export interface Figures {
  actions: ReportAction[];
  /** Fiches under way or done at the end of the period. */
  engaged: number;
  completed: number;
  meanProgress: number | null;
  /** Fiches still to be carried out under météo nuage or orage. */
  troubled: number;
  overdue: number;
  /** Fiches suspended, troubled or overdue (difficultyOf): the part « Fiches en difficulté » lists them. */
  inDifficulty: number;
  entries: number;
  indicatorsReached: number;
  indicatorsWithTarget: number;
  sessions: number;
  /** Sessions held, by kind (every kind, zeros included). */
  sessionsByKind: Record<MeetingKind, number>;
  plenaries: number;
  decisions: number;
  followUpsClosed: number;
  protocolsSigned: number;
  protocolsDue: number;
  /** Protocols signed and in force at the end of the period. */
  protocolsInForce: number;
  partners: number;
  /** Structures known at the end of the period, by type (every type, zeros included). */
  partnersByType: Record<PartnerType, number>;
  members: number;
  parcours: ParcoursFigures & {
    /** Opinions given: favourable and unfavourable; an adjourned request has had none yet. */
    opinions: number;
    totals: ParcoursTotals;
  };
}

/**
 * The figures of the period `p`. The bilan passes its timeline (shared by its parts) and the fiches of the
 * frameworks it reports on; by default, every fiche.
 */
export function periodFigures(data: ReportData, p: Period, t = new Timeline(data.journal), inScope: (a: ReportAction) => boolean = () => true): Figures {
  const actions = data.actions.filter((a) => inScope(a) && followedIn(a, p, t));
  const ids = new Set(actions.map((a) => a.id));
  const atEnd = actions.map((a) => t.stateAt(a, p.to));
  const dayBefore = addDays(p.from, -1);
  const indicators = data.indicators.filter((i) => ids.has(i.actionId) && i.target !== null && i.targetOn !== null);
  const meetings = data.meetings.filter((m) => heldIn(m, p, data.wallClock));
  const asOf = lastKnownDay(p.to, data.today);
  const difficulties = actions.map((a, k) => difficultyOf(a, atEnd[k]!, asOf));
  const parcours = computeFigures(data.parcours, p.from, p.to, data.today);
  const partners = data.partners.filter((x) => x.createdOn <= p.to);
  const count = <K extends string>(codes: readonly K[], of: readonly { kind: K }[]) => Object.fromEntries(codes.map((k) => [k, of.filter((x) => x.kind === k).length])) as Record<K, number>;
  return {
    actions,
    engaged: atEnd.filter((s) => s.status === 'en_cours' || s.status === 'realisee').length,
    completed: actions.filter((a, k) => atEnd[k]!.status === 'realisee' && t.stateAt(a, dayBefore).status !== 'realisee').length,
    meanProgress: summarizeActions(atEnd).progress,
    troubled: difficulties.filter((d) => d?.troubled).length,
    overdue: difficulties.filter((d) => d?.overdue).length,
    inDifficulty: difficulties.filter((d) => d !== null).length,
    entries: actions.reduce((n, a) => n + t.inPeriod(a.id, p).length, 0),
    indicatorsReached: indicators.filter((i) => assessIndicator(plan(i), valuesUpTo(i, p.to)).kind === 'reached').length,
    indicatorsWithTarget: indicators.length,
    sessions: meetings.length,
    sessionsByKind: count(meetingKinds.codes, meetings),
    // The meetings that deliberate on departmental policy, which the rule of meetings a year counts.
    plenaries: meetings.filter((m) => meetingRules(m.kind).policy).length,
    decisions: meetings.reduce((n, m) => n + m.decisions.length, 0),
    followUpsClosed: data.followUps.filter((f) => f.status === 'close' && f.closedOn !== null && inDays(f.closedOn, p)).length,
    protocolsSigned: data.protocols.filter((x) => x.signedOn !== null && inDays(x.signedOn, p)).length,
    protocolsDue: protocolsDue(data, p).length,
    protocolsInForce: data.protocols.filter((x) => signedOnDay(x, p.to)).length,
    partners: partners.length,
    partnersByType: count(partnerTypes.codes, partners.map((x) => ({ kind: x.type }))),
    members: membersAt(data, p).members.length,
    parcours: { ...parcours, opinions: parcours.favourableOpinions + parcours.unfavourableOpinions, totals: parcoursTotals(data.parcours, parcours.asOf) },
  };
}

/**
 * Fiche indicators that name a figure the commission's registers count themselves (the parcours de
 * sortie, the sessions, the network): the part of the bilan that gives the register's figure, else null.
 */
const REGISTER_FIGURES: { pattern: RegExp; part: string }[] = [
  { pattern: /\bparcours de sortie\b|\bavis (favorables?|defavorables?|rendus?)\b|\bdemandes? de parcours\b/, part: 'Parcours de sortie de la prostitution' },
  { pattern: /^seances? (plenieres? )?tenues?$/, part: 'Séances de la commission' },
  { pattern: /^structures (recensees|du reseau)\b/, part: 'Réseau partenarial' },
];

export function registerFigurePart(indicatorName: string): string | null {
  const name = foldText(indicatorName.trim());
  return REGISTER_FIGURES.find((f) => f.pattern.test(name))?.part ?? null;
}

/** The words of the figures a table prints, the same wherever they appear. */
export const FIGURE_LABELS = {
  actions: 'Fiches actions suivies',
  engaged: 'Fiches engagées ou réalisées en fin de période',
  completed: 'Fiches réalisées dans la période',
  meanProgress: 'Avancement moyen en fin de période',
  inDifficulty: 'Fiches en difficulté (suspendues, en retard ou sous une météo nuage ou orage)',
  troubled: 'Fiches sous une météo nuage ou orage',
  overdue: 'Fiches dont la date de fin est dépassée',
  indicatorsReached: 'Indicateurs ayant atteint leur cible',
  plenaries: 'Séances plénières tenues',
  otherSessions: 'Autres séances tenues',
  decisions: 'Décisions prises en séance',
  followUpsClosed: 'Suites à donner soldées',
  protocolsSigned: 'Protocoles et conventions signés',
  partners: 'Structures du réseau partenarial',
  firstRequests: 'Premières demandes reçues',
  renewals: 'Demandes de renouvellement reçues',
  favourableOpinions: 'Avis favorables de la commission',
  unfavourableOpinions: 'Avis défavorables',
  adjournedOpinions: 'Demandes ajournées',
  authorisations: 'Autorisations du préfet',
  refusals: 'Refus du préfet',
  exits: 'Sorties de parcours',
  meanDuration: 'Durée moyenne des parcours terminés',
  peopleSince: 'Personnes entrées en parcours, en cumul',
} as const;
