/**
 * Partner import: a table read from a file → columns matched to fields → a row-by-row report →
 * one transaction that writes everything or nothing. Shared by the app and the CLI.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { formatDate, plural } from '../../../shared/format';
import { interventionDomains, partnerTypes, type InterventionDomain, type PartnerType } from '../../../shared/labels';
import {
  importFieldLabels,
  type DuplicateAction,
  type ImportField,
  type ImportGroup,
  type ImportPreview,
  type ImportRowReport,
  type ImportSummary,
  plannedImport,
} from '../../../shared/model/partner-import';
import { contactFields, partnerFields, type Civility } from '../../../shared/schemas/partners';
import type { Db } from '../../db/connection';
import type { RawTable } from '../../spreadsheets/table';
import { recordChange } from '../../commission-file/changelog';
import { headerIndex, normalise, parseBoolean, parseDateCell, prepareTable, unprotect, type PreparedTable } from '../../spreadsheets/columns';
import { getPartner, insertContact, insertPartner } from './partners';
import { parisToday } from '../../../shared/wallclock';

const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  name: ['structure', 'nom de la structure', 'nom structure', 'structures', 'organisme', 'raison sociale', 'partenaire', 'denomination', 'etablissement', 'service'],
  type: ['type', 'type de structure', 'categorie', 'nature', 'type structure'],
  domains: ['domaines d intervention', 'domaine d intervention', 'domaines', 'domaine', 'champ d intervention', 'champs d intervention'],
  address: ['adresse', 'adresse postale', 'rue', 'adresse de la structure'],
  postcode: ['code postal', 'cp', 'code post'],
  commune: ['commune', 'ville', 'localite'],
  website: ['site internet', 'site web', 'site', 'url', 'web'],
  siret: ['siret', 'n siret', 'no siret', 'numero siret'],
  notes: ['notes', 'observations', 'commentaire', 'commentaires', 'remarques', 'notes sur la structure'],
  switchboard: ['standard', 'telephone standard', 'tel standard', 'telephone du standard', 'telephone de la structure', 'tel structure', 'accueil telephonique', 'telephone accueil'],
  civility: ['civilite', 'titre de civilite'],
  firstName: ['prenom', 'prenom du contact'],
  lastName: ['nom du contact', 'nom contact', 'nom de famille', 'nom du referent'],
  fullName: ['contact', 'nom et prenom', 'prenom et nom', 'prenom nom', 'nom prenom', 'referent', 'referente', 'referent e', 'interlocuteur', 'interlocutrice', 'personne a contacter', 'correspondant', 'correspondante'],
  role: ['fonction', 'poste', 'qualite', 'fonction du contact'],
  email: ['courriel', 'e mail', 'email', 'mail', 'adresse electronique', 'adresse mail', 'adresse e mail', 'courriel du contact', 'mel'],
  phone: ['telephone', 'tel', 'portable', 'telephone du contact', 'numero de telephone', 'tel portable', 'telephone fixe'],
  isMember: ['membre', 'membre de la commission', 'membre cdlp'],
  source: ['source', 'source des coordonnees'],
  confirmedOn: [
    'confirme le',
    'date de confirmation',
    'coordonnees confirmees le',
    'derniere confirmation',
    'confirmation',
    'mis a jour le',
    'mise a jour le',
    'mise a jour',
    'date de mise a jour',
    'derniere mise a jour',
    'maj',
    'date maj',
    'verifie le',
    'verifiees le',
    'date de verification',
    'derniere verification',
    'actualise le',
  ],
  contactNotes: ['notes du contact', 'commentaire contact'],
};

const HEADER_INDEX = headerIndex(HEADER_SYNONYMS, importFieldLabels);

function fieldForHeader(header: string): ImportField | 'nom' | null {
  const key = normalise(header);
  if (key === 'nom') return 'nom';
  return HEADER_INDEX.get(key) ?? null;
}

/**
 * Suggests a field for each header. « Nom » alone is the structure's name unless another column
 * already names the structure, then it is the contact's name. Each field is given once. A contact
 * name column without a first-name column whose cells hold full names (« Dr Béatrice Lœuillet »)
 * is read as first and last name together.
 */
