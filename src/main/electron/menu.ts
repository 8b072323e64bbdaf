/**
 * The French application menu. Commands that need the renderer's state (a form to fill, a
 * result to show) are relayed to it on `maillage:command`; the renderer then calls the API like
 * any of its own buttons, so each action has one implementation.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api';

export interface MenuOptions {
  isDev: boolean;
  isMac: boolean;
  send: (command: MenuCommand) => void;
  about: () => void;
}

export function menuTemplate({ isDev, isMac, send, about }: MenuOptions): MenuItemConstructorOptions[] {
  const command = (label: string, name: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(name),
  });
  const aboutItem: MenuItemConstructorOptions = { label: 'À propos de Maillage', click: about };

  // macOS takes the first menu as the application menu, whatever its label.
  const macAppMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'Maillage',
          submenu: [
            aboutItem,
            { type: 'separator' },
            { role: 'hide', label: 'Masquer Maillage' },
            { role: 'hideOthers', label: 'Masquer les autres' },
            { role: 'unhide', label: 'Tout afficher' },
            { type: 'separator' },
            { role: 'quit', label: 'Quitter Maillage' },
          ],
        },
      ]
    : [];

  const viewMenu: MenuItemConstructorOptions[] = [
    ...(isDev
      ? ([
          { role: 'reload', label: 'Recharger' },
          { role: 'forceReload', label: 'Forcer le rechargement' },
          { role: 'toggleDevTools', label: 'Outils de développement' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    // Zoom stays in production: it is how users with poor eyesight enlarge the grids.
    { role: 'resetZoom', label: 'Taille réelle' },
    { role: 'zoomIn', label: 'Zoom avant' },
    { role: 'zoomOut', label: 'Zoom arrière' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Plein écran' },
  ];

  return [
    ...macAppMenu,
    {
      label: 'Fichier',
      submenu: [
        command('Nouvelle commission…', 'new-commission', 'CmdOrCtrl+N'),
        command('Ouvrir…', 'open', 'CmdOrCtrl+O'),
        command('Enregistrer une copie…', 'save-copy', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        command('Exporter un paquet d’échange…', 'export-package', 'CmdOrCtrl+E'),
        command('Importer un paquet d’échange…', 'import-package', 'CmdOrCtrl+I'),
        { type: 'separator' },
        command('Paramètres de la commission…', 'settings', 'CmdOrCtrl+,'),
        ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit', label: 'Quitter', accelerator: 'CmdOrCtrl+Q' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { type: 'separator' },
        { role: 'selectAll', label: 'Tout sélectionner' },
        { type: 'separator' },
        command('Rechercher dans la commission…', 'search', 'CmdOrCtrl+K'),
      ],
    },
    { label: 'Affichage', submenu: viewMenu },
    { label: 'Aide', submenu: [command('Guide de Maillage', 'help', 'F1'), { type: 'separator' }, aboutItem] },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
