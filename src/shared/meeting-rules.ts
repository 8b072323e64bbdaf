/**
 * The rules of the commission's meetings, in one place: who sits at each kind of meeting, the quorum
 * and the new convocation without quorum, the notice of the convocation, the vote, and how many
 * meetings a year the commission holds. Every screen, document and check reads them from here.
 *
 * Sources (docs/regles-de-la-commission.md states each rule, its text and how its number was
 * checked): the rules of consultative commissions, articles R. 133-3 to R. 133-15 of the code des
 * relations entre le public et l'administration (CRPA) since 1 January 2016; the commission itself,
 * article L. 121-9 and articles R. 121-12-6 and R. 121-12-7 of the code de l'action sociale et des
 * familles (CASF); the decree of 30 December 2025 for the members added for child protection.
 */
import type { AttendanceStatus, CastingVote, College, MeetingKind, MemberRole, ParcoursOpinion, PartnerType, SeatTitle } from './labels';

const CRPA = 'du code des relations entre le public et l’administration';

/** The articles documents and help texts cite, as they cite them. */
export const LEGAL_REFERENCES = {
  convocation: `article R. 133-8 ${CRPA}`,
  mandate: `article R. 133-9 ${CRPA}`,
  quorum: `article R. 133-10 ${CRPA}`,
  majority: `article R. 133-11 ${CRPA}`,
  interest: `article R. 133-12 ${CRPA}`,
  minutes: `article R. 133-13 ${CRPA}`,
  rules: `articles R. 133-3 à R. 133-15 ${CRPA}`,
  commission: 'articles L. 121-9, R. 121-12-6 et R. 121-12-7 du code de l’action sociale et des familles',
  agrement: 'article R. 121-12-3 du code de l’action sociale et des familles',
} as const;

/** What a seat of the composition says about where it sits. */
export interface SittingSeat {
  title: SeatTitle;
  /** Sits when the commission coordinates the individual situations of minors. */
  minorsCoordination: boolean;
}

interface MeetingKindRules {
  /** The commission gives opinions: the quorum of R. 133-10 is judged (and shown). */
  quorum: boolean;
  /** « Diffusion restreinte »: documents go only to the members who sit. */
  restricted: boolean;
  /** Deliberates on departmental policy: counts among the meetings a year the commission must hold. */
  policy: boolean;
  /** Examines requests to enter or renew a parcours de sortie. */
  examinesRequests: boolean;
  /** Coordinates the individual situations of minors (never examines requests). */
  coordinatesMinors: boolean;
  /** The seats this kind of meeting convenes. */
  sits: (seat: SittingSeat) => boolean;
}

const everySeat = () => true;

const RULES: Record<MeetingKind, MeetingKindRules> = {
  pleniere: { quorum: true, restricted: false, policy: true, examinesRequests: false, coordinatesMinors: false, sits: everySeat },
  // The decree of 30 December 2025 keeps the members it adds for child protection out of the examination of requests.
  examen_parcours: { quorum: true, restricted: true, policy: false, examinesRequests: true, coordinatesMinors: false, sits: (s) => s.title === 'commission' },
  restreinte: { quorum: false, restricted: true, policy: false, examinesRequests: false, coordinatesMinors: true, sits: (s) => s.minorsCoordination },
  // Working meetings are not the commission deliberating: its members are invited, nobody « sits ».
  comite_technique: { quorum: false, restricted: false, policy: false, examinesRequests: false, coordinatesMinors: false, sits: everySeat },
  groupe_travail: { quorum: false, restricted: false, policy: false, examinesRequests: false, coordinatesMinors: false, sits: everySeat },
};

export function meetingRules(kind: MeetingKind): MeetingKindRules {
  return RULES[kind];
}

/** The one rule for who sits: a seat sits at a meeting of this kind, or it does not. */
export function sitsAt(kind: MeetingKind, seat: SittingSeat): boolean {
  return RULES[kind].sits(seat);
}

/** Why a member does not sit at a meeting of this kind, in a sentence; null when they do. */
export function whyNotSitting(kind: MeetingKind, seat: SittingSeat): string | null {
  if (sitsAt(kind, seat)) return null;
  if (kind === 'examen_parcours') return 'siège au titre de la protection de l’enfance : il ne siège pas à l’examen des demandes de parcours de sortie';
  return 'ne siège pas à la coordination des situations individuelles de mineurs';
}

/** The convocation reaches members at least this many days before the meeting, save urgency (R. 133-8). */
export const CONVOCATION_NOTICE_DAYS = 5;