export function suggestMapping(headers: string[], rows: { cells: string[] }[] = []): (ImportField | null)[] {
  const found = headers.map(fieldForHeader);
  const hasStructure = found.includes('name');
  const used = new Set<ImportField>();
  const mapping = found.map((f) => {
    const field = f === 'nom' ? (hasStructure ? 'lastName' : 'name') : f;
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
  const lastNameColumn = mapping.indexOf('lastName');
  if (lastNameColumn >= 0 && !used.has('firstName') && !used.has('fullName')) {
    const values = rows.slice(0, 200).map((r) => r.cells[lastNameColumn] ?? '').filter(Boolean);
    const full = values.filter((v) => splitFullName(v).firstName !== null).length;
    if (values.length > 0 && full >= values.length / 2) mapping[lastNameColumn] = 'fullName';
  }
  return mapping;
}

/** Finds the header row of a partner list (see prepareTable). */
export function preparePartnerTable(table: RawTable, fileName: string): PreparedTable {
  return prepareTable(table, fileName, (header) => fieldForHeader(header) !== null);
}

// ---------- values ----------

/**
 * What people write in the « type » column of their own lists, by meaning. Phrases are compared
 * without accents or punctuation; a cell that is one of them is understood silently, a cell that
 * contains one (« Association agréée (Bordeaux) ») is understood with a warning. The longest phrase
 * found wins, so « association de protection de l'enfance » is not read as any association.
 */
export const TYPE_SYNONYMS: Record<PartnerType, string[]> = {
  prefecture: ['prefecture', 'sous prefecture', 'prefet', 'prefecture de la gironde', 'services de l etat', 'sgar', 'cabinet du prefet'],
  ddfe_ddets: ['ddfe', 'ddets', 'ddetspp', 'ddcs', 'ddcspp', 'droits des femmes', 'delegation aux droits des femmes', 'deleguee departementale aux droits des femmes', 'dreets', 'drdfe'],
  parquet: ['parquet', 'tribunal', 'tribunal judiciaire', 'procureur', 'procureur de la republique', 'justice', 'tgi', 'cour d appel', 'juge des enfants', 'spip'],
  police: ['police', 'police nationale', 'ddsp', 'dipn', 'dpn', 'commissariat', 'brigade de protection des familles', 'bpf', 'ocrteh', 'police municipale', 'sdpj', 'dcpj'],
  gendarmerie: ['gendarmerie', 'gendarmerie nationale', 'groupement de gendarmerie', 'brigade de gendarmerie', 'mpf', 'maison de protection des familles'],
  conseil_departemental: ['conseil departemental', 'departement', 'ase', 'aide sociale a l enfance', 'pmi', 'prevention specialisee', 'crip', 'cellule de recueil des informations preoccupantes', 'mdsi', 'mds', 'maison departementale des solidarites'],
  pjj: ['pjj', 'protection judiciaire de la jeunesse', 'dtpjj', 'stemo'],
  education: ['education nationale', 'education', 'dsden', 'college', 'lycee', 'rectorat', 'academie', 'ecole', 'inspection academique', 'universite'],
  sante: ['ars', 'agence regionale de sante', 'sante', 'hopital', 'chu', 'ch', 'centre hospitalier', 'uaped', 'clinique', 'umj', 'unite medico judiciaire', 'cegidd', 'planning familial', 'maison des adolescents', 'mda', 'cpam', 'medecin', 'caarud', 'csapa'],
  association_sortie: [
    'association agreee',
    'association agreee parcours de sortie',
    'parcours de sortie',
    'parcours de sortie de la prostitution',
    'psp',
    'agreee psp',
    'association agreee psp',
    'amicale du nid',
    'mouvement du nid',
    'cidff',
    'fondation scelles',
    'agrement parcours de sortie',
  ],
  association_enfance: ['protection de l enfance', 'association de protection de l enfance', 'enfance', 'mecs', 'maison d enfants', 'aemo', 'ecpat', 'association enfance', 'la voix de l enfant', 'enfance en danger'],
  hebergement: ['hebergement', 'chrs', 'foyer', 'foyer d hebergement', 'mise a l abri', 'siao', '115', 'centre d hebergement', 'residence sociale', 'lieu d accueil', 'cada', 'accueil de jour'],
  commune: ['commune', 'ccas', 'commune ccas', 'mairie', 'maire', 'maires', 'association des maires', 'amf', 'ville', 'ville de', 'collectivite', 'metropole', 'bordeaux metropole', 'intercommunalite', 'cias'],
  economique: ['acteur economique', 'economique', 'hotel', 'hotellerie', 'plateforme', 'entreprise', 'umih', 'transporteur', 'sncf', 'bailleur'],
  ordre_professionnel: [
    'ordre professionnel',
    'ordre des medecins',
    'ordre des avocats',
    'barreau',
    'ordre des infirmiers',
    'ordre des pharmaciens',
    'ordre des sages femmes',
    'ordre des masseurs kinesitherapeutes',
    'conseil de l ordre',
    'conseil departemental de l ordre',
    'conseil regional de l ordre',
    'conseil national de l ordre',
  ],
  autre: ['autre', 'autres', 'divers', 'association'],
};

const TYPE_BY_PHRASE = new Map<string, PartnerType>();
for (const code of partnerTypes.codes) {
  TYPE_BY_PHRASE.set(normalise(partnerTypes.labels[code]), code);
  TYPE_BY_PHRASE.set(normalise(code), code);
}
for (const [code, phrases] of Object.entries(TYPE_SYNONYMS) as [PartnerType, string[]][]) for (const phrase of phrases) TYPE_BY_PHRASE.set(phrase, code);
const PHRASES_LONGEST_FIRST = [...TYPE_BY_PHRASE.keys()].sort((a, b) => b.length - a.length);

/** The type a phrase of a text names (the longest phrase found), if any but « Autre ». */
function typeWithin(text: string): PartnerType | undefined {
  const padded = ` ${normalise(text)} `;
  const phrase = PHRASES_LONGEST_FIRST.find((p) => padded.includes(` ${p} `));
  const guess = phrase ? TYPE_BY_PHRASE.get(phrase)! : undefined;
  return guess === 'autre' ? undefined : guess;
}

/**
 * The type of a row. Without a type in the file, the structure's name may tell it (« Préfecture de la
 * Gironde », « CHRS Le Lien »): it is then applied with a warning asking to check it, never silently.
 */
export function parseType(value: string, name = ''): { type: PartnerType; warning?: string } {
  if (!value) {
    const fromName = name ? typeWithin(name) : undefined;
    if (fromName) return { type: fromName, warning: `Type absent : « ${partnerTypes.labels[fromName]} » déduit du nom de la structure ; vérifiez-le.` };
    return { type: 'autre', warning: 'Type absent : « Autre » est retenu.' };
  }
  const exact = TYPE_BY_PHRASE.get(normalise(value));
  if (exact) return { type: exact };
  const guess = typeWithin(value);
  if (guess) return { type: guess, warning: `Type « ${value} » compris comme « ${partnerTypes.labels[guess]} ».` };
  return { type: 'autre', warning: `Type « ${value} » inconnu : « Autre » est retenu.` };
}

const DOMAIN_BY_KEY = new Map<string, InterventionDomain>();
for (const code of interventionDomains.codes) {
  const label = normalise(interventionDomains.labels[code]);
  DOMAIN_BY_KEY.set(label, code);
  DOMAIN_BY_KEY.set(normalise(code), code);
  // « Hébergement », « Prévention » alone: the first word of the label is enough.
  DOMAIN_BY_KEY.set(label.split(' ')[0]!, code);
}

function parseDomains(value: string): { domains: InterventionDomain[]; unknown: string[] } {
  const domains: InterventionDomain[] = [];
  const unknown: string[] = [];
  for (const part of value.split(/[,;\n|+]/).map((p) => p.trim()).filter(Boolean)) {
    const code = DOMAIN_BY_KEY.get(normalise(part));
    if (code) {
      if (!domains.includes(code)) domains.push(code);
    } else unknown.push(part);
  }
  return { domains, unknown };
}

/** Civilities and titles as lists write them: « Madame », « Mlle », « Docteur », « Pr. », « Maître »… */
const CIVILITY_WORDS: Record<string, Civility> = {
  mme: 'Mme',
  madame: 'Mme',
  mlle: 'Mme',
  mademoiselle: 'Mme',
  m: 'M.',
  mr: 'M.',
  monsieur: 'M.',
  dr: 'Dr',
  docteur: 'Dr',
  docteure: 'Dr',
  pr: 'Pr',
  professeur: 'Pr',
  professeure: 'Pr',
  me: 'Me',
  maitre: 'Me',
};

function parseCivility(value: string): Civility | null | undefined {
  const key = normalise(value);
  return key === '' ? null : CIVILITY_WORDS[key];
}

/** « Dr Béatrice Lœuillet », « DUPONT Jeanne », « Mme Marie-Claire de La Tour » → civility, first and last name. */
export function splitFullName(value: string): { civility: Civility | null; firstName: string | null; lastName: string } {
  const tokens = value.split(/\s+/).filter(Boolean);
  let civility: Civility | null = null;
  while (tokens.length > 1) {
    const c = parseCivility(tokens[0]!);
    if (!c) break;
    civility ??= c;
    tokens.shift();
  }
  if (tokens.length === 1) return { civility, firstName: null, lastName: tokens[0]! };
  // « DUPONT Jeanne »: a name in capitals comes first, as in administrative lists.
  const isUpper = (t: string) => t.length > 1 && t === t.toUpperCase() && t !== t.toLowerCase();
  const upperCount = tokens.findIndex((t) => !isUpper(t));
  if (upperCount > 0) return { civility, lastName: tokens.slice(0, upperCount).join(' '), firstName: tokens.slice(upperCount).join(' ') || null };
  // « Jean de La Fontaine »: particles start the last name.
  const particle = tokens.findIndex((t, i) => i > 0 && i < tokens.length - 1 && /^(de|du|des|d’|d'|le|la|van|von)$/i.test(t));
  const split = particle > 0 ? particle : 1;
  return { civility, firstName: tokens.slice(0, split).join(' '), lastName: tokens.slice(split).join(' ') };
}

// ---------- analysis ----------

type PartnerInput = z.output<typeof partnerFields>;
const contactInput = contactFields.omit({ partnerId: true });
type ContactInput = z.output<typeof contactInput>;

/** Fields that can be dropped with a warning instead of refusing the row. */
const SOFT_FIELDS = new Set(['postcode', 'website', 'siret', 'email', 'phone', 'civility', 'confirmedOn']);

const PARTNER_FIELD_OF: Partial<Record<string, ImportField>> = { name: 'name', address: 'address', postcode: 'postcode', commune: 'commune', website: 'website', siret: 'siret', notes: 'notes' };
const CONTACT_FIELD_OF: Partial<Record<string, ImportField>> = {
  firstName: 'firstName',
  lastName: 'lastName',
  role: 'role',
  email: 'email',
  phone: 'phone',
  source: 'source',
  notes: 'contactNotes',
  civility: 'civility',
  confirmedOn: 'confirmedOn',
};

interface Parsed<T> {
  value: T | null;
  errors: string[];
  warnings: string[];
}

/** Validates with the API's own schema; a bad optional value is dropped with a warning, anything else is an error. */
function validate<S extends z.ZodType>(schema: S, candidate: Record<string, unknown>, labelOf: Partial<Record<string, ImportField>>): Parsed<z.output<S>> {
  const warnings: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = schema.safeParse(candidate);
    if (result.success) return { value: result.data, errors: [], warnings };
    const errors: string[] = [];
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      const field = labelOf[key];
      const label = field ? importFieldLabels[field] : key;
      if (SOFT_FIELDS.has(key)) {
        warnings.push(`${label} « ${String(candidate[key])} » ignoré : ${issue.message}`);
        candidate[key] = null;
      } else errors.push(`${label} : ${issue.message}`);
    }
    if (errors.length > 0) return { value: null, errors, warnings };
  }
  return { value: null, errors: ['Ligne illisible.'], warnings };
}

interface PlannedGroup extends ImportGroup {
  partner: PartnerInput;
  contactInputs: ContactInput[];
  /** The row report of each contact input, for warnings found once the whole structure is read. */
  contactRows: ImportRowReport[];
}

/** The file's notes on a structure, with its switchboard number (partners have no phone of their own). */
function withSwitchboard(notes: string, switchboard: string): string {
  if (!switchboard) return notes;
  return `${notes ? `${notes}\n` : ''}Standard : ${switchboard}`;
}

/** Two ways of writing one number: « 05 56 00 00 01 », « 0556000001 », « +33 5 56 00 00 01 ». */
function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^33(?=\d{9}$)/, '0');
}

