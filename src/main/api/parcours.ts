import { undoable } from '../commission-file/undo';
import {
  createParcours,
  deleteParcours,
  exportParcours,
  getParcours,
  listParcours,
  parcoursDeadlines,
  parcoursOptions,
  parcoursStats,
  purgeParcours,
  retentionCandidates,
  updateParcours,
} from '../features/parcours/parcours';
import { declareInterest, fillAgenda, meetingParcours, recordOpinion, withdrawInterest } from '../features/parcours/examination';
import { renderReleve } from '../features/parcours/releve';
import { parisToday } from '../../shared/wallclock';
import { saveAndOpen } from './dialogs';
import type { HandlerSlice } from './types';

export const parcoursHandlers: HandlerSlice<'parcours'> = {
  'parcours.list': (_input, { session, now }) => listParcours(session.require().db, parisToday(now())),
  'parcours.get': ({ id }, { session, now }) => getParcours(session.require().db, id, parisToday(now())),
  'parcours.create': (input, { session, now }) => createParcours(session.require().db, input, now()),
  'parcours.update': (input, { session, now }) => updateParcours(session.require().db, input, now()),
  'parcours.delete': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => deleteParcours(db, id, at)),
  'parcours.options': (_input, { session }) => parcoursOptions(session.require().db),
  'parcours.deadlines': (_input, { session, now }) => parcoursDeadlines(session.require().db, parisToday(now())),
  'parcours.stats': ({ from, to }, { session, now }) => parcoursStats(session.require().db, from, to, parisToday(now())),
  'parcours.export': async ({ format }, { session, os, now }) => {
    const { db } = session.require();
    const today = parisToday(now());
    return saveAndOpen(os, { title: 'Exporter le registre des parcours de sortie', defaultName: `parcours-de-sortie-${today}.${format}`, type: format }, () =>
      exportParcours(db, today, format),
    );
  },
  'parcours.retention': (_input, { session, now }) => retentionCandidates(session.require().db, parisToday(now())),
  'parcours.purge': ({ chainIds }, { session, now }) => purgeParcours(session.require().db, chainIds, now()),
  'parcours.meeting': ({ meetingId }, { session, now }) => meetingParcours(session.require().db, meetingId, parisToday(now())),
  'parcours.fillAgenda': ({ meetingId }, { session, now }) => fillAgenda(session.require().db, meetingId, now()),
  'parcours.recordOpinion': (input, { session, now }) => recordOpinion(session.require().db, input, now()),
  'parcours.declareInterest': (input, { session, now }) => declareInterest(session.require().db, input, now()),
  'parcours.withdrawInterest': (input, { session, now }) => withdrawInterest(session.require().db, input, now()),
  'parcours.releve': async ({ meetingId }, { session, os }) => {
    const { db, path } = session.require();
    const { bytes, fileName } = await renderReleve(db, path, meetingId);
    return saveAndOpen(os, { title: 'Enregistrer le relevé d’avis', defaultName: fileName, type: 'docx' }, async () => bytes);
  },
};
