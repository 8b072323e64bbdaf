import type { Undoable } from '../model/undo';
import { byId } from '../schemas/common';
import {
  addContacts,
  addPerson,
  agendaItemFields,
  agendaItemUpdate,
  agendaMove,
  agendaNotes,
  byPartner,
  decisionFields,
  decisionUpdate,
  followUpFields,
  followUpStatus,
  followUpUpdate,
  meetingCreate,
  meetingExport,
  meetingFileMove,
  meetingFileRename,
  meetingReconvene,
  meetingUpdate,
  minorsCount,
  setAttendance,
} from '../schemas/meetings';
import type { FollowUp, MeetingDetail, MeetingListItem, MeetingOptions, MeetingUpdate, SessionsDashboard } from '../model/meetings';
import { channel, none } from './channel';

/** Every write answers with the whole session, so the page redraws from one source of truth. */
export const meetingsContract = {
  'meetings.list': channel<MeetingListItem[]>()(none),
  'meetings.get': channel<MeetingDetail>()(byId),
  'meetings.create': channel<MeetingDetail>()(meetingCreate),
  /** Changing a session's kind uninvites the members whose seat does not sit at the new kind (`uninvited`). */
  'meetings.update': channel<MeetingUpdate>()(meetingUpdate),
  /** « Nouvelle convocation sans condition de quorum »: creates the next meeting on the same agenda. */
  'meetings.reconvene': channel<MeetingDetail>()(meetingReconvene),
  /** The count of minors' situations a coordination meeting coordinated. */
  'meetings.setMinors': channel<MeetingDetail>()(minorsCount),
  'meetings.delete': channel<Undoable<{ id: string }>>()(byId),
  /** Structures, contacts, fiches actions and protocols offered by the session's pickers. */
  'meetings.options': channel<MeetingOptions>()(none),
  /** Next session and open follow-ups, for the dashboard. */
  'meetings.dashboard': channel<SessionsDashboard>()(none),
  /** Writes a document of the session where the user chooses, then opens it; null when cancelled. */
  'meetings.export': channel<{ path: string; warning: string | null } | null>()(meetingExport),

  'attendees.addContacts': channel<MeetingDetail>()(addContacts),
  'attendees.addPerson': channel<MeetingDetail>()(addPerson),
  /** Invites the members of the commission not invited yet. */
  'attendees.addMembers': channel<MeetingDetail>()(byId),
  'attendees.setAttendance': channel<MeetingDetail>()(setAttendance),
  'attendees.remove': channel<Undoable<MeetingDetail>>()(byId),

  'agenda.create': channel<MeetingDetail>()(agendaItemFields),
  'agenda.update': channel<MeetingDetail>()(agendaItemUpdate),
  'agenda.setNotes': channel<MeetingDetail>()(agendaNotes),
  'agenda.move': channel<MeetingDetail>()(agendaMove),
  'agenda.delete': channel<Undoable<MeetingDetail>>()(byId),

  'decisions.create': channel<MeetingDetail>()(decisionFields),
  'decisions.update': channel<MeetingDetail>()(decisionUpdate),
  'decisions.delete': channel<Undoable<MeetingDetail>>()(byId),

  'followUps.create': channel<MeetingDetail>()(followUpFields),
  'followUps.update': channel<MeetingDetail>()(followUpUpdate),
  'followUps.setStatus': channel<FollowUp>()(followUpStatus),
  'followUps.delete': channel<Undoable<MeetingDetail>>()(byId),
  /** Open follow-ups owned by a structure, for its partner page. */
  'followUps.byPartner': channel<FollowUp[]>()(byPartner),

  /** Asks for a document and copies it into the commission's files as a pièce jointe of the session `id`; null when cancelled. */
  'meetingFiles.add': channel<MeetingDetail | null>()(byId),
  'meetingFiles.rename': channel<MeetingDetail>()(meetingFileRename),
  'meetingFiles.move': channel<MeetingDetail>()(meetingFileMove),
  'meetingFiles.open': channel<null>()(byId),
  'meetingFiles.remove': channel<MeetingDetail>()(byId),
} as const;