function samePhone(a: string, b: string): boolean {
  return b !== '' && phoneDigits(a) === phoneDigits(b);
}

/**
 * One number given for several people of a structure is its switchboard, not each person's line:
 * it goes to the structure's notes, and those contacts are imported without a phone.
 */
function setAsideSwitchboards(group: PlannedGroup): void {
  const holders = new Map<string, number[]>();
  group.contactInputs.forEach((c, i) => {
    if (c.phone) holders.set(phoneDigits(c.phone), [...(holders.get(phoneDigits(c.phone)) ?? []), i]);
  });
  for (const indexes of holders.values()) {
    if (indexes.length < 2) continue;
    const number = group.contactInputs[indexes[0]!]!.phone!;
    if (!group.partner.notes?.includes(number)) group.partner.notes = withSwitchboard(group.partner.notes ?? '', number);
    for (const i of indexes) {
      group.contactInputs[i] = { ...group.contactInputs[i]!, phone: null };
      const row = group.contactRows[i]!;
      row.messages.push({ level: 'warning', text: `Le ${number} est donné pour ${plural(indexes.length, 'contact')} de la structure : c’est son standard, noté dans ses notes et non comme téléphone de chaque contact.` });
      if (row.level === 'ok') row.level = 'warning';
    }
  }
}

