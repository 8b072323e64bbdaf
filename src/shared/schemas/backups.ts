import * as z from 'zod';
import { text } from './common';

/** A backup's folder name, as listBackups gives it: nothing else reaches the file system. */
export const backupRef = z.strictObject({
  id: z.string().regex(/^\d{8}T\d{6}Z-[a-z-]+?(-\d+)?$/, 'Sauvegarde inconnue.'),
});

/** Backups and set-aside files (« endommage-20260305T091500Z »), as listHeldCopies names them. */
export const heldCopies = z.strictObject({
  ids: z
    .array(z.string().regex(/^(?:\d{8}T\d{6}Z-[a-z-]+?(-\d+)?|(?:endommage|journal-etranger)-\d{8}T\d{6}Z)$/, 'Sauvegarde inconnue.'))
    .min(1, 'Aucune sauvegarde choisie.')
    .max(10_000),
});

export const packageImport = z.strictObject({
  /** replace: over the commission of the same name on this computer (backed up first); new: as another commission. */
  mode: z.enum(['replace', 'new'], { error: 'Choisissez de remplacer la commission existante ou d’en créer une nouvelle.' }),
});

export const undoToken = z.strictObject({ token: z.uuid({ error: 'Jeton d’annulation invalide.' }) });

export const historyQuery = z.strictObject({
  entity: z.string().regex(/^[a-z_]{1,40}$/, 'Type d’élément inconnu.'),
  id: text(100).min(1, 'Identifiant manquant.'),
});
