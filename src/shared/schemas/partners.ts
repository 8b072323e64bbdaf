import * as z from 'zod';
import { interventionDomains, memberRoles, partnerTypes } from '../labels';
import { email, id, optionalDate, optionalText, phone, postcode, requiredText, siret, website } from './common';

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
  isMember: z.boolean().default(false),
  /** Titulaire or suppléant: only titulaires count in the quorum; ignored when not a member. */
  memberRole: z.enum(memberRoles.codes, { error: 'Qualité de membre inconnue.' }).nullish().transform((v) => v ?? null),
  /** Also sits in the formation restreinte. */
  restrictedMember: z.boolean().default(false),
  /** Receives the requests of returns of its structure (features/returns), before its other contacts. */
  receivesReturns: z.boolean().default(false),
  source: optionalText(200),
  confirmedOn: optionalDate,
  notes: optionalText(2000),
});
export type ContactFields = z.input<typeof contactFields>;

export const contactUpdate = contactFields.omit({ partnerId: true }).extend({ id });
