/** Output types of the sessions domain (séances, ordre du jour, décisions, suites à donner). */
import type { Civility } from '../schemas/partners';
import type { AttendanceStatus, FollowUpStatus, MeetingKind, PartnerType } from '../labels';
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
  isMember: boolean;
  /** The contact's membership today (null when not a member, or the contact was deleted). */
  memberRole: 'titulaire' | 'suppleant' | null;
  restrictedMember: boolean;
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
  /** The minutes are approved once a later session decided on its « Approbation du compte rendu ». */
  approval: { on: string; meetingId: string } | null;
}

/** A saved session, with the child-protection invitees removed because it became an examining meeting. */
export interface MeetingUpdate extends MeetingDetail {
  uninvited: string[];
}

export interface MeetingOptions {
  partners: { id: string; name: string }[];
  contacts: { id: string; partnerId: string; partnerName: string; civility: Civility | null; name: string; role: string | null; isMember: boolean; memberRole: 'titulaire' | 'suppleant' | null }[];
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
