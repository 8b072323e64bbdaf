import { withUndo } from '../commission-file/undo';
import { parisToday } from '../../shared/wallclock';
import {
  appoint,
  appointToSeatOf,
  compositionCandidates,
  confirmComposition,
  deleteMember,
  endMembers,
  exportComposition,
  getComposition,
  setArrete,
  updateMember,
  updateSeat,
  updateSeats,
} from '../features/composition/composition';
import { saveAndOpen } from './dialogs';
import type { HandlerSlice } from './types';

export const compositionHandlers: HandlerSlice<'composition'> = {
  'composition.get': (input, { session, now }) => getComposition(session.require().db, input?.on ?? parisToday(now())),
  'composition.candidates': (_input, { session, now }) => compositionCandidates(session.require().db, parisToday(now())),
  'composition.appoint': (input, { session, now }) => appoint(session.require().db, input, now(), parisToday(now())),
  'composition.appointToSeat': (input, { session, now }) => appointToSeatOf(session.require().db, input, now(), parisToday(now())),
  'composition.updateSeat': (input, { session, now }) => updateSeat(session.require().db, input, now(), parisToday(now())),
  'composition.updateSeats': (input, { session, now }) => updateSeats(session.require().db, input, now(), parisToday(now())),
  'composition.updateMember': (input, { session, now }) => updateMember(session.require().db, input, now(), parisToday(now())),
  'composition.setArrete': (input, { session, now }) => setArrete(session.require().db, input, now(), parisToday(now())),
  'composition.endMembers': (input, { session, now }) => endMembers(session.require().db, input, now(), parisToday(now())),
  'composition.deleteMember': ({ id }, { session, now }) => {
    const db = session.require().db;
    return withUndo(db, now(), () => deleteMember(db, id, now(), parisToday(now())));
  },
  'composition.confirm': (_input, { session, now }) => confirmComposition(session.require().db, now(), parisToday(now())),
  'composition.export': async ({ format, on }, { session, os, now }) => {
    const { db } = session.require();
    const day = on ?? parisToday(now());
    return saveAndOpen(os, { title: 'Exporter la composition de la commission', defaultName: `composition-${day}.${format}`, type: format }, () => exportComposition(db, day, format));
  },
};
