import * as z from 'zod';
import { parseFrenchTime } from '../format';
import { attendanceStatuses, followUpStatuses, meetingKinds } from '../labels';
import { id, isoDate, optionalDate, optionalText, requiredText } from './common';
import { civilities } from './partners';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** « 14:30 », « 14h30 », « 14 h 30 », « 14h » all mean 14:30 or 14:00; stored as hh:mm. */
const time = z.string().transform((value, ctx) => {
  const parsed = parseFrenchTime(value);
  if (parsed) return parsed;
  ctx.addIssue({ code: 'custom', message: 'Heure invalide : écrivez par exemple 14:30 ou 14 h 30.' });
  return z.NEVER;
});
const optionalTime = z
  .union([time, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));

const videoLink = optionalText(500).refine((v) => v === null || /^https:\/\/\S+$/i.test(v), 'Le lien de visioconférence doit commencer par https://.');

const meetingShape = {
  kind: z.enum(meetingKinds.codes, { error: 'Choisissez un type de séance.' }),
  title: optionalText(200),
  date: isoDate,
  startTime: time,
  endTime: optionalTime,
  place: optionalText(300),
  videoLink,
  chair: optionalText(200),
  /** Who signs the convocation; left empty, the defaults of Paramètres. */
  signatoryName: optionalText(200),
  signatoryTitle: optionalText(200),
  signsByDelegation: z.boolean().nullish().transform((v) => v ?? null),
  nextMeetingNote: optionalText(1000),
  notes: optionalText(5000),
};
/** The day the chair signed the minutes, which approves them (an examining meeting may have no later meeting to). */
const minutesSignedOn = optionalDate;

function endsAfterStart<T extends { startTime: string; endTime: string | null }>(m: T): boolean {
  // An invalid start already has its own message.
  return m.endTime === null || !TIME.test(m.startTime) || m.endTime > m.startTime;
}
const endMessage = { message: 'L’heure de fin doit suivre l’heure de début.', path: ['endTime'] };
const signedAfter = <T extends { date: string; minutesSignedOn: string | null }>(m: T) => m.minutesSignedOn === null || m.minutesSignedOn >= m.date;

const signedMessage = { message: 'Le compte rendu se signe après la séance.', path: ['minutesSignedOn'] };

export const meetingFields = z.strictObject({ ...meetingShape, minutesSignedOn }).refine(endsAfterStart, endMessage).refine(signedAfter, signedMessage);
export type MeetingFields = z.input<typeof meetingFields>;

export const meetingCreate = z
  .strictObject({
    ...meetingShape,
    /** Invite every contact marked « membre de la commission ». */
    inviteMembers: z.boolean().default(true),
    /** Propose « Approbation du compte rendu » and « Suivi des décisions » from the previous session. */
    proposeAgenda: z.boolean().default(true),
  })
  .refine(endsAfterStart, endMessage);
export type MeetingCreateFields = z.input<typeof meetingCreate>;

export const meetingUpdate = z.strictObject({ ...meetingShape, minutesSignedOn, id }).refine(endsAfterStart, endMessage).refine(signedAfter, signedMessage);

/** « Nouvelle convocation sans condition de quorum »: the day and hours of the new meeting. */
export const meetingReconvene = z.strictObject({ id, date: isoDate, startTime: time, endTime: optionalTime }).refine(endsAfterStart, endMessage);
export type MeetingReconveneFields = z.input<typeof meetingReconvene>;

/** How many individual situations of minors a coordination meeting coordinated. */
export const minorsCount = z.strictObject({
  meetingId: id,
  count: z.number({ error: 'Indiquez un nombre.' }).int('Indiquez un nombre entier.').min(0, 'Le nombre ne peut pas être négatif.').max(10_000, 'Nombre trop grand.'),
});

export const addContacts = z.strictObject({
  meetingId: id,
  contactIds: z.array(id).min(1, 'Choisissez au moins une personne.').max(2000),
});

export const addPerson = z.strictObject({
  meetingId: id,
  civility: z.enum(civilities, { error: 'Civilité inconnue.' }).nullish().transform((v) => v ?? null),
  name: requiredText(200, 'Le nom de la personne est obligatoire.'),
  role: optionalText(200),
  structure: optionalText(200),
  partnerId: id.nullish().transform((v) => v ?? null),
});
export type AddPersonFields = z.input<typeof addPerson>;

