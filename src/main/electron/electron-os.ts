/**
 * OsServices for the desktop app: native dialogs attached to the window (modal, so the user
 * cannot start a second action meanwhile) and the system's viewer for generated documents.
 */
import { app, dialog, shell, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors';
import type { OsServices } from '../platform/os';

export function createElectronOs(getWindow: () => BrowserWindow | null, dataDir: string): OsServices {
  const parent = (): BrowserWindow | null => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : null;
  };
  return {
    dataDir,
    async pickOpenFile({ title, filters }) {
      const options: OpenDialogOptions = { title, buttonLabel: 'Ouvrir', filters, properties: ['openFile'] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickSaveFile({ title, defaultName, filters }) {
      const options: SaveDialogOptions = {
        title,
        buttonLabel: 'Enregistrer',
        // Documents rather than the process's working directory, which means nothing to the user.
        defaultPath: join(app.getPath('documents'), defaultName),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async pickFolder({ title }) {
      const options: OpenDialogOptions = { title, buttonLabel: 'Choisir ce dossier', defaultPath: app.getPath('documents'), properties: ['openDirectory', 'createDirectory'] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openPath(path) {
      // shell.openPath resolves with an error message instead of rejecting.
      const failure = await shell.openPath(path);
      if (failure) throw new ApiError('io', `Le fichier n’a pas pu être ouvert (${failure}). Ouvrez-le depuis son dossier : ${path}`);
    },
    async showInFolder(path) {
      shell.showItemInFolder(path);
    },
  };
}
