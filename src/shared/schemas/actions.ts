import * as z from 'zod';
import { parseFrenchNumber } from '../format';
import { actionStatuses, catalogueNodeKinds, meteos } from '../labels';
import { id, isoDate, optionalDate, optionalText, requiredText } from './common';

const status = z.enum(actionStatuses.codes, { error: 'Choisissez un statut.' });
const meteo = z.enum(meteos.codes, { error: 'Météo inconnue.' });

/** A number typed the French way (« 12 500,50 ») or already a number; blank becomes null. */
function decimal(message: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? parseFrenchNumber(v) : v),
    z.number({ error: message }).refine(Number.isFinite, message).nullish().transform((v) => v ?? null),
  );
}

const percent = z
  .number({ error: 'L’avancement est un pourcentage entre 0 et 100.' })
  .int('L’avancement est un nombre entier.')
  .min(0, 'L’avancement est un pourcentage entre 0 et 100.')
  .max(100, 'L’avancement est un pourcentage entre 0 et 100.');

/** End not before start: checked on every schema that carries both dates. */
function datesInOrder<T extends { startsOn: string | null; endsOn: string | null }>(value: T, ctx: z.RefinementCtx) {
  if (value.startsOn && value.endsOn && value.endsOn < value.startsOn)
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'La date de fin précède la date de début.' });
}

const ficheFields = {
  code: optionalText(30),
  title: requiredText(300, 'L’intitulé de la fiche action est obligatoire.'),
  description: optionalText(10000),
  expectedResults: optionalText(5000),
  measureIds: z
    .array(id)
    .min(1, 'Rattachez la fiche à au moins une mesure ou un axe d’un cadre national.')
    .max(50)
    .transform((list) => [...new Set(list)]),
  pilotPartnerId: id.nullish().transform((v) => v ?? null),
  partnerIds: z
    .array(id)
    .max(200)
    .default([])
    .transform((list) => [...new Set(list)]),
  startsOn: optionalDate,
  endsOn: optionalDate,
  budget: decimal('Montant invalide (exemple : 12 500,50).').refine((v) => v === null || (v >= 0 && v < 1e11), 'Le budget doit être un montant positif.'),
  funders: optionalText(1000),
};

/** A new fiche action: its fields and its initial state (later changed through the journal). */
export const actionCreate = z
  .strictObject({
    ...ficheFields,
    status: status.default('a_lancer'),
    meteo: meteo.nullish().transform((v) => v ?? null),
    meteoReason: optionalText(2000),
    progress: percent.default(0),
  })
  .superRefine(datesInOrder);
export type ActionCreateFields = z.input<typeof actionCreate>;

/** Editing a fiche never changes its state directly: a journal entry does, so that history is kept. */
export const actionUpdate = z.strictObject({ id, ...ficheFields }).superRefine(datesInOrder);

const journalBase = z.strictObject({
  actionId: id,
  entryOn: isoDate,
  text: requiredText(10000, 'Décrivez ce qui a avancé (ou non).'),
  status: status.nullish().transform((v) => v ?? null),
  meteo: meteo.nullish().transform((v) => v ?? null),
  meteoReason: optionalText(2000),
  progress: percent.nullish().transform((v) => v ?? null),
});

function reasonNeedsMeteo(v: { meteo: string | null; meteoReason: string | null }, ctx: z.RefinementCtx) {
  if (v.meteoReason && !v.meteo) ctx.addIssue({ code: 'custom', path: ['meteo'], message: 'Choisissez la météo que ce motif explique.' });
}

export const journalFields = journalBase.superRefine(reasonNeedsMeteo);
export type JournalFields = z.input<typeof journalFields>;
export const journalUpdate = journalBase.omit({ actionId: true }).extend({ id }).superRefine(reasonNeedsMeteo);

const indicatorBase = z.strictObject({
  actionId: id,
  name: requiredText(200, 'Le nom de l’indicateur est obligatoire.'),
  unit: optionalText(50),
  baseline: decimal('Valeur de référence invalide.'),
  baselineOn: optionalDate,
  target: decimal('Cible invalide.'),
  targetOn: optionalDate,
});