/** A convocation produced on `today` (ISO date) for a session still to come on `sessionDay` reaches the members too late. */
export function convocationIsLate(sessionDay: string, today: string): boolean {
  const days = (Date.parse(`${sessionDay.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days >= 0 && days < CONVOCATION_NOTICE_DAYS;
}

export interface QuorumAttendee {
  /** The seat the person holds on the day of the meeting; null for a non-member. */
  seatId: string | null;
  memberRole: MemberRole | null;
  status: AttendanceStatus;
}

export interface Quorum {
  /** False for the kinds of meeting where the quorum of R. 133-10 does not apply. */
  applies: boolean;
  /** A new convocation on the same agenda after a meeting without quorum: it deliberates whatever the attendance. */
  waived: boolean;
  /** Seats composing the body that deliberates (one per seat: its titulaire, or the suppléant in their stead). */
  composition: number;
  /** Of them, present (in person or by audio or video link), replaced by their suppléant, or having given a mandate. */
  counted: number;
  /** At least half of the composition. */
  required: number;
  /** Seats whose attendance is not recorded yet: the quorum cannot be judged. */
  pending: number;
  reached: boolean;
}

const TAKES_PART: AttendanceStatus[] = ['present', 'distance'];

/**
 * The quorum of R. 133-10: at least half of the members composing the body that deliberates, counted
 * by seat. `seats` are the commission's seats on the day of the meeting; those this kind of meeting
 * does not convene (`sitsAt`) and those `leftOut` for an interest in the item are not counted at all.
 */
export function computeQuorum(
  kind: MeetingKind,
  input: { waived: boolean; seats: readonly (SittingSeat & { id: string })[]; attendees: readonly QuorumAttendee[]; leftOut?: ReadonlySet<string> },
): Quorum {
  const rules = RULES[kind];
  const seats = input.seats.filter((s) => rules.sits(s) && !input.leftOut?.has(s.id));
  let counted = 0;
  let pending = 0;
  for (const seat of seats) {
    const holders = input.attendees.filter((a) => a.seatId === seat.id);
    const sits = holders.some((a) => TAKES_PART.includes(a.status) || (a.memberRole === 'titulaire' && (a.status === 'supplee' || a.status === 'mandat')));
    if (sits) counted++;
    else if (holders.length > 0 && holders.every((a) => a.status === 'invite')) pending++;
  }
  const required = Math.ceil(seats.length / 2);
  return { applies: rules.quorum, waived: rules.quorum && input.waived, composition: seats.length, counted, required, pending, reached: seats.length > 0 && counted >= required };
}

/** The body may give a valid opinion: no quorum is judged, it is waived, or it is reached. */
export function deliberatesValidly(q: Quorum): boolean {
  return !q.applies || q.waived || q.reached;
}

export interface Vote {
  for: number;
  against: number;
  abstention: number;
  casting: CastingVote | null;
}

/**
 * What is wrong with a recorded vote, or null. Opinions are given by a majority of the members present
 * or represented, the chair having a casting vote on a tie (R. 133-11); `voters` is how many may vote.
 */
export function voteProblem(v: Vote, voters: number, opinion: ParcoursOpinion): string | null {
  const total = v.for + v.against + v.abstention;
  if (total > voters) return `${total} voix pour ${voters} membre${voters > 1 ? 's' : ''} pouvant voter : vérifiez le décompte.`;
  if (v.for === v.against && v.casting === null && total > 0) return 'Partage égal des voix : indiquez le sens de la voix prépondérante de la présidence.';
  if (v.for !== v.against && v.casting !== null) return 'La voix prépondérante ne départage que des voix égales.';
  const outcome = v.for > v.against ? 'pour' : v.against > v.for ? 'contre' : v.casting;
  if (opinion === 'favorable' && outcome === 'contre') return 'Le vote est défavorable : l’avis ne peut pas être favorable.';
  if (opinion === 'defavorable' && outcome === 'pour') return 'Le vote est favorable : l’avis ne peut pas être défavorable.';
  return null;
}

/** The year the decree of 30 December 2025 brought the commission to two meetings a year. */
export const TWICE_A_YEAR_FROM = 2026;

/**
 * Meetings deliberating on departmental policy the commission must hold over a period: at least one a
 * year until 2025, two a year from 2026. A whole year requires its count; from 2026 each half-year
 * covered requires one; a part of a year before 2026 requires none (the meeting may fall outside it).
 */
export function requiredPolicyMeetings(from: string, to: string): number {
  let total = 0;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const start = from > `${year}-01-01` ? from : `${year}-01-01`;
    const end = to < `${year}-12-31` ? to : `${year}-12-31`;
    const covered = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
    const perYear = year >= TWICE_A_YEAR_FROM ? 2 : 1;
    // The margin lets a 181-day half-year count as one.
    total += Math.floor((perYear * covered) / 365.25 + 0.05);
  }
  return total;
}

/** The rule of `requiredPolicyMeetings` in words, for documents. */
export function policyMeetingsRule(from: string, to: string): string {
  const before = Number(from.slice(0, 4)) < TWICE_A_YEAR_FROM;
  const after = Number(to.slice(0, 4)) >= TWICE_A_YEAR_FROM;
  if (before && after) return 'une fois par an jusqu’en 2025, deux fois par an depuis le décret du 30 décembre 2025';
  return after ? 'deux fois par an au moins depuis le décret du 30 décembre 2025' : 'une fois par an au moins';
}

const COLLEGE_OF: Record<PartnerType, College> = {
  prefecture: 'etat',
  ddfe_ddets: 'etat',
  police: 'etat',
  gendarmerie: 'etat',
  education: 'etat',
  sante: 'etat',
  parquet: 'justice',
  pjj: 'justice',
  conseil_departemental: 'collectivites',
  commune: 'collectivites',
  association_sortie: 'associations',
  association_enfance: 'associations',
  hebergement: 'associations',
  economique: 'personnalites',
  ordre_professionnel: 'personnalites',
  autre: 'personnalites',
};

/** The agence régionale de santé, a State agency, among the structures of the health type. */
const STATE_HEALTH_AGENCY = /^(?:agence régionale de santé|ars)(?!\p{L})/iu;

/**
 * The college a new seat held by a structure is proposed in; the secretary may change it. Of the health
 * structures, only the ARS is a State service: a hospital (its UAPED), a maison des adolescents or a CeGIDD
 * sits among the personnalités qualifiées, not under « Services de l’État ».
 */
export function collegeOfPartnerType(type: PartnerType, partnerName: string): College {
  if (type === 'sante' && !STATE_HEALTH_AGENCY.test(partnerName.trim())) return 'personnalites';
  return COLLEGE_OF[type];
}