interface ImportPlan {
  preview: ImportPreview;
  groups: PlannedGroup[];
}


function contactKey(c: { firstName: string | null; lastName: string }): string {
  return normalise(`${c.firstName ?? ''} ${c.lastName}`);
}

type KnownContacts = { names: Set<string>; emails: Set<string> };

/** A partner's contacts as a merge compares them: same name, or same e-mail address. */
function knownContacts(contacts: { firstName: string | null; lastName: string; email: string | null }[]): KnownContacts {
  return { names: new Set(contacts.map(contactKey)), emails: new Set(contacts.flatMap((c) => (c.email ? [c.email.toLowerCase()] : []))) };
}

function isKnownContact(known: KnownContacts, c: { firstName: string | null; lastName: string; email: string | null }): boolean {
  return known.names.has(contactKey(c)) || (c.email !== null && known.emails.has(c.email.toLowerCase()));
}

const PARTNER_COMPARED: (keyof PartnerInput)[] = ['type', 'address', 'postcode', 'website', 'siret', 'notes'];

/** Reads every row against the mapping and the partners already in the database. Writes nothing. */
export function analyseImport(db: Db, table: PreparedTable, mapping: (ImportField | null)[], today: string): ImportPlan {
  if (!mapping.includes('name')) {
    throw new ApiError('validation', 'Indiquez quelle colonne contient le nom des structures : c’est la seule colonne obligatoire.');
  }
  const existing = db.prepare('SELECT id, name, commune, siret FROM partners').all() as { id: string; name: string; commune: string | null; siret: string | null }[];
  const byNameCommune = new Map(existing.map((p) => [`${normalise(p.name)}|${normalise(p.commune ?? '')}`, p]));
  const bySiret = new Map(existing.filter((p) => p.siret).map((p) => [p.siret!, p]));

  const rows: ImportRowReport[] = [];
  const groups: PlannedGroup[] = [];
  const groupIndex = new Map<string, number>();
  const groupContacts = new Map<number, Set<string>>();
  const hasContactColumns = mapping.some((f) => f && ['firstName', 'lastName', 'fullName', 'email', 'phone', 'role'].includes(f));

  const columnOf = new Map(mapping.flatMap((f, i) => (f ? [[f, i] as const] : [])));
  for (const { line, cells, cleaned } of table.rows) {
    const errors: string[] = [];
    const warnings: string[] = [];
    const get = (field: ImportField) => {
      const index = columnOf.get(field);
      return index === undefined ? '' : unprotect(cells[index] ?? '');
    };
    const row: ImportRowReport = { line, structure: get('name'), contact: '', level: 'ok', messages: [], group: -1 };
    // The reader removed invisible and control characters (spreadsheets/table.ts): one warning per row that used such a cell.
    const stripped = cleaned?.some((i) => mapping[i]) ?? false;

    const type = parseType(get('type'), get('name'));
    // Without a type column, « Autre » goes without saying; a type read from the name does not.
    const typeWarning = type.warning && (mapping.includes('type') || type.type !== 'autre') ? type.warning : null;
    const domains = parseDomains(get('domains'));
    if (domains.unknown.length > 0) warnings.push(`${domains.unknown.length > 1 ? 'Domaines inconnus ignorés' : 'Domaine inconnu ignoré'} : ${domains.unknown.map((d) => `« ${d} »`).join(', ')}.`);
    let postcode = get('postcode');
    if (/^\d{4}$/.test(postcode)) postcode = `0${postcode}`; // Excel drops the leading zero (Ain, Aisne…).
    const partner = validate(
      partnerFields,
      {
        name: get('name'),
        type: type.type,
        domains: domains.domains,
        address: get('address'),
        postcode,
        commune: get('commune'),
        website: get('website'),
        siret: get('siret'),
        notes: withSwitchboard(get('notes'), get('switchboard')),
      },
      PARTNER_FIELD_OF,
    );
    errors.push(...(get('name') ? partner.errors : ['Nom de la structure absent : la ligne ne peut pas être importée.']));
    warnings.push(...partner.warnings);

    let contact: ContactInput | null = null;
    let contactLabel = '';
    if (hasContactColumns) {
      const full = get('fullName') ? splitFullName(get('fullName')) : null;
      const lastName = get('lastName') || full?.lastName || '';
      const firstName = get('firstName') || full?.firstName || '';
      const anyContactValue = ['firstName', 'lastName', 'fullName', 'role', 'email', 'phone'].some((f) => get(f as ImportField) !== '');
      const loosePhone = !lastName && get('phone') && !samePhone(get('phone'), get('switchboard')) ? get('phone') : '';
      if (loosePhone && partner.value) {
        // A number without a person is the structure's own.
        partner.value.notes = withSwitchboard(partner.value.notes ?? '', loosePhone);
        warnings.push('Téléphone sans nom de contact : noté comme standard dans les notes de la structure.');
      }
      const otherValues = ['firstName', 'lastName', 'fullName', 'role', 'email'].some((f) => get(f as ImportField) !== '');
      if ((loosePhone ? otherValues : anyContactValue) && !lastName) warnings.push('Contact sans nom : ses coordonnées ne sont pas importées.');
      if (lastName) {
        const civilityText = get('civility');
        const civility = civilityText ? parseCivility(civilityText) : (full?.civility ?? null);
        if (civility === undefined) warnings.push(`Civilité « ${civilityText} » inconnue : ignorée (Mme, M., Dr, Pr ou Me).`);
        const isMember = parseBoolean(get('isMember'));
        if (isMember === undefined) warnings.push(`Membre de la commission : « ${get('isMember')} » non compris (oui ou non) ; « non » est retenu.`);
        let confirmedOn = parseDateCell(get('confirmedOn'));
        if (confirmedOn === undefined) warnings.push(`Date de confirmation « ${get('confirmedOn')} » illisible : ignorée (format jj/mm/aaaa).`);
        // A check cannot have happened after today: a typo (2062 for 2026) would keep the contact off the list to reconfirm for years.
        if (confirmedOn && confirmedOn > today) {
          warnings.push(`Date de confirmation ${formatDate(confirmedOn)} postérieure à aujourd’hui : ignorée, le contact sera à reconfirmer.`);
          confirmedOn = null;
        }
        let phone = get('phone');
        if (/^\d{9}$/.test(phone)) phone = `0${phone}`; // A phone number typed in a number cell loses its 0.
        if (phone && samePhone(phone, get('switchboard'))) phone = ''; // The structure's standard, already in its notes.
        const parsed = validate(
          contactInput,
          {
            civility: civility ?? null,
            firstName,
            lastName,
            role: get('role'),
            email: get('email'),
            phone,
            isMember: isMember ?? false,
            source: get('source'),
            confirmedOn: confirmedOn ?? null,
            notes: get('contactNotes'),
          },
          CONTACT_FIELD_OF,
        );
        errors.push(...parsed.errors);
        warnings.push(...parsed.warnings);
        contact = parsed.value;
        contactLabel = [civility, firstName, lastName].filter(Boolean).join(' ');
      }
    }

    let group = -1;
    if (partner.value && errors.length === 0) {
      const p = partner.value;
      const key = `${normalise(p.name)}|${normalise(p.commune ?? '')}`;
      const known = groupIndex.get(key);
      if (known === undefined) {
        // Said once, on the row whose type the structure takes.
        if (typeWarning) warnings.push(typeWarning);
        const duplicate = (p.siret ? bySiret.get(p.siret) : undefined) ?? byNameCommune.get(key);
        const reason = duplicate ? (p.siret && duplicate.siret === p.siret ? 'même SIRET' : 'même nom et même commune') : '';
        group = groups.length;
        groupIndex.set(key, group);
        groupContacts.set(group, new Set());
        groups.push({
          line,
          name: p.name,
          commune: p.commune,
          contacts: 0,
          contactsNewIfMerged: 0,
          duplicateOf: duplicate ? { id: duplicate.id, name: duplicate.name, commune: duplicate.commune, reason } : null,
          changesIfMerged: [],
          partner: p,
          contactInputs: [],
          contactRows: [],
        });
      } else {
        group = known;
        const first = groups[known]!;
        const differs = PARTNER_COMPARED.filter((f) => {
          const value = p[f];
          return value !== null && (f !== 'type' || mapping.includes('type')) && JSON.stringify(value) !== JSON.stringify(first.partner[f]);
        });
        if (differs.length > 0) warnings.push(`Mêmes structure et commune qu’à la ligne ${first.line}, mais des informations différentes : celles de la ligne ${first.line} sont retenues.`);
        first.partner.domains = [...new Set([...first.partner.domains, ...p.domains])];
      }
      if (contact) {
        const seen = groupContacts.get(group)!;
        // Only an exact repeat is dropped: two namesakes in one structure are two people.
        const k = JSON.stringify(contact);
        if (seen.has(k)) warnings.push(`${contactLabel} figure déjà plus haut pour cette structure, à l’identique : la ligne n’ajoute pas de contact.`);
        else {
          seen.add(k);
          groups[group]!.contactInputs.push(contact);
          groups[group]!.contactRows.push(row);
          groups[group]!.contacts++;
        }
      }
    }

    if (stripped) warnings.push('Caractères invisibles ou de contrôle supprimés (ils rendraient les documents Word et Excel illisibles).');
    Object.assign(row, {
      contact: contactLabel,
      level: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'ok',
      messages: [...errors.map((text) => ({ level: 'error' as const, text })), ...warnings.map((text) => ({ level: 'warning' as const, text }))],
      group,
    });
    rows.push(row);
  }
  for (const g of groups) setAsideSwitchboards(g);

  for (const g of groups) {
    if (!g.duplicateOf) continue;
    const before = getPartner(db, g.duplicateOf.id, today);
    g.contactsNewIfMerged = g.contactInputs.filter((c) => !isKnownContact(knownContacts(before.contacts), c)).length;
    g.changesIfMerged = mergedPartner(before, g.partner).changed.map((f) => importFieldLabels[f]);
  }

  const preview: ImportPreview = {
    rows,
    groups: groups.map(({ partner: _p, contactInputs: _c, contactRows: _r, ...g }) => g),
    errors: rows.filter((r) => r.level === 'error').length,
    warnings: rows.filter((r) => r.level === 'warning').length,
    duplicates: groups.filter((g) => g.duplicateOf).length,
  };
  return { preview, groups };
}