export const setAttendance = z
  .strictObject({
    id,
    status: z.enum(attendanceStatuses.codes, { error: 'Statut de présence inconnu.' }),
    /** The suppléant's name, when the member is represented by their suppléant (optional). */
    representedBy: optionalText(200),
    /** The attendee who holds the member's mandate. */
    mandateTo: id.nullish().transform((v) => v ?? null),
  })
  .refine((a) => a.status !== 'mandat' || a.mandateTo !== null, {
    message: 'Choisissez le membre à qui le mandat est donné.',
    path: ['mandateTo'],
  })
  .transform((a) => ({ ...a, representedBy: a.status === 'supplee' ? a.representedBy : null, mandateTo: a.status === 'mandat' ? a.mandateTo : null }));

const agendaLinks = z
  .strictObject({
    actionIds: z.array(id).max(50).default([]),
    protocolIds: z.array(id).max(50).default([]),
  })
  .default({ actionIds: [], protocolIds: [] });

const agendaShape = {
  title: requiredText(300, 'L’intitulé du point est obligatoire.'),
  presenter: optionalText(200),
  durationMin: z
    .number({ error: 'Durée invalide (en minutes).' })
    .int('La durée se compte en minutes entières.')
    .min(0, 'La durée ne peut pas être négative.')
    .max(600, 'Une durée de plus de 10 heures est sans doute une erreur de saisie.')
    .nullish()
    .transform((v) => v ?? null),
  notes: optionalText(20000),
  links: agendaLinks,
};
export const agendaItemFields = z.strictObject({ ...agendaShape, meetingId: id });
export type AgendaItemFields = z.input<typeof agendaItemFields>;
export const agendaItemUpdate = z.strictObject({ ...agendaShape, id });
export const agendaNotes = z.strictObject({ id, notes: optionalText(20000) });
export const agendaMove = z.strictObject({ id, direction: z.enum(['up', 'down']) });

const decisionShape = {
  agendaItemId: id.nullish().transform((v) => v ?? null),
  text: requiredText(4000, 'Le texte de la décision est obligatoire.'),
  actionId: id.nullish().transform((v) => v ?? null),
  /** Also write the decision in the fiche action's journal. */
  addToJournal: z.boolean().default(false),
};
export const decisionFields = z.strictObject({ ...decisionShape, meetingId: id });
export type DecisionFields = z.input<typeof decisionFields>;
export const decisionUpdate = z.strictObject({ ...decisionShape, id });

const followUpShape = {
  decisionId: id.nullish().transform((v) => v ?? null),
  text: requiredText(2000, 'Décrivez l’action à mener.'),
  ownerPartnerId: id.nullish().transform((v) => v ?? null),
  ownerName: optionalText(200),
  dueOn: optionalDate,
  status: z.enum(followUpStatuses.codes, { error: 'Statut inconnu.' }).default('ouverte'),
};
export const followUpFields = z.strictObject({ ...followUpShape, meetingId: id });
export type FollowUpFields = z.input<typeof followUpFields>;
export const followUpUpdate = z.strictObject({ ...followUpShape, id });
export const followUpStatus = z.strictObject({ id, status: z.enum(followUpStatuses.codes, { error: 'Statut inconnu.' }) });

/** « lettres »: the convocation as one letter per member, in one document. */
export const meetingDocumentKinds = ['compte_rendu', 'releve', 'convocation', 'lettres', 'emargement', 'ics'] as const;
export type MeetingDocumentKind = (typeof meetingDocumentKinds)[number];
export const meetingExport = z.strictObject({ id, document: z.enum(meetingDocumentKinds, { error: 'Document inconnu.' }) });

export const byPartner = z.strictObject({ partnerId: id });

/** The title a pièce jointe is listed under in the convocation. */
export const meetingFileRename = z.strictObject({ id, title: requiredText(200, 'Donnez un titre à la pièce jointe.') });
export const meetingFileMove = z.strictObject({ id, direction: z.enum(['up', 'down']) });
