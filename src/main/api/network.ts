import { writeUserFile } from '../platform/files';
import { sheet, toXlsxWorkbook } from '../spreadsheets/writer';
import { confirmContact, eraseContact, exportNetworkMap, networkMap, personalDataSheet, personFileName, staleContacts } from '../features/partners/network';
import { parisToday } from '../../shared/wallclock';
import type { HandlerSlice } from './types';

export const networkHandlers: HandlerSlice<'network' | 'gdpr'> = {
  'network.map': (_input, { session }) => networkMap(session.require().db),
  'network.exportMap': async ({ format }, { session, os, now }) => {
    const { db } = session.require();
    const target = await os.pickSaveFile({
      title: 'Exporter la cartographie du réseau',
      defaultName: `cartographie-${parisToday(now())}.${format}`,
      filters: [format === 'xlsx' ? { name: 'Classeur Excel', extensions: ['xlsx'] } : { name: 'CSV (point-virgule)', extensions: ['csv'] }],
    });
    if (!target) return null;
    await writeUserFile(target, await exportNetworkMap(db, format));
    await os.openPath(target);
    return { path: target };
  },
  'gdpr.staleContacts': (_input, { session, now }) => staleContacts(session.require().db, parisToday(now())),
  'gdpr.confirm': ({ id }, { session, now }) => confirmContact(session.require().db, id, now()),
  'gdpr.erase': ({ id }, { session, now }) => eraseContact(session.require().db, id, now()),
  'gdpr.exportPerson': async ({ id }, { session, os, now }) => {
    const { db } = session.require();
    const data = personalDataSheet(db, id, now());
    const target = await os.pickSaveFile({ title: 'Exporter les données de cette personne', defaultName: personFileName(db, id), filters: [{ name: 'Classeur Excel', extensions: ['xlsx'] }] });
    if (!target) return null;
    await writeUserFile(target, await toXlsxWorkbook([sheet(data)]));
    await os.openPath(target);
    return { path: target };
  },
};