// ---------- writing ----------

interface DuplicateChoices {
  /** What to do with a likely duplicate when no choice is given for it. */
  onDuplicate: DuplicateAction;
  /** Per structure, by the row number of its first row. */
  choices?: { line: number; action: DuplicateAction }[];
}

/** Writes the plan in one transaction; refuses the whole file if any row has an error. */
export function commitImport(db: Db, plan: ImportPlan, duplicates: DuplicateChoices, now: Date): ImportSummary {
  const at = now.toISOString();
  if (plan.preview.errors > 0) {
    throw new ApiError(
      'validation',
      `${plural(plan.preview.errors, 'ligne comporte une erreur', 'lignes comportent une erreur')} : rien n’a été importé. Corrigez le fichier, ou la correspondance des colonnes, puis recommencez.`,
    );
  }
  const choice = new Map((duplicates.choices ?? []).map((c) => [c.line, c.action]));
  const actionFor = (line: number) => choice.get(line) ?? duplicates.onDuplicate;
  const summary: ImportSummary = {
    partnersCreated: 0,
    partnersMerged: 0,
    partnersUnchanged: 0,
    partnersSkipped: 0,
    contactsCreated: 0,
    warnings: plannedImport(plan.preview, actionFor).warnings,
  };
  db.transaction(() => {
    for (const group of plan.groups) {
      if (group.duplicateOf) {
        if (actionFor(group.line) === 'skip') summary.partnersSkipped++;
        else {
          const merged = mergeInto(db, group.duplicateOf.id, group, at);
          summary.contactsCreated += merged.added;
          if (merged.changed) summary.partnersMerged++;
          else summary.partnersUnchanged++;
        }
        continue;
      }
      const id = randomUUID();
      insertPartner(db, id, group.partner, at);
      recordChange(db, at, 'partner', id, 'create', null, { id, ...group.partner, source: 'import' });
      for (const contact of group.contactInputs) {
        const contactId = randomUUID();
        insertContact(db, contactId, { ...contact, partnerId: id }, at);
        recordChange(db, at, 'contact', contactId, 'create', null, { id: contactId, partnerId: id, ...contact });
        summary.contactsCreated++;
      }
      summary.partnersCreated++;
    }
  })();
  return summary;
}

