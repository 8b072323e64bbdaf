/**
 * The rules of décret 2006-672 (ch. III) as they apply to each kind of session, in one place so that
 * every kind added later (a formation restreinte examining parcours de sortie…) declares its own:
 * whether the quorum is judged, whether the documents are restricted to the members, and who composes
 * the body whose half makes the quorum.
 */
import type { AttendanceStatus, MeetingKind, PartnerType } from './labels';

interface MeetingKindRules {
  /** The quorum is judged (and shown) for the sessions where the commission gives opinions. */
  quorum: boolean;
  /** « Diffusion restreinte »: documents go only to the members of the formation. */
  restricted: boolean;
  /** Whose half makes the quorum: every titulaire member, or those sitting in the formation restreinte. */
  composition: 'commission' | 'restreinte';
}

const RULES: Record<MeetingKind, MeetingKindRules> = {
  pleniere: { quorum: true, restricted: false, composition: 'commission' },
  restreinte: { quorum: true, restricted: true, composition: 'restreinte' },
  comite_technique: { quorum: false, restricted: false, composition: 'commission' },
  groupe_travail: { quorum: false, restricted: false, composition: 'commission' },
  // The formation restreinte that examines parcours de sortie requests: its rules, its members.
  examen_parcours: { quorum: true, restricted: true, composition: 'restreinte' },
};

export function meetingRules(kind: MeetingKind): MeetingKindRules {
  return RULES[kind];
}

/** The convocation is sent at least this many days before the meeting. */
export const CONVOCATION_NOTICE_DAYS = 5;

/** A convocation produced on `today` (ISO date) for a session still to come on `sessionDay` reaches the members too late. */
export function convocationIsLate(sessionDay: string, today: string): boolean {
  const days = (Date.parse(`${sessionDay.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days >= 0 && days < CONVOCATION_NOTICE_DAYS;
}

interface QuorumAttendee {
  isMember: boolean;
  memberRole: 'titulaire' | 'suppleant' | null;
  restrictedMember: boolean;
  status: AttendanceStatus;
}

export interface Quorum {
  /** False for the kinds of session where the décret's quorum does not apply. */
  applies: boolean;
  /** Members composing the commission (or the formation restreinte): titulaires only. */
  composition: number;
  /** Of them, present (in person, by call or through their suppléant) or having given a mandate. */
  counted: number;
  /** At least half of the composition. */
  required: number;
  /** Members whose attendance is still « invité »: the quorum cannot be judged yet. */
  pending: number;
  reached: boolean;
}

const COUNTED: AttendanceStatus[] = ['present', 'supplee', 'mandat'];

/** The quorum of décret 2006-672, art. 11: at least half of the members composing the body. */
export function computeQuorum(kind: MeetingKind, composition: number, attendees: QuorumAttendee[]): Quorum {
  const rules = meetingRules(kind);
  const sits = (a: QuorumAttendee) => a.isMember && a.memberRole !== 'suppleant' && (rules.composition === 'commission' || a.restrictedMember);
  const members = attendees.filter(sits);
  const counted = Math.min(composition, members.filter((a) => COUNTED.includes(a.status)).length);
  const required = Math.ceil(composition / 2);
  return {
    applies: rules.quorum,
    composition,
    counted,
    required,
    pending: members.filter((a) => a.status === 'invite').length,
    reached: composition > 0 && counted >= required,
  };
}

/** The colleges the minutes group attendance by, in the order they are listed. */
export const colleges = ['Services de l’État', 'Justice', 'Collectivités territoriales', 'Associations', 'Autres participants'] as const;
type College = (typeof colleges)[number];

const COLLEGE_OF: Record<PartnerType, College> = {
  prefecture: 'Services de l’État',
  ddfe_ddets: 'Services de l’État',
  police: 'Services de l’État',
  gendarmerie: 'Services de l’État',
  education: 'Services de l’État',
  sante: 'Services de l’État',
  parquet: 'Justice',
  pjj: 'Justice',
  conseil_departemental: 'Collectivités territoriales',
  commune: 'Collectivités territoriales',
  association_sortie: 'Associations',
  association_enfance: 'Associations',
  hebergement: 'Associations',
  economique: 'Autres participants',
  ordre_professionnel: 'Autres participants',
  autre: 'Autres participants',
};

/** The college of a structure, from its type; people without a structure are « autres ». */
export function collegeOf(type: PartnerType | null): College {
  return type ? COLLEGE_OF[type] : 'Autres participants';
}
