import * as z from 'zod';
import { departements } from '../departements';
import { prefectCivilities } from '../labels';
import { optionalText, requiredText } from './common';

const departmentCode = z
  .string()
  .refine((code) => departements.some((d) => d.code === code), 'Département inconnu : choisissez-le dans la liste.');

export const createCommission = z.strictObject({
  departmentCode,
  name: optionalText(300),
});

export const commissionSettings = z.strictObject({
  name: requiredText(300, 'Le nom de la commission est obligatoire.'),
  departmentCode,
  secretaryName: optionalText(200),
  prefectureCity: optionalText(100),
  secretariatContact: optionalText(300),
  prefectCivility: z.enum(prefectCivilities.codes, { error: 'Civilité inconnue.' }).nullish().transform((v) => v ?? null),
  prefectName: optionalText(200),
  signatoryName: optionalText(200),
  signatoryTitle: optionalText(200),
  signsByDelegation: z.boolean().default(false),
});