type ExistingPartner = ReturnType<typeof getPartner>;
const MERGE_FILLED = ['address', 'postcode', 'commune', 'website', 'siret', 'notes'] as const;

/**
 * A merge fills the existing partner's empty fields, adds its missing domains and gives a type to one
 * filed under « Autre »; it never overwrites. Returns the values after the merge and the fields it changes.
 */
function mergedPartner(before: ExistingPartner, incoming: PartnerInput) {
  const values = {
    type: before.type === 'autre' ? incoming.type : before.type,
    domains: [...new Set([...before.domains, ...incoming.domains])],
    ...Object.fromEntries(MERGE_FILLED.map((k) => [k, before[k] ?? incoming[k]])),
  } as Pick<PartnerInput, 'type' | 'domains' | (typeof MERGE_FILLED)[number]>;
  const changed: ImportField[] = [];
  if (values.type !== before.type) changed.push('type');
  if (values.domains.length !== before.domains.length) changed.push('domains');
  for (const k of MERGE_FILLED) if (values[k] !== before[k]) changed.push(k);
  return { values, changed };
}

/** Merges a structure of the file into an existing partner; writes nothing (not even « modifiée le ») when it brings nothing new. */
function mergeInto(db: Db, partnerId: string, group: PlannedGroup, at: string): { changed: boolean; added: number } {
  const today = parisToday(new Date(at));
  const before = getPartner(db, partnerId, today);
  const { values, changed } = mergedPartner(before, group.partner);
  const known = knownContacts(before.contacts);
  const newContacts = group.contactInputs.filter((c) => !isKnownContact(known, c));
  if (changed.length === 0 && newContacts.length === 0) return { changed: false, added: 0 };
  if (changed.length > 0) {
    db.prepare(
      `UPDATE partners SET type = @type, domains = @domains, address = @address, postcode = @postcode, commune = @commune,
         website = @website, siret = @siret, notes = @notes, updated_at = @at WHERE id = @id`,
    ).run({ id: partnerId, ...values, domains: JSON.stringify(values.domains), at });
  }
  for (const contact of newContacts) {
    const contactId = randomUUID();
    insertContact(db, contactId, { ...contact, partnerId }, at);
    recordChange(db, at, 'contact', contactId, 'create', null, { id: contactId, partnerId, ...contact });
  }
  if (changed.length > 0) recordChange(db, at, 'partner', partnerId, 'update', before, getPartner(db, partnerId, today));
  return { changed: true, added: newContacts.length };
}
