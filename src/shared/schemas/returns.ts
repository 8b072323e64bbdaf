import * as z from 'zod';
import { actionStatuses } from '../labels';
import { email, id, isoDate, requiredText } from './common';

/**
 * A campaign of returns: what it is called, the period it covers, by when, to whom partners answer,
 * which fiches it asks about (by status and framework; every active fiche by default) and whether
 * contributing structures are asked as well as pilots.
 */
export const campaignCreate = z
  .strictObject({
    name: requiredText(200, 'Donnez un nom à la campagne (exemple : Point d’étape avant la plénière de juin).'),
    periodFrom: isoDate,
    periodTo: isoDate,
    deadlineOn: isoDate,
    replyTo: email,
    includeContributors: z.boolean().default(false),
    statuses: z
      .array(z.enum(actionStatuses.codes, { error: 'Statut inconnu.' }))
      .min(1, 'Choisissez au moins un statut de fiche.')
      .max(actionStatuses.codes.length)
      .default(['a_lancer', 'en_cours', 'suspendue']),
    /** Codes of the national frameworks whose fiches are asked about; empty means all. */
    frameworkCodes: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'La fin de la période précède son début.' });
  });
export type CampaignCreateFields = z.input<typeof campaignCreate>;

/** Asks again, with a fresh workbook, the structures of a campaign that have not answered. */
export const campaignRemind = z.strictObject({ id, requestIds: z.array(id).max(10_000).optional() });

/** Workbooks dropped in the app: their names and their bytes (base64), checked in main before anything is read. */
const MAX_RETURN_FILES = 500;
/** A workbook made by Maillage weighs tens of kilobytes; 10 MB leaves room for what spreadsheets add on saving. */
export const MAX_RETURN_FILE_BYTES = 10 * 1024 * 1024;
export const returnFiles = z.strictObject({
  /** The campaign the files answer: a workbook of another campaign is refused with its reason. */
  campaignId: id,
  files: z
    .array(
      z.strictObject({
        name: requiredText(255, 'Nom de fichier manquant.'),
        base64: z
          .string()
          .max(Math.ceil(MAX_RETURN_FILE_BYTES / 3) * 4 + 4, 'Ce fichier dépasse 10 Mo : ce n’est pas un classeur de remontée.')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Fichier illisible.'),
      }),
    )
    .min(1, 'Choisissez au moins un fichier.')
    .max(MAX_RETURN_FILES, `Déposez au plus ${MAX_RETURN_FILES} fichiers à la fois.`),
});

/** What the secretary takes in from each previewed file: the lines she accepts and her choice on each conflict. */
export const returnApply = z.strictObject({
  token: z.string().min(1).max(100),
  files: z
    .array(
      z.strictObject({
        key: z.string().min(1).max(20),
        accepted: z.array(z.string().min(1).max(120)).max(10_000),
        choices: z.record(z.string().min(1).max(120), z.enum(['structure', 'maillage'])).default({}),
      }),
    )
    .max(MAX_RETURN_FILES),
});
export type ReturnApplyInput = z.input<typeof returnApply>;
