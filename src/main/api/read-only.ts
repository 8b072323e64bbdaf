import type { ChannelName } from '../../shared/api';

/**
 * The channels that never write to the open commission: the only ones answered while it is open
 * read-only (a file, folder or disk this user cannot write). Exports, copies and backups read it;
 * opening, creating or importing another commission leaves it alone. A new channel is refused
 * there until it is listed: a read-only commission is never written by mistake.
 */
export const READ_ONLY_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app.status',
  'app.createCommission',
  'app.openDemo',
  'app.open',
  'app.saveCopy',
  'app.showFolder',
  'settings.logo',
  'catalogue.tree',
  'catalogue.export',
  'actions.list',
  'actions.get',
  'actions.export',
  'dashboard.get',
  'history.forRecord',
  'backups.list',
  'backups.create',
  'package.export',
  'package.chooseImport',
  'package.import',
  'package.cancelImport',
  'parcours.list',
  'parcours.get',
  'parcours.options',
  'parcours.deadlines',
  'parcours.stats',
  'parcours.export',
  'parcours.retention',
  'parcours.meeting',
  'parcours.releve',
  'partners.list',
  'partners.options',
  'partners.get',
  'partners.export',
  'protocols.list',
  'protocols.get',
  'protocols.renewals',
  'protocols.actionOptions',
  'protocols.openFile',
  'protocols.export',
  'reports.preview',
  'reports.list',
  'reports.open',
  'meetings.list',
  'meetings.get',
  'meetings.options',
  'meetings.dashboard',
  'meetings.export',
  'followUps.byPartner',
  'meetingFiles.open',
  'network.map',
  'network.exportMap',
  'gdpr.staleContacts',
  'gdpr.erasurePreview',
  'gdpr.exportPerson',
]);

export const READ_ONLY_REFUSAL =
  'Cette commission est ouverte en lecture seule (fichier, dossier ou disque protégé en écriture) : rien ne peut y être modifié. Pour y travailler, enregistrez-en une copie (Fichier › Enregistrer une copie) dans un dossier où vous pouvez écrire, puis ouvrez la copie.';
