import * as z from 'zod';
import { importFields } from '../model/partner-import';

const token = z.uuid({ error: 'Import inconnu : choisissez de nouveau le fichier.' });

const importMapping = z
  .array(z.enum(importFields, { error: 'Champ inconnu.' }).nullable())
  .max(500)
  .refine((m) => {
    const used = m.filter(Boolean);
    return new Set(used).size === used.length;
  }, 'Chaque champ ne peut recevoir qu’une seule colonne.');

export const importPreviewInput = z.strictObject({ token, mapping: importMapping });

const duplicateAction = z.enum(['skip', 'merge'], { error: 'Choix inconnu pour un doublon.' });

export const importCommitInput = importPreviewInput.extend({
  onDuplicate: duplicateAction.default('skip'),
  choices: z
    .array(z.strictObject({ line: z.number().int().positive(), action: duplicateAction }))
    .max(1_000_000)
    .default([]),
});

export const importToken = z.strictObject({ token });

export const exportFormat = z.strictObject({ format: z.enum(['csv', 'xlsx'], { error: 'Format inconnu (csv ou xlsx).' }) });
