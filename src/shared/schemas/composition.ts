import * as z from 'zod';
import { colleges, memberRoles, seatTitles } from '../labels';
import { id, isoDate, optionalDate, optionalText, requiredText } from './common';

const ids = (message: string) =>
  z
    .array(id)
    .min(1, message)
    .max(1000)
    .transform((list) => [...new Set(list)]);

const arrete = {
  /** The reference of the préfet's arrêté that appoints (« Arrêté préfectoral n° 2026-045 »). */
  arreteRef: optionalText(200),
  arreteOn: optionalDate,
};

/** Appoints contacts as titulaires, each to a new seat held by their structure. */
export const appointMembers = z.strictObject({
  contactIds: ids('Choisissez au moins une personne.'),
  title: z.enum(seatTitles.codes, { error: 'Choisissez le titre auquel ils siègent.' }),
  /** Empty: the college of each structure's type. */
  college: z.enum(colleges.codes, { error: 'Collège inconnu.' }).nullish().transform((v) => v ?? null),
  fromOn: optionalDate,
  ...arrete,
});
export type AppointMembersFields = z.input<typeof appointMembers>;

/** Appoints one person to a seat: a suppléant, or the new titulaire who replaces the current one from `fromOn`. */
export const appointToSeat = z.strictObject({
  seatId: id,
  contactId: id,
  role: z.enum(memberRoles.codes, { error: 'Titulaire ou suppléant ?' }),
  fromOn: optionalDate,
  ...arrete,
});
export type AppointToSeatFields = z.input<typeof appointToSeat>;

export const seatUpdate = z.strictObject({
  id,
  label: requiredText(300, 'Indiquez le siège tel que l’arrêté le nomme.'),
  college: z.enum(colleges.codes, { error: 'Collège inconnu.' }),
  title: z.enum(seatTitles.codes, { error: 'Titre inconnu.' }),
  minorsCoordination: z.boolean(),
});
export type SeatUpdateFields = z.input<typeof seatUpdate>;

/** The same change on many seats at once (« au titre de la protection de l’enfance » for ten members). */
export const seatsUpdate = z
  .strictObject({
    seatIds: ids('Choisissez au moins un siège.'),
    title: z.enum(seatTitles.codes, { error: 'Titre inconnu.' }).optional(),
    college: z.enum(colleges.codes, { error: 'Collège inconnu.' }).optional(),
    minorsCoordination: z.boolean().optional(),
  })
  .refine((v) => v.title !== undefined || v.college !== undefined || v.minorsCoordination !== undefined, 'Choisissez ce qui change.');

export const memberUpdate = z
  .strictObject({
    id,
    role: z.enum(memberRoles.codes, { error: 'Titulaire ou suppléant ?' }),
    fromOn: optionalDate,
    toOn: optionalDate,
    ...arrete,
  })
  .refine((m) => !m.fromOn || !m.toOn || m.toOn >= m.fromOn, { path: ['toOn'], message: 'La fin du mandat précède son début.' });
export type MemberUpdateFields = z.input<typeof memberUpdate>;

/** The arrêté that appoints several members at once. */
export const membersArrete = z.strictObject({
  memberIds: ids('Choisissez au moins un membre.'),
  arreteRef: requiredText(200, 'Indiquez la référence de l’arrêté.'),
  arreteOn: optionalDate,
});

/** Members who no longer sit from `on` (their seat stays, for the next appointment). */
export const membersEnd = z.strictObject({
  memberIds: ids('Choisissez au moins un membre.'),
  on: isoDate,
});

export const compositionOn = z.strictObject({ on: optionalDate }).optional();
export const compositionExport = z.strictObject({ format: z.enum(['csv', 'xlsx'], { error: 'Format inconnu.' }), on: optionalDate });
