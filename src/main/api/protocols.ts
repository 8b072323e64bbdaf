import { withoutUndo, withUndo } from '../commission-file/undo';
import {
  actionOptions,
  attachFile,
  changeStatus,
  createProtocol,
  deleteProtocol,
  exportProtocols,
  getProtocol,
  listProtocols,
  removeFile,
  renewals,
  SIGNED_FILE_EXTENSIONS,
  signedFilePath,
  updateProtocol,
} from '../features/protocols/protocols';
import { parisToday } from '../../shared/wallclock';
import { saveAndOpen } from './dialogs';
import type { HandlerSlice } from './types';

export const protocolHandlers: HandlerSlice<'protocols'> = {
  'protocols.list': (_input, { session, now }) => listProtocols(session.require().db, parisToday(now())),
  'protocols.get': ({ id }, { session, now }) => getProtocol(session.require().db, id, parisToday(now())),
  'protocols.create': (input, { session, now }) => createProtocol(session.require().db, input, now()),
  'protocols.update': (input, { session, now }) => updateProtocol(session.require().db, input, now()),
  'protocols.setStatus': (input, { session, now }) => changeStatus(session.require().db, input, now()),
  'protocols.delete': ({ id }, { session, now }) => {
    const { db, path } = session.require();
    // Its signed copy leaves the disk with it: a protocol that had one cannot come back.
    if (db.prepare('SELECT file_name FROM protocols WHERE id = ?').pluck().get(id)) return withoutUndo(deleteProtocol(db, path, id, now()));
    return withUndo(db, now(), () => deleteProtocol(db, path, id, now()));
  },
  'protocols.renewals': (_input, { session, now }) => renewals(session.require().db, parisToday(now())),
  'protocols.actionOptions': (_input, { session }) => actionOptions(session.require().db),
  'protocols.attachFile': async ({ id }, { session, os, now }) => {
    const { db, path } = session.require();
    const source = await os.pickOpenFile({ title: 'Joindre le document signé', filters: [{ name: 'Documents', extensions: SIGNED_FILE_EXTENSIONS }] });
    return source ? attachFile(db, path, id, source, now()) : null;
  },
  'protocols.openFile': async ({ id }, { session, os }) => {
    const { db, path } = session.require();
    await os.openPath(signedFilePath(db, path, id));
    return null;
  },
  'protocols.removeFile': ({ id }, { session, now }) => {
    const { db, path } = session.require();
    return removeFile(db, path, id, now());
  },
  'protocols.export': async ({ format }, { session, os, now }) => {
    const { db } = session.require();
    const today = parisToday(now());
    return saveAndOpen(os, { title: 'Exporter le registre des protocoles', defaultName: `protocoles-${today}.${format}`, type: format }, () => exportProtocols(db, today, format));
  },
};
