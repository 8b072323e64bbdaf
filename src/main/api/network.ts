import { sheet, toXlsxWorkbook } from '../spreadsheets/writer';
import { exportNetworkMap, networkMap } from '../features/partners/network';
import { confirmContact, eraseContact, erasurePreview, personalDataSheet, personFileName, staleContacts } from '../features/partners/gdpr';
import { assertHeldCopies, deleteHeldCopies, listHeldCopies } from '../commission-file/backups';
import { parisToday } from '../../shared/wallclock';
import { saveAndOpen } from './dialogs';
import type { HandlerSlice } from './types';

export const networkHandlers: HandlerSlice<'network' | 'gdpr'> = {
  'network.map': (_input, { session }) => networkMap(session.require().db),
  'network.exportMap': async ({ format }, { session, os, now }) => {
    const { db } = session.require();
    return saveAndOpen(os, { title: 'Exporter la cartographie du réseau', defaultName: `cartographie-${parisToday(now())}.${format}`, type: format }, () => exportNetworkMap(db, format));
  },
  'gdpr.staleContacts': (input, { session, now }) => staleContacts(session.require().db, parisToday(now()), input?.limit),
  'gdpr.confirm': ({ id }, { session, now }) => confirmContact(session.require().db, id, now()),
  'gdpr.erasurePreview': ({ id }, { session }) => {
    const { db, path } = session.require();
    return { ...erasurePreview(db, id), copies: listHeldCopies(path) };
  },
  'gdpr.erase': ({ id }, { session, now }) => {
    const { db, path } = session.require();
    // Listed before: every copy there is was made before the erasure.
    const copies = listHeldCopies(path);
    return { ...eraseContact(db, id, now()), copies };
  },
  'gdpr.deleteCopies': async ({ ids }, { session }) => {
    const { path } = session.require();
    assertHeldCopies(path, ids);
    // The commission is never left without a backup: one of it as it is now, without the erased persons, comes first.
    await session.backup();
    deleteHeldCopies(path, ids);
    return listHeldCopies(path);
  },
  'gdpr.exportPerson': async ({ id }, { session, os, now }) => {
    const { db } = session.require();
    const data = personalDataSheet(db, id, now());
    return saveAndOpen(os, { title: 'Exporter les données de cette personne', defaultName: personFileName(db, id), type: 'xlsx' }, () => toXlsxWorkbook([sheet(data)]));
  },
};
