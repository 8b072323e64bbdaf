import type { MeetingKind, ParcoursDecision, ParcoursEndReason, ParcoursOpinion, ParcoursRight, ParcoursState } from '../labels';
import type { Quorum, Vote } from '../meeting-rules';
import type { AgrementState, ParcoursFigures } from '../parcours';

/** What needs doing on a request: the three deadlines of the register. */
/** « end_passed »: authorised, its end date gone by, neither closed nor renewed (the exit is still to record). */
export type ParcoursDeadlineKind = 'end_passed' | 'renewal_due' | 'awaiting_opinion' | 'awaiting_decision';

export interface ParcoursListItem {
  id: string;
  reference: string;
  chainId: string;
  renewalNumber: number;
  previousReference: string | null;
  associationName: string;
  receivedOn: string;
  meetingId: string | null;
  meetingStartsAt: string | null;
  opinion: ParcoursOpinion | null;
  opinionOn: string | null;
  decision: ParcoursDecision | null;
  decisionOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  rights: ParcoursRight[];
  state: ParcoursState;
  endReason: ParcoursEndReason | null;
  closedOn: string | null;
  /** The reference of the renewal asked for this parcours, if any. */
  renewalReference: string | null;
  deadline: ParcoursDeadlineKind | null;
  updatedAt: string;
}

export interface ParcoursChainLink {
  id: string;
  reference: string;
  renewalNumber: number;
  decision: ParcoursDecision | null;
  startsOn: string | null;
  endsOn: string | null;
  state: ParcoursState;
}

export interface ParcoursDetail extends ParcoursListItem {
  associationId: string | null;
  previousId: string | null;
  opinionReasons: string | null;
  decreeRef: string | null;
  sex: string | null;
  ageBand: string | null;
  nationality: string | null;
  notes: string | null;
  /** Every request of this person's chain, first request first. */
  chain: ParcoursChainLink[];
  /** The last day the chain may reach (24 months from its first start), once it has started. */
  capDate: string | null;
  /** The association's agrément on the day of the examining meeting (or today while none is set). */
  agrement: AgrementState | null;
  createdAt: string;
}

export interface ParcoursOptions {
  /** Approved associations first, then the other structures of the directory. */
  associations: { id: string; name: string; approved: boolean }[];
  meetings: { id: string; kind: MeetingKind; startsAt: string }[];
  /** Authorised requests that may be renewed (not yet renewed, or whose renewal was refused). */
  renewable: { id: string; reference: string; associationId: string | null; associationName: string; renewalNumber: number; endsOn: string | null; chainStart: string | null }[];
}

export interface ParcoursReminder {
  id: string;
  reference: string;
  renewalNumber: number;
  associationName: string;
  /** The date that matters: end of the parcours, reception, or avis. */
  date: string;
  /** Days until `date` (negative when past); for waiting requests, days already waited. */
  days: number;
}

export interface ParcoursDeadlines {
  today: string;
  /** Authorised parcours ending within 6 weeks with no renewal request. */
  endingSoon: ParcoursReminder[];
  /** Authorised parcours whose end date has passed, neither closed nor renewed: the exit is still to record. */
  endPassed: ParcoursReminder[];
  awaitingOpinion: ParcoursReminder[];
  awaitingDecision: ParcoursReminder[];
  /** The next examining meeting to come, if one is planned. */
  nextMeeting: { id: string; startsAt: string } | null;
}

/** A member who takes no part in an avis (CRPA R. 133-12): of the association that presents it, or who declared an interest. */
export interface LeftOut {
  attendeeId: string;
  name: string;
  structure: string | null;
  reason: 'association' | 'declared';
  note: string | null;
}

export interface ExaminedRequest {
  id: string;
  reference: string;
  renewalNumber: number;
  associationId: string | null;
  associationName: string;
  receivedOn: string;
  /** The avis given at this meeting (null while not recorded). */
  opinion: ParcoursOpinion | null;
  reasons: string | null;
  decision: ParcoursDecision | null;
  /** The vote, when recorded (pour, contre, abstention, the chair's casting vote on a tie). */
  votes: Vote | null;
  leftOut: LeftOut[];
  /** The quorum of this item: the members left out count neither in it nor in the vote. */
  quorum: Quorum;
  /** The avis is (or would be) validly given: quorum reached, or waived at a new convocation. */
  valid: boolean;
  /** The association's agrément on the day of the meeting. */
  agrement: AgrementState;
}

export interface MeetingParcours {
  meetingId: string;
  isExamining: boolean;
  examined: ExaminedRequest[];
  /** The members who sit at this meeting, for declaring an interest. */
  members: { attendeeId: string; name: string; structure: string | null }[];
  /** Waiting for an avis and not yet put on this meeting's agenda. */
  waiting: ParcoursReminder[];
  /** Parcours ending before the examining meeting after this one, with no renewal request yet. */
  renewalsDue: ParcoursReminder[];
}

export interface RetentionCandidate {
  chainId: string;
  references: string[];
  associationName: string;
  closedOn: string;
}

export interface ParcoursStats extends ParcoursFigures {
  /** Requests of the period read from archived (purged) rows. */
  archivedRequests: number;
}
