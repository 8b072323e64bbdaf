/** Output types of the sessions domain (séances, ordre du jour, décisions, suites à donner). */
import type { Civility } from '../schemas/partners';
import type { AttendanceStatus, FollowUpStatus, MeetingKind } from '../labels';

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
  representedBy: string | null;
  isMember: boolean;
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

/** Members present or represented against the majority of the members invited. */
export interface Quorum {
  members: number;
  presentOrRepresented: number;
  required: number;
  /** Attendance of at least one member still « invité »: the quorum cannot be judged yet. */
  pending: number;
  reached: boolean;
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
}

export interface MeetingOptions {
  partners: { id: string; name: string }[];
  contacts: { id: string; partnerId: string; partnerName: string; civility: Civility | null; name: string; role: string | null; isMember: boolean }[];
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
