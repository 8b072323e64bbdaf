/**
 * What makes a column of a register file a person's identity, which the anonymous register never
 * reads: a header that names it (in French or English, in full or as secretaries abbreviate it), or
 * values that look like a date of birth, a social security number (NIR), an IBAN or a phone number,
 * whatever the header says (« Observations » holding « née le 12/03/1985 »).
 */
import { parseFrenchDate } from '../../../shared/format';
import type { IdentityColumn } from '../../../shared/model/table-file';
import { normalise } from '../../spreadsheets/columns';
import type { RawRow } from '../../spreadsheets/table';

/**
 * Words that make a header a person's identity (names, birth, contact details, other
 * administrations' file numbers, bank details), matched as whole words of the normalised header
 * (« N° SS » → « n ss », « Date de naiss. » → « date de naiss »). A register header Maillage knows
 * (« Nom de l’association », « Titre de séjour ») is never one of them: the caller checks that first.
 */
const IDENTITY_WORDS = [
  // Names
  'nom', 'noms', 'prenom', 'prenoms', 'nom d usage', 'nom de naissance', 'nom de jeune fille', 'patronyme', 'alias', 'pseudo', 'surnom',
  'name', 'names', 'first name', 'firstname', 'given name', 'last name', 'lastname', 'surname', 'family name', 'full name', 'maiden name', 'nickname',
  // Birth
  'naissance', 'naiss', 'ne le', 'nee le', 'ne e le', 'ne e', 'ddn', 'date de naissance', 'lieu de naissance', 'lieu de naiss', 'pays de naissance',
  'birth', 'birthdate', 'birthday', 'birth date', 'date of birth', 'dob', 'place of birth', 'birthplace', 'country of birth',
  // Where and how to reach them
  'adresse', 'domicile', 'domiciliation', 'code postal', 'telephone', 'tel', 'portable', 'mobile', 'courriel', 'mail', 'e mail', 'email', 'mel',
  'address', 'home address', 'zip code', 'postcode', 'phone', 'phone number', 'cell', 'cellphone',
  // Numbers other administrations and banks give them
  'dossier', 'agdref', 'caf', 'allocataire', 'securite sociale', 'secu', 'ss', 'n ss', 'no ss', 'nir', 'insee', 'matricule', 'iban', 'rib', 'bic',
  'passeport', 'carte d identite', 'cni', 'identite', 'etat civil', 'photo', 'pole emploi', 'france travail', 'ofpra', 'ofii',
  'n etranger', 'numero etranger', 'numero de titre', 'n de titre',
  'social security', 'social security number', 'ssn', 'national insurance', 'passport', 'passport number', 'id card', 'identity card', 'identity', 'id number',
  'file number', 'case number', 'bank account', 'account number',
];

const IDENTITY_PATTERNS = IDENTITY_WORDS.map((w) => ` ${w} `);

/** A normalised header naming a person's identity. */
export function namesIdentity(key: string): boolean {
  const padded = ` ${key} `;
  return IDENTITY_PATTERNS.some((w) => padded.includes(w));
}

type IdentityKind = 'birth' | 'nir' | 'iban' | 'phone';

const KIND_LABELS: Record<IdentityKind, string> = {
  birth: 'une date de naissance (aucune date du registre n’est antérieure au 13/04/2016)',
  nir: 'un numéro de sécurité sociale',
  iban: 'un IBAN',
  phone: 'un numéro de téléphone',
};

/** The law of 13 April 2016 created the parcours de sortie: no date of the register comes before it. */
const REGISTER_START = '2016-04-13';

const DATES = /\b\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*(?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}(?:er)?\s+[a-zéûè]+\.?\s+\d{4}\b/gi;
// Sex, year, month (or 20–99 when unknown), département (2A, 2B in Corsica), commune, rank, and the key.
const NIR = /(?<![\dA-Z])([12378])\s?(\d{2})\s?(0[1-9]|1[0-2]|[2-9]\d)\s?(\d{2}|2[AB])\s?(\d{3})\s?(\d{3})(?:\s?(\d{2}))?(?!\d)/gi;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/gi;
const PHONE = /(?:(?:\+|\b00)33\s?(?:\(0\)\s?)?|\b0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)|\+\d{1,3}[\s.-]?\d(?:[\s.-]?\d){7,12}(?!\d)/;

function nirKeyHolds(digits: string, key: string): boolean {
  const number = BigInt(digits.replace(/2A/i, '19').replace(/2B/i, '18'));
  return 97n - (number % 97n) === BigInt(key);
}

function ibanHolds(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  let rest = 0;
  for (const c of iban.slice(4) + iban.slice(0, 4)) {
    const value = c >= 'A' ? String(c.charCodeAt(0) - 55) : c;
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** What a cell holds that looks like a person's identity, if anything. */
export function identityInText(text: string): IdentityKind | null {
  if (!/\d/.test(text)) return null;
  for (const m of text.matchAll(NIR)) {
    const [, sex, year, month, department, commune, rank, key] = m;
    const digits = `${sex}${year}${month}${department}${commune}${rank}`;
    if (key ? nirKeyHolds(digits, key) : Number(month) <= 12 && (sex === '1' || sex === '2')) return 'nir';
  }
  for (const m of text.matchAll(IBAN)) if (ibanHolds(m[0])) return 'iban';
  if (PHONE.test(text)) return 'phone';
  for (const m of text.matchAll(DATES)) {
    const date = parseFrenchDate(m[0]);
    if (date && date < REGISTER_START) return 'birth';
  }
  return null;
}

/**
 * The columns of a prepared register file that identify a person, each with why: its header, or the
 * first row whose value looks like an identity. `isRegisterHeader` tells the headers Maillage
 * knows, which never count as identity whatever word they hold.
 */
export function findIdentityColumns(headers: string[], rows: RawRow[], isRegisterHeader: (key: string) => boolean): IdentityColumn[] {
  const found: IdentityColumn[] = [];
  headers.forEach((header, column) => {
    const key = normalise(header);
    if (!isRegisterHeader(key) && namesIdentity(key)) {
      found.push({ column, header, reason: null });
      return;
    }
    for (const row of rows) {
      const kind = identityInText(row.cells[column] ?? '');
      if (kind) {
        found.push({ column, header, reason: `ressemble à ${KIND_LABELS[kind]}, ligne ${row.line}` });
        return;
      }
    }
  });
  return found;
}
