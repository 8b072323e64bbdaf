import { sheet, toXlsxWorkbook } from '../spreadsheets/writer';
import { confirmContact, eraseContact, exportNetworkMap, networkMap, personalDataSheet, personFileName, staleContacts } from '../features/partners/network';
import { parisToday } from '../../shared/wallclock';
import { saveAndOpen } from './dialogs';
import type { HandlerSlice } from './types';

export const networkHandlers: HandlerSlice<'network' | 'gdpr'> = {
  'network.map': (_input, { session }) => networkMap(session.require().db),
  'network.exportMap': async ({ format }, { session, os, now }) => {
    const { db } = session.require();
    return saveAndOpen(os, { title: 'Exporter la cartographie du réseau', defaultName: `cartographie-${parisToday(now())}.${format}`, type: format }, () => exportNetworkMap(db, format));
  },
  'gdpr.staleContacts': (_input, { session, now }) => staleContacts(session.require().db, parisToday(now())),
  'gdpr.confirm': ({ id }, { session, now }) => confirmContact(session.require().db, id, now()),
  'gdpr.erase': ({ id }, { session, now }) => eraseContact(session.require().db, id, now()),
  'gdpr.exportPerson': async ({ id }, { session, os, now }) => {
    const { db } = session.require();
    const data = personalDataSheet(db, id, now());
    return saveAndOpen(os, { title: 'Exporter les données de cette personne', defaultName: personFileName(db, id), type: 'xlsx' }, () => toXlsxWorkbook([sheet(data)]));
  },
};
