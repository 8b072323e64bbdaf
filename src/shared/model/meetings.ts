/** Output types of the sessions domain (séances, ordre du jour, décisions, suites à donner). */
import type { Civility } from '../schemas/partners';
import type { AttendanceStatus, College, FollowUpStatus, MeetingKind, MemberRole, PartnerType, SeatTitle } from '../labels';
import type { Quorum } from '../meeting-rules';

/** How an agenda item came to be: typed by the secretary, or proposed from the previous session. */
export type AgendaItemKind = 'libre' | 'approbation' | 'suivi';

export interface Meeting {
  id: string;
  kind: MeetingKind;
  title: string | null;
  /** Paris wall-clock time, « YYYY-MM-DDTHH:MM ». */
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  videoLink: string | null;
  chair: string | null;
  /** Who signs the convocation for this session; null: the defaults of Paramètres. */
  signatoryName: string | null;
  signatoryTitle: string | null;
  signsByDelegation: boolean | null;
  nextMeetingNote: string | null;
  notes: string | null;
  /** A new convocation on the same agenda after this meeting lacked quorum (R. 133-10): it deliberates without quorum. */
  secondConvocationOf: string | null;
  /** The chair signed the minutes on this day (they are then approved, as by a later meeting). */
  minutesSignedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingListItem extends Meeting {
  invitedCount: number;
  presentCount: number;
  agendaCount: number;
  decisionsCount: number;
  openFollowUpsCount: number;
}

export interface Attendee {
  id: string;
  meetingId: string;
  contactId: string | null;
  partnerId: string | null;
  civility: Civility | null;
  name: string;
  role: string | null;
  structure: string | null;
  status: AttendanceStatus;
  /** The suppléant who sat in the member's stead (status « supplee »). */
  representedBy: string | null;
  /** The attendee the member gave a mandate to (status « mandat »), and their name. */
  mandateTo: string | null;
  mandateToName: string | null;
  /** Held a seat of the commission on the day of the meeting. */
  isMember: boolean;
  memberRole: MemberRole | null;
  seatId: string | null;
  seatTitle: SeatTitle | null;
  /** The seat's college, which places a member in the minutes' attendance. */
  college: College | null;
  /** A member whose seat sits at this kind of meeting (meeting-rules.ts, sitsAt). */
  sits: boolean;
  /** For the letters of convocation: the structure's postal address. */
  address: string | null;
  /** The structure's type, which places the person in a college of the minutes. */
  partnerType: PartnerType | null;
}

export interface AgendaLink {
  kind: 'action' | 'protocol';
  id: string;
  label: string;
}

export interface AgendaItem {
  id: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  presenter: string | null;
  durationMin: number | null;
  notes: string | null;
  links: AgendaLink[];
  /** For « Approbation du compte rendu »: the session whose minutes this item approves. */
  approvesMeetingId: string | null;
}

export interface Decision {
  id: string;
  agendaItemId: string | null;
  text: string;
  actionId: string | null;
  actionLabel: string | null;
  journalEntryId: string | null;
  position: number;
}

export interface FollowUp {
  id: string;
  meetingId: string;
  meetingKind: MeetingKind;
  meetingStartsAt: string;
  decisionId: string | null;
  text: string;
  ownerPartnerId: string | null;
  /** The owner structure's current name (null when none, or when it has been deleted). */
  ownerPartnerName: string | null;
  ownerName: string | null;
  dueOn: string | null;
  status: FollowUpStatus;
  closedOn: string | null;
}

export type { Quorum } from '../meeting-rules';

/** A document attached to a session (sent with the convocation), kept in the commission's files. */
export interface MeetingFile {
  id: string;
  title: string;
  fileName: string;
}

export interface MeetingDetail extends Meeting {
  attendees: Attendee[];
  agenda: AgendaItem[];
  decisions: Decision[];
  followUps: FollowUp[];
  /** Follow-ups of earlier sessions still open at this one: its « Suivi des décisions ». */
  earlierFollowUps: FollowUp[];
  previous: { id: string; kind: MeetingKind; startsAt: string } | null;
  next: { id: string; kind: MeetingKind; startsAt: string } | null;
  quorum: Quorum;
  files: MeetingFile[];
  /** The minutes are approved once a later session decided on its « Approbation du compte rendu », or once the chair signed them. */
  approval: { on: string; meetingId: string | null } | null;
  /** The meeting this one convenes again without quorum, and the one convened after this one lacked it. */
  firstConvocation: { id: string; startsAt: string } | null;
  reconvenedAs: { id: string; startsAt: string } | null;
  /** A coordination of minors' situations records how many it coordinated (a count, never a list). */
  minorsSituations: number;
}

/** A saved session, with the invitees removed because their seat does not sit at its new kind. */
export interface MeetingUpdate extends MeetingDetail {
  uninvited: string[];
}

export interface MeetingOptions {
  partners: { id: string; name: string }[];
  contacts: { id: string; partnerId: string; partnerName: string; civility: Civility | null; name: string; role: string | null; isMember: boolean; memberRole: MemberRole | null }[];
  actions: { id: string; code: string | null; label: string }[];
  protocols: { id: string; label: string }[];
}

export interface DashboardFollowUp extends FollowUp {
  overdue: boolean;
  dueSoon: boolean;
}

export interface SessionsDashboard {
  next: MeetingListItem | null;
  openFollowUps: DashboardFollowUp[];
  overdueCount: number;
  dueSoonCount: number;
  openCount: number;
}
