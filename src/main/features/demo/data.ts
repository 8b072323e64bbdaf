/**
 * The demo's names, places and texts, shipped in resources/demo/ and checked here on load, so that
 * a malformed file fails every demo at once (and the tests with it) instead of producing odd rows.
 * Texts may hold {placeholders}, filled in by the generator; each file says which in its schema.
 */
import * as z from 'zod';
import actionsFile from '../../../../resources/demo/actions.json';
import peopleFile from '../../../../resources/demo/people.json';
import protocolsFile from '../../../../resources/demo/protocols.json';
import sessionsFile from '../../../../resources/demo/sessions.json';
import structuresFile from '../../../../resources/demo/structures.json';
import territoriesFile from '../../../../resources/demo/territories.json';
import { interventionDomains, meteos, partnerTypes, protocolKinds, protocolStatuses, seatTitles } from '../../../shared/labels';

const text = z.string().min(1);
const texts = z.array(text).min(1);
const range = z.tuple([z.number().int(), z.number().int()]);
const partnerType = z.enum(partnerTypes.codes);
const meteo = z.enum(meteos.codes);

/** The structures every commission has (one each), by which the generator refers to them. */
export const coreKey = z.enum([
  'prefecture', 'etrangers', 'ddfe', 'ddets', 'parquet', 'police', 'gendarmerie', 'mpf', 'cd', 'ase', 'crip', 'pmi', 'prevention',
  'pjj', 'dsden', 'ars', 'uaped', 'cegidd', 'mda', 'amicale', 'mouvement', 'cidff', 'sauvegarde', 'victimes', 'siao', 'chrs',
  'accueil', 'umih', 'ville', 'ccas', 'pare', 'universite', 'barreau',
]);
export type CoreKey = z.infer<typeof coreKey>;

/** Kinds of fiches action, by which protocols and working groups find the actions they concern. */
const family = z.enum([
  'scolaire', 'formation', 'signalement', 'hotellerie', 'numerique', 'fugues', 'accueil', 'sante', 'justice', 'cyber', 'parcours',
  'logement', 'campagne', 'cartographie', 'recherche', 'pilotage', 'associations', 'aller_vers', 'ecoute', 'sante_adultes',
  'grand_public', 'stages', 'logee',
]);
export type Family = z.infer<typeof family>;

const commune = z.strictObject({ name: text, postcode: z.string().regex(/^\d{5}$/) });
const site = z.strictObject({ name: text, domain: text });

const territories = z.strictObject({
  departements: z.array(
    z.strictObject({
      code: text,
      /** « de la Gironde », « du Nord », « de l’Ain »: how the administration names things of the département. */
      of: text,
      chefLieu: text,
      postcode: z.string().regex(/^\d{5}$/),
      /** The tribunal judiciaire, when it does not sit in the chef-lieu. */
      court: text.optional(),
      /** Where the départemental council is a collectivity with another name. */
      council: text.optional(),
      /** Overseas numbers have their own blocks. */
      phones: z.strictObject({ landline: text, mobile: text }).optional(),
    }),
  ),
  /** Mainland landline prefixes (01 to 05) and the départements they serve. */
  landlineZones: z.record(z.string(), z.array(text)),
  /** A few départements known in detail; the others get their chef-lieu only. */
  details: z.record(
    z.string(),
    z.strictObject({ communes: z.array(commune).min(1), courts: texts, academyDomain: text, councilDomain: text, landlines: texts, hospital: site, university: site }),
  ),
  streets: texts,
});

const people = z.strictObject({ femaleFirstNames: texts, maleFirstNames: texts, lastNames: texts });

/** Roles are written « masculine|feminine » when French genders them; the first role is the head of the structure. */
const structureFields = {
  type: partnerType,
  domains: z.array(z.enum(interventionDomains.codes)).min(1),
  roles: texts,
  siret: z.boolean().optional(),
  website: z.boolean().optional(),
};

/** Structures may hold the territory's {of} {name} {nameSlug} {code…}, {chefLieu} {ofChefLieu} {chefLieuSlug}, {court} {courtSlug}, {council}, {…Domain}, {hospital}, {university}. */
const coreStructure = z.strictObject({
  ...structureFields,
  key: coreKey,
  name: text,
  emailDomain: text,
  /** Sits on the commission (its head does); true unless said otherwise. */
  member: z.boolean().optional(),
  /** The title its seat is held under: the members the decree of 30 December 2025 added sit « au titre de la protection de l’enfance ». */
  seatTitle: z.enum(seatTitles.codes).optional(),
  /** Its seat sits when the commission coordinates the individual situations of minors. */
  minorsCoordination: z.boolean().optional(),
  /** One structure per tribunal judiciaire, {court} being each one in turn; only the first is a member. */
  perCourt: z.boolean().optional(),
  /** A national body, with no address in the département. */
  national: z.boolean().optional(),
  /** Only where the territory has a university. */
  needsUniversity: z.boolean().optional(),
  /** A shelter for young victims: its address is kept out of every list. */
  confidential: z.boolean().optional(),
  note: text.optional(),
});

/** Local structures may also hold {commune} {ofCommune} {communeSlug} and {brand} {brandSlug}. */
const localStructure = z.strictObject({
  ...structureFields,
  weight: z.number().positive(),
  /** Police covers the big towns, the gendarmerie the rest. */
  zone: z.enum(['urban', 'rural']).optional(),
  /** Distinctive names to choose from (a collège's patron, a hotel's name…), from `brands`. */
  brands: z.enum(['patrons', 'hotels', 'associations']).optional(),
  name: text,
  emailDomain: text,
});

