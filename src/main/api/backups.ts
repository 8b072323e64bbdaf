import { parisToday } from '../../shared/wallclock';
import { deleteBackup, listBackups } from '../commission-file/backups';
import { exportPackage, PACKAGE_EXTENSION } from '../commission-file/packages';
import { askWhereToSave, FILE_TYPES } from './dialogs';
import type { HandlerSlice } from './types';


export const backupHandlers: HandlerSlice<'backups'> = {
  'backups.list': (_input, { session }) => listBackups(session.require().path),
  'backups.create': (_input, { session }) => session.backup(),
  'backups.restore': (input, { session }) => session.restore(input.id),
  'backups.delete': (input, { session }) => {
    const { path } = session.require();
    deleteBackup(path, input.id);
    return listBackups(path);
  },
  'backups.restoreDamaged': async (_input, { session }) => {
    await session.restoreDamaged();
    return session.status();
  },
};

export const packageHandlers: HandlerSlice<'package'> = {
  'package.export': async (_input, { session, os, now }) => {
    const { db, path } = session.require();
    const code = session.summary()?.departmentCode.toLowerCase() ?? 'commission';
    const target = await askWhereToSave(os, { title: 'Exporter un paquet d’échange', defaultName: `commission-${code}-${parisToday(now())}.${PACKAGE_EXTENSION}`, type: 'package' });
    if (!target) return null;
    await exportPackage(db, path, target, now());
    return { path: target };
  },
  'package.chooseImport': async (_input, { session, os }) => {
    const file = await os.pickOpenFile({ title: 'Importer un paquet d’échange', filters: [FILE_TYPES.package] });
    return file ? session.prepareImport(file) : null;
  },
  'package.import': (input, { session }) => session.confirmImport(input.mode),
  'package.cancelImport': (_input, { session }) => {
    session.discardImport();
    return null;
  },
};
