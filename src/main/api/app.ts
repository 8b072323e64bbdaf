import { departements } from '../../shared/departements';
import { writeCommissionCopy } from '../commission-file/backups';
import { COMMISSION_EXTENSION } from '../commission-file/commission';
import { askWhereToSave } from './dialogs';
import type { HandlerSlice } from './types';

const commissionFilter = { name: 'Commission Maillage', extensions: [COMMISSION_EXTENSION, 'sqlite'] };

export const appHandlers: HandlerSlice<'app'> = {
  // The window shows at once; its first status waits for the start-up's reopening (and its backup).
  'app.status': (_input, { session }) => session.afterStartUp(() => session.status()),
  'app.createCommission': (input, { session, now }) => session.create(input, now()),
  'app.openDemo': (_input, { session, now }) => session.openDemo(now()),
  'app.open': async (_input, { session, os }) => {
    const path = await os.pickOpenFile({ title: 'Ouvrir une commission', filters: [commissionFilter] });
    return path ? session.openChosen(path) : null;
  },
  'app.showFolder': async (_input, { session, os }) => {
    await os.showInFolder(session.require().path);
    return null;
  },
  'app.saveCopy': async (_input, { session, os }) => {
    const { db, path } = session.require();
    const code = session.summary()?.departmentCode ?? '';
    const dept = departements.find((d) => d.code === code)?.code ?? 'commission';
    const target = await askWhereToSave(os, { title: 'Enregistrer une copie de la commission', defaultName: `commission-${dept.toLowerCase()}-copie.${COMMISSION_EXTENSION}`, type: 'commission' });
    if (!target) return null;
    await writeCommissionCopy(db, path, target, { replace: true });
    return { path: target };
  },
};
