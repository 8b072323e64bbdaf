import * as z from 'zod';
import { parcoursImportFields } from '../model/parcours-import';
import { castingVotes, parcoursAgeBands, parcoursDecisions, parcoursExitReasons, parcoursNationalities, parcoursOpinions, parcoursRights, parcoursSexes } from '../labels';
import { plainReference } from '../text';
import { id, isoDate, optionalDate, optionalText, requiredText, text } from './common';

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

/**
 * A reference as associations write them (« PS-2026-014 », « AN/33/2026-7 »): letters, digits and a few separators;
 * pasted from a document with its typographic dashes, it is stored as typed.
 */
const parcoursReference = text(40).transform(plainReference).refine((v) => v === '' || /^[\p{L}\d][\p{L}\d ._/-]*$/u.test(v), 'Référence invalide : lettres, chiffres, tirets, barres obliques ou points.');

const fieldsBase = z.strictObject({
  /** Empty: Maillage numbers it (« PS-2026-014 »). */
  reference: parcoursReference
    .nullish()
    .transform((v) => (v ? v : null)),
  associationId: nullable(id),
  associationName: requiredText(200, 'Indiquez l’association agréée qui présente la demande.'),
  /** The request this one renews; null for a first request. */
  previousId: nullable(id),
  receivedOn: isoDate,
  meetingId: nullable(id),
  opinion: nullable(z.enum(parcoursOpinions.codes, { error: 'Avis inconnu.' })),
  /** The date of the avis; the examining meeting's date when there is one. */
  opinionOn: optionalDate,
  opinionReasons: optionalText(2000),
  decision: nullable(z.enum(parcoursDecisions.codes, { error: 'Décision inconnue.' })),
  decisionOn: optionalDate,
  decreeRef: optionalText(100),
  startsOn: optionalDate,
  endsOn: optionalDate,
  rights: z
    .array(z.enum(parcoursRights.codes, { error: 'Droit inconnu.' }))
    .max(10)
    .default([])
    .transform((list) => [...new Set(list)]),
  endReason: nullable(z.enum(parcoursExitReasons, { error: 'Motif de fin inconnu.' })),
  closedOn: optionalDate,
  sex: nullable(z.enum(parcoursSexes.codes, { error: 'Valeur inconnue.' })),
  ageBand: nullable(z.enum(parcoursAgeBands.codes, { error: 'Tranche d’âge inconnue.' })),
  nationality: nullable(z.enum(parcoursNationalities.codes, { error: 'Valeur inconnue.' })),
  notes: optionalText(2000),
});

type Fields = z.output<typeof fieldsBase>;

/** The rules that need nothing but the request itself; the register's other rules live in the service. */
function checkParcoursFields(p: Fields, ctx: z.RefinementCtx): void {
  const issue = (path: keyof Fields, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (p.opinion && !p.meetingId && !p.opinionOn) issue('opinionOn', 'Indiquez la séance ou la date de l’avis.');
  if (p.opinionOn && p.opinionOn < p.receivedOn) issue('opinionOn', 'L’avis ne peut pas précéder la réception de la demande.');
  if (!p.opinion && p.opinionReasons) issue('opinion', 'Choisissez l’avis que ces motifs expliquent.');
  if (p.decision && !p.opinion) issue('decision', 'La décision du préfet suit l’avis de la commission : enregistrez d’abord l’avis.');
  if (p.decision && p.opinion === 'ajourne') issue('decision', 'Un avis ajourné ne permet pas de décision : la demande repasse devant la commission.');
  if (p.decision && !p.decisionOn) issue('decisionOn', 'Indiquez la date de la décision du préfet.');
  if (!p.decision && (p.decisionOn || p.decreeRef)) issue('decision', 'Choisissez la décision du préfet.');
  if (p.decisionOn && p.opinionOn && p.decisionOn < p.opinionOn) issue('decisionOn', 'La décision ne peut pas précéder l’avis de la commission.');
  if (p.decisionOn && p.decisionOn < p.receivedOn) issue('decisionOn', 'La décision ne peut pas précéder la réception de la demande.');
  if (p.decision !== 'autorise' && (p.startsOn || p.endsOn)) issue('startsOn', 'Les dates du parcours suivent l’autorisation du préfet.');
  if (p.decision !== 'autorise' && p.rights.length) issue('rights', 'Les droits sont ouverts par l’autorisation du préfet.');
  if (p.startsOn && p.endsOn && p.endsOn < p.startsOn) issue('endsOn', 'La fin du parcours précède son début.');
  if (p.endReason && !p.closedOn) issue('closedOn', 'Indiquez la date de fin.');
  if (p.closedOn && !p.endReason) issue('endReason', 'Choisissez le motif de fin.');
  if (p.closedOn && p.closedOn < p.receivedOn) issue('closedOn', 'La fin ne peut pas précéder la réception de la demande.');
  if (p.decision === 'refuse' && p.endReason) issue('endReason', 'Une demande refusée est close par la décision : pas de motif de fin à choisir.');
}

export const parcoursFields = fieldsBase.superRefine(checkParcoursFields);
export type ParcoursFields = z.input<typeof parcoursFields>;
export type ParcoursInput = z.output<typeof parcoursFields>;

export const parcoursUpdate = fieldsBase.extend({ id }).superRefine(checkParcoursFields);

export const parcoursPeriod = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'La fin de la période précède son début.' });

export const meetingRef = z.strictObject({ meetingId: id });

const voteCount = z.number({ error: 'Indiquez un nombre.' }).int('Indiquez un nombre entier.').min(0, 'Le nombre ne peut pas être négatif.').max(500, 'Nombre trop grand.');

/** One avis recorded from the examining meeting's page, with its vote if counted (R. 133-11). */
export const parcoursOpinionInput = z.strictObject({
  id,
  meetingId: id,
  opinion: z.enum(parcoursOpinions.codes, { error: 'Choisissez l’avis de la commission.' }),
  reasons: optionalText(2000),
  votes: z
    .strictObject({ for: voteCount, against: voteCount, abstention: voteCount, casting: z.enum(castingVotes.codes, { error: 'Pour ou contre ?' }).nullish().transform((v) => v ?? null) })
    .nullish()
    .transform((v) => v ?? null),
});

/** A member who declares an interest in a request takes no part in its avis (R. 133-12). */
export const interestInput = z.strictObject({ requestId: id, attendeeId: id, reason: optionalText(300) });
export const interestRemoval = z.strictObject({ requestId: id, attendeeId: id });

export const purgeInput = z.strictObject({
  chainIds: z.array(z.string().min(1).max(64)).min(1, 'Choisissez au moins une demande.').max(100_000),
});

const importTokenField = z.uuid({ error: 'Import inconnu : choisissez de nouveau le fichier.' });

export const parcoursImportInput = z.strictObject({
  token: importTokenField,
  mapping: z
    .array(z.enum(parcoursImportFields, { error: 'Champ inconnu.' }).nullable())
    .max(500)
    .refine((m) => {
      const used = m.filter(Boolean);
      return new Set(used).size === used.length;
    }, 'Chaque champ ne peut recevoir qu’une seule colonne.'),
});