const structures = z.strictObject({
  memberNote: text,
  core: z.array(coreStructure),
  local: z.array(localStructure).min(1),
  brands: z.strictObject({ patrons: texts, hotels: texts, associations: texts }),
  contactSources: texts,
  contactNotes: texts,
});

const funder = z.enum(['etat137', 'etat177', 'fipd', 'cd', 'ars', 'ville']);
export type Funder = z.infer<typeof funder>;

const actions = z.strictObject({
  specs: z
    .array(
      z.strictObject({
        family,
        title: text,
        description: text,
        expected: text,
        /** Catalogue codes: measures of the 2021 plan, measures or axes of the 2024 strategy. */
        measures: texts,
        pilot: coreKey,
        contributors: z.array(coreKey),
        localContributors: z.array(partnerType).optional(),
        indicators: z.array(z.strictObject({ name: text, unit: text, baseline: range, target: range })),
        /** In euros; null when the action costs only staff time. */
        budget: range.nullable(),
        funders: z.array(funder),
        /** Journal texts, with {ofCommune} {atCommune}, {partner} (a person and their structure), {n} a small count, {k} a part of it, {m} a large count. */
        steps: texts,
      }),
    )
    .min(1),
  meteoReasons: z.record(meteo, texts),
  suspensionReasons: texts,
  abandonReasons: texts,
  preparationSteps: texts,
  genericSteps: texts,
  launch: z.strictObject({ text, meteoReason: text }),
  /** The last journal entry of an action that is not running; a running one closes on one of its steps. */
  closing: z.strictObject({ a_lancer: text, realisee: text, realiseeInPart: text, suspendue: text, abandonnee: text }),
  noPartner: text,
  repeatedTitle: text,
  valueNote: text,
  funders: z.record(funder, text),
});

const protocolFields = { object: text, kind: z.enum(protocolKinds.codes), families: z.array(family).min(1), years: z.number().int().positive() };

const protocols = z.strictObject({
  /** The models, used first; titles may hold {year}, the year the text takes effect. */
  specs: z.array(z.strictObject({ ...protocolFields, title: text, parties: z.array(coreKey).min(1) })),
  /** Beyond the models: yearly funding of an {association}, partnerships with a commune ({ofCommune}). */
  associationFunding: z.strictObject({ ...protocolFields, title: text }),
  communePartnership: z.strictObject({ ...protocolFields, title: text }),
  notes: z.record(z.enum(protocolStatuses.codes), texts),
  events: z.record(z.enum(protocolStatuses.codes), text),
});

const agendaItem = z.strictObject({ title: text, presenter: coreKey.optional(), minutes: z.number().int().positive(), decision: text.optional() });
const followUp = z.strictObject({ text, /** Null: the working group's lead. */ owner: coreKey.nullable() });
// The demo's « restreinte » sessions coordinate minors' situations; its examining meetings come with the parcours register (parcours.ts).
const kindTexts = <T extends z.ZodType>(value: T) => z.strictObject({ pleniere: value, restreinte: value, comite_technique: value, groupe_travail: value });

const sessions = z.strictObject({
  workingGroups: z.array(
    z.strictObject({ theme: text, keys: z.array(coreKey).min(1), families: z.array(family), localTypes: z.array(partnerType), deliverable: text }),
  ),
  hours: z.record(z.enum(['pleniere', 'restreinte', 'comite_technique', 'groupe_travail']), z.tuple([text, text])),
  titles: kindTexts(text),
  places: z.strictObject({ pleniere: text, restreinte: text, comite_technique: text }),
  plenaryRooms: texts,
  videoLink: text,
  nextPlenary: text,
  convocations: text,
  deputyRole: text,
  /** The commission's meetings convene the members the rule seats (meeting-rules.ts); these structures are invited besides. */
  invitees: z.strictObject({ restreinteGuests: z.array(coreKey), comite_technique: z.array(coreKey) }),
  agenda: z.strictObject({
    focus: agendaItem,
    focusDone: text,
    focusOngoing: text,
    opening: agendaItem,
    approval: agendaItem,
    planProgress: agendaItem,
    parcoursFigures: agendaItem,
    signatures: agendaItem,
    otherBusiness: agendaItem,
    minors: agendaItem,
    minorsReview: agendaItem,
    actionsReview: agendaItem,
    nextPlenary: agendaItem,
    roundTable: agendaItem,
    deliverable: agendaItem,
    calendar: agendaItem,
  }),
  followUps: z.strictObject({ minutes: followUp, updateAction: text, ...kindTexts(z.array(followUp).min(1)).shape }),
});
export type AgendaItemText = z.infer<typeof agendaItem>;

/** Parses one file of resources/demo/, naming it in the error so that a broken file is found at once. */
function load<T extends z.ZodType>(file: string, schema: T, json: unknown): z.output<T> {
  const result = schema.safeParse(json);
  if (!result.success) throw new Error(`resources/demo/${file}.json is malformed:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export const territoryData = load('territories', territories, territoriesFile);
export const peopleData = load('people', people, peopleFile);
export const structureData = load('structures', structures, structuresFile);
export const actionData = load('actions', actions, actionsFile);
export const protocolData = load('protocols', protocols, protocolsFile);
export const sessionData = load('sessions', sessions, sessionsFile);

export type ActionSpec = (typeof actionData.specs)[number];
export type WorkingGroup = (typeof sessionData.workingGroups)[number];
