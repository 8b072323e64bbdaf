import { undoable, withoutUndo, withUndo } from '../commission-file/undo';
import { createAgendaItem, createDecision, deleteAgendaItem, deleteDecision, moveAgendaItem, setAgendaNotes, updateAgendaItem, updateDecision } from '../features/meetings/agenda';
import { inviteContacts, inviteMembers, invitePerson, markAttendance, removeAttendee } from '../features/meetings/attendance';
import { getMeeting, listMeetings } from '../features/meetings/detail';
import { createFollowUp, deleteFollowUp, partnerFollowUps, sessionsDashboard, setFollowUpStatus, updateFollowUp } from '../features/meetings/follow-ups';
import { createMeeting, deleteMeeting, meetingOptions, reconvene, setMinorsSituations, updateMeeting } from '../features/meetings/meetings';
import { parisToday } from '../../shared/wallclock';
import { MEETING_DOCUMENTS, renderMeetingDocument } from '../features/meetings/documents';
import { addMeetingFile, MEETING_FILE_EXTENSIONS, meetingFileNames, meetingFilePath, moveMeetingFile, removeMeetingFile, renameMeetingFile } from '../features/meetings/files';
import { removeStoredFile } from '../commission-file/stored-files';
import { saveAndOpen } from './dialogs';
import type { HandlerSlice } from './types';

export const meetingHandlers: HandlerSlice<'meetings' | 'attendees' | 'agenda' | 'decisions' | 'followUps' | 'meetingFiles'> = {
  'meetings.list': (_input, { session }) => listMeetings(session.require().db),
  'meetings.get': ({ id }, { session }) => getMeeting(session.require().db, id),
  'meetings.create': (input, { session, now }) => createMeeting(session.require().db, input, now()),
  'meetings.update': (input, { session, now }) => updateMeeting(session.require().db, input, now()),
  'meetings.reconvene': (input, { session, now }) => reconvene(session.require().db, input, now()),
  'meetings.setMinors': (input, { session, now }) => setMinorsSituations(session.require().db, input, now()),
  'meetings.delete': ({ id }, { session, now }) => {
    const { db, path } = session.require();
    const files = meetingFileNames(db, id);
    // Its documents leave the disk with it: a session that had some cannot come back.
    if (files.length > 0) {
      const deleted = withoutUndo(deleteMeeting(db, id, now()));
      for (const file of files) removeStoredFile(path, file);
      return deleted;
    }
    return withUndo(db, now(), () => deleteMeeting(db, id, now()));
  },
  'meetings.options': (_input, { session, now }) => meetingOptions(session.require().db, parisToday(now())),
  'meetings.dashboard': (_input, { session, now }) => sessionsDashboard(session.require().db, now()),
  'meetings.export': async (input, { session, os, now }) => {
    const { db, path } = session.require();
    const { bytes, fileName, warning } = await renderMeetingDocument(db, path, input.id, input.document, now());
    const spec = MEETING_DOCUMENTS[input.document];
    const saved = await saveAndOpen(os, { title: spec.title, defaultName: fileName, type: spec.extension }, async () => bytes);
    return saved && { ...saved, warning };
  },

  'attendees.addContacts': (input, { session, now }) => inviteContacts(session.require().db, input, now()),
  'attendees.addPerson': (input, { session, now }) => invitePerson(session.require().db, input, now()),
  'attendees.addMembers': ({ id }, { session, now }) => inviteMembers(session.require().db, id, now()),
  'attendees.setAttendance': (input, { session, now }) => markAttendance(session.require().db, input, now()),
  'attendees.remove': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => removeAttendee(db, id, at)),

  'agenda.create': (input, { session, now }) => createAgendaItem(session.require().db, input, now()),
  'agenda.update': (input, { session, now }) => updateAgendaItem(session.require().db, input, now()),
  'agenda.setNotes': (input, { session, now }) => setAgendaNotes(session.require().db, input, now()),
  'agenda.move': (input, { session, now }) => moveAgendaItem(session.require().db, input, now()),
  'agenda.delete': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => deleteAgendaItem(db, id, at)),

  'decisions.create': (input, { session, now }) => createDecision(session.require().db, input, now()),
  'decisions.update': (input, { session, now }) => updateDecision(session.require().db, input, now()),
  'decisions.delete': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => deleteDecision(db, id, at)),

  'followUps.create': (input, { session, now }) => createFollowUp(session.require().db, input, now()),
  'followUps.update': (input, { session, now }) => updateFollowUp(session.require().db, input, now()),
  'followUps.setStatus': (input, { session, now }) => setFollowUpStatus(session.require().db, input, now()),
  'followUps.delete': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => deleteFollowUp(db, id, at)),
  'followUps.byPartner': ({ partnerId }, { session }) => partnerFollowUps(session.require().db, partnerId),

  'meetingFiles.add': async ({ id }, { session, os, now }) => {
    const { db, path } = session.require();
    const source = await os.pickOpenFile({ title: 'Joindre un document à la séance', filters: [{ name: 'Documents', extensions: MEETING_FILE_EXTENSIONS }] });
    return source ? addMeetingFile(db, path, id, source, now()) : null;
  },
  'meetingFiles.rename': (input, { session, now }) => renameMeetingFile(session.require().db, input, now()),
  'meetingFiles.move': (input, { session, now }) => moveMeetingFile(session.require().db, input, now()),
  'meetingFiles.open': async ({ id }, { session, os }) => {
    const { db, path } = session.require();
    await os.openPath(meetingFilePath(db, path, id));
    return null;
  },
  'meetingFiles.remove': ({ id }, { session, now }) => {
    const { db, path } = session.require();
    return removeMeetingFile(db, path, id, now());
  },
};
