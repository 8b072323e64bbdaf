import * as z from 'zod';
import { interventionDomains, partnerTypes, seatTitles } from '../labels';
import { email, id, optionalDate, optionalText, phone, postcode, requiredText, siret, website } from './common';

/** An agrément lasts three years unless the préfet's decision says otherwise (CASF R. 121-12-3). */
export const AGREMENT_YEARS = 3;

export const partnerFields = z.strictObject({
  name: requiredText(200, 'Le nom de la structure est obligatoire.'),
  type: z.enum(partnerTypes.codes, { error: 'Choisissez un type de structure.' }),
  domains: z
    .array(z.enum(interventionDomains.codes, { error: 'Domaine d’intervention inconnu.' }))
    .max(interventionDomains.codes.length)
    .default([])
    .transform((list) => [...new Set(list)]),
  address: optionalText(300),
  postcode,
  commune: optionalText(100),
  website,
  siret,
  notes: optionalText(5000),
  /** The préfet's approval for the parcours de sortie: its date, its length in years, the préfecture that gave it. */
  agrementOn: optionalDate,
  agrementYears: z
    .number({ error: 'Durée invalide (en années).' })
    .int('La durée se compte en années entières.')
    .min(1, 'Un agrément dure au moins un an.')
    .max(10, 'Une durée de plus de dix ans est sans doute une erreur de saisie.')
    .nullish()
    .transform((v) => v ?? null),
  agrementPrefecture: optionalText(200),
});
export type PartnerFields = z.input<typeof partnerFields>;

export const partnerUpdate = partnerFields.extend({ id });

/** Madame, Monsieur, and the titles used instead of them in letters: Docteur, Professeur, Maître. */
export const civilities = ['Mme', 'M.', 'Dr', 'Pr', 'Me'] as const;
export type Civility = (typeof civilities)[number];

export const contactFields = z.strictObject({
  partnerId: id,
  civility: z.enum(civilities, { error: 'Civilité inconnue.' }).nullish().transform((v) => v ?? null),
  firstName: optionalText(100),
  lastName: requiredText(100, 'Le nom du contact est obligatoire.'),
  role: optionalText(200),
  email,
  phone,
  /** Holds a seat of the commission: ticked, a new seat is created with this contact as its titulaire; unticked, the appointment ends today. */
  isMember: z.boolean().default(false),
  /** The title of the seat created when the contact becomes a member. */
  memberTitle: z.enum(seatTitles.codes, { error: 'Titre inconnu.' }).default('commission'),
  /** Receives the requests of returns of its structure (features/returns), before its other contacts. */
  receivesReturns: z.boolean().default(false),
  source: optionalText(200),
  confirmedOn: optionalDate,
  notes: optionalText(2000),
});
export type ContactFields = z.input<typeof contactFields>;

export const contactUpdate = contactFields.omit({ partnerId: true }).extend({ id });
