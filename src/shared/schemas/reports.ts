import * as z from 'zod';
import { id, isoDate, text } from './common';

/** The parts of the progress report a user can leave out; the cover, contents and header stay. */
export const reportSections = ['synthese', 'actions', 'difficultes', 'parcours', 'seances', 'protocoles', 'reseau', 'perspectives', 'annexe_fiches'] as const;
export type ReportSection = (typeof reportSections)[number];

export const reportSectionLabels: Record<ReportSection, string> = {
  synthese: 'L’essentiel et les chiffres clés',
  actions: 'Avancement par référentiel, axe ou priorité, objectif et mesure',
  difficultes: 'Fiches en difficulté',
  parcours: 'Parcours de sortie de la prostitution',
  seances: 'Séances tenues, décisions et suites à donner',
  protocoles: 'Protocoles et conventions',
  reseau: 'Réseau partenarial et membres de la commission',
  perspectives: 'Perspectives et décisions attendues de la commission',
  annexe_fiches: 'Annexe A : une ligne par fiche action',
};

/** Longest period a report covers: beyond, a « bilan » is an archive, not a report. */
const MAX_DAYS = 10 * 366;

export const reportOptions = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    /** Codes of the national frameworks to report on; all of them when missing. */
    frameworks: z.array(text(40)).min(1, 'Choisissez au moins un référentiel.').max(20).nullish().transform((v) => v ?? null),
    sections: z
      .array(z.enum(reportSections, { error: 'Partie du rapport inconnue.' }))
      .min(1, 'Choisissez au moins une partie à inclure.')
      .default([...reportSections]),
    /** Annex B: the full fiche cards with their journal, in a second Word file beside the report. */
    detailed: z.boolean().default(false),
    /** The full directory of structures, in a spreadsheet beside the report. */
    directory: z.boolean().default(false),
    /** Names, functions, e-mails and phones of contacts in that directory: only when asked for. */
    includeContacts: z.boolean().default(false),
    /** The cover's addressee line; the screen proposes one in the préfet's gender (letters.ts, reportRecipients). */
    recipients: text(400).default(''),
  })
  .refine((o) => o.from <= o.to, { message: 'La fin de la période doit suivre son début.', path: ['to'] })
  .refine((o) => (Date.parse(o.to) - Date.parse(o.from)) / 86_400_000 <= MAX_DAYS, { message: 'La période ne peut dépasser dix ans.', path: ['to'] });
export type ReportOptionsInput = z.input<typeof reportOptions>;
export type ReportOptions = z.output<typeof reportOptions>;

export const reportById = z.strictObject({ id });
