import {
  createContact,
  createPartner,
  deleteContact,
  deletePartner,
  getPartner,
  listPartners,
  updateContact,
  updatePartner,
} from '../services/partners';
import type { HandlerSlice } from './types';

export const partnerHandlers: HandlerSlice<'partners' | 'contacts'> = {
  'partners.list': (_input, { session }) => listPartners(session.require().db),
  'partners.get': ({ id }, { session }) => getPartner(session.require().db, id),
  'partners.create': (input, { session, now }) => createPartner(session.require().db, input, now().toISOString()),
  'partners.update': (input, { session, now }) => updatePartner(session.require().db, input, now().toISOString()),
  'partners.delete': ({ id }, { session, now }) => deletePartner(session.require().db, id, now().toISOString()),
  'contacts.create': (input, { session, now }) => createContact(session.require().db, input, now().toISOString()),
  'contacts.update': (input, { session, now }) => updateContact(session.require().db, input, now().toISOString()),
  'contacts.delete': ({ id }, { session, now }) => deleteContact(session.require().db, id, now().toISOString()),
};
