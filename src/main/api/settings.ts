import { readCommission } from '../commission-file/commission';
import { LOGO_EXTENSIONS, readLogo, removeLogo, setLogo, updateCommission } from '../features/settings/settings';
import type { HandlerSlice } from './types';

export const settingsHandlers: HandlerSlice<'settings'> = {
  'settings.update': (input, { session, now }) => {
    const { db, path } = session.require();
    updateCommission(db, input, now());
    return readCommission(db, path);
  },
  'settings.chooseLogo': async (_input, { session, os, now }) => {
    const { db, path } = session.require();
    const source = await os.pickOpenFile({ title: 'Choisir le logo de la préfecture', filters: [{ name: 'Images', extensions: LOGO_EXTENSIONS }] });
    if (!source) return null;
    await setLogo(db, path, source, now());
    return readCommission(db, path);
  },
  'settings.removeLogo': (_input, { session, now }) => {
    const { db, path } = session.require();
    removeLogo(db, path, now());
    return readCommission(db, path);
  },
  'settings.logo': (_input, { session }) => {
    const { db, path } = session.require();
    const logo = readLogo(path, readCommission(db, path).logoFile);
    if (!logo) return null;
    return { fileName: logo.fileName, dataUrl: `data:${logo.mime};base64,${logo.bytes.toString('base64')}` };
  },
};
