import { undoable } from '../commission-file/undo';
import { parisToday } from '../../shared/wallclock';
import {
  createContact,
  createPartner,
  deleteContact,
  deletePartner,
  getPartner,
  listPartnerOptions,
  listPartners,
  updateContact,
  updatePartner,
} from '../features/partners/partners';
import { saveAndOpen } from './dialogs';
import { exportPartners } from '../features/partners/export';
import type { HandlerSlice } from './types';

export const partnerHandlers: HandlerSlice<'partners' | 'contacts'> = {
  'partners.list': (_input, { session, now }) => listPartners(session.require().db, parisToday(now())),
  'partners.options': (_input, { session }) => listPartnerOptions(session.require().db),
  'partners.get': ({ id }, { session, now }) => getPartner(session.require().db, id, parisToday(now())),
  'partners.create': (input, { session, now }) => createPartner(session.require().db, input, now()),
  'partners.update': (input, { session, now }) => updatePartner(session.require().db, input, now()),
  'partners.delete': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => deletePartner(db, id, at)),
  'partners.export': async ({ format }, { session, os, now }) => {
    const { db } = session.require();
    return saveAndOpen(os, { title: 'Exporter les partenaires', defaultName: `partenaires-${parisToday(now())}.${format}`, type: format }, () => exportPartners(db, format, parisToday(now())));
  },
  'contacts.create': (input, { session, now }) => createContact(session.require().db, input, now()),
  'contacts.update': (input, { session, now }) => updateContact(session.require().db, input, now()),
  'contacts.delete': ({ id }, { session, now }) => undoable(session.require().db, now(), (db, at) => deleteContact(db, id, at)),
};