function targetIsDated(v: { target: number | null; baselineOn: string | null; targetOn: string | null }, ctx: z.RefinementCtx) {
  if (v.target !== null && v.targetOn === null) ctx.addIssue({ code: 'custom', path: ['targetOn'], message: 'Indiquez à quelle date la cible doit être atteinte.' });
  if (v.baselineOn && v.targetOn && v.targetOn <= v.baselineOn)
    ctx.addIssue({ code: 'custom', path: ['targetOn'], message: 'L’échéance de la cible doit suivre la date de référence.' });
}

export const indicatorFields = indicatorBase.superRefine(targetIsDated);
export type IndicatorFields = z.input<typeof indicatorFields>;
export const indicatorUpdate = indicatorBase.omit({ actionId: true }).extend({ id }).superRefine(targetIsDated);

export const indicatorValueFields = z.strictObject({
  indicatorId: id,
  measuredOn: isoDate,
  value: decimal('Valeur invalide (exemple : 42 ou 12,5).').refine((v) => v !== null, 'Indiquez la valeur mesurée.'),
  note: optionalText(1000),
});
export const indicatorValueUpdate = indicatorValueFields.omit({ indicatorId: true }).extend({ id });

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Exports the fiches shown in the grid, in the grid's order. */
export const actionsExport = z.strictObject({
  format: z.enum(exportFormats, { error: 'Format d’export inconnu.' }),
  ids: z.array(id).max(100_000),
});

// ---------------------------------------------------------------------------------------------
// Catalogue upkeep

export const catalogueNodeUpdate = z.strictObject({
  id,
  label: requiredText(60, 'Le libellé court est obligatoire (exemple : Action 5).'),
  title: requiredText(1000, 'L’intitulé est obligatoire.'),
  shortTitle: optionalText(200),
  pilot: optionalText(200),
  sourceNote: optionalText(1000),
});

export const localMeasureCreate = z.strictObject({
  parentId: id,
  label: requiredText(60, 'Le libellé court est obligatoire (exemple : A5.1).'),
  title: requiredText(1000, 'L’intitulé est obligatoire.'),
});

const catalogueCode = z
  .string({ error: 'Code manquant.' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, 'Code invalide (lettres, chiffres, tirets ; 60 caractères au plus).');

/** The JSON of a framework, as shipped in resources/catalogue/ and written by the catalogue export. */
export const catalogueFrameworkFile = z.object({
  code: catalogueCode,
  title: requiredText(300, 'Le titre du cadre est obligatoire.'),
  shortTitle: requiredText(60, 'Le titre court du cadre est obligatoire.'),
  presentedOn: optionalDate,
  description: optionalText(2000),
  version: z.number({ error: 'Version invalide.' }).int().min(1).default(1),
  nodes: z
    .array(
      z.object({
        code: catalogueCode,
        parent: catalogueCode.nullable(),
        kind: z.enum(catalogueNodeKinds.codes, { error: 'Type de nœud inconnu (priorite, axe, objectif, mesure, sous_mesure).' }),
        label: requiredText(60, 'Libellé court manquant.'),
        title: requiredText(1000, 'Intitulé manquant.'),
        shortTitle: optionalText(200),
        pilot: optionalText(200),
        source: optionalText(1000),
        reconstructed: z.boolean().default(false),
        local: z.boolean().default(false),
      }),
    )
    .min(1, 'Le cadre ne contient aucune mesure.'),
});
export type CatalogueFrameworkFile = z.output<typeof catalogueFrameworkFile>;

/** What the catalogue export writes: every framework, in one file. */
export const catalogueBundleFile = z.object({ frameworks: z.array(catalogueFrameworkFile).min(1, 'Le fichier ne contient aucun cadre.') });

export const importToken = z.strictObject({ token: z.string().min(1).max(100) });
