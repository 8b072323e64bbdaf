/**
 * How the commission's letters address people and are signed: « La préfète, » or « Le préfet, », « Pour
 * la préfète et par délégation, », the greeting of a letter by function where French letters use one
 * (« Madame la directrice, », never « Madame la pédiatre, »), and the signatory, who is by default
 * whoever chairs the meeting.
 */
import type { PrefectCivility } from './labels';
import type { Civility } from './schemas/partners';
import { capitalize, lowerFirst } from './text';

export interface PrefectForms {
  /** « la préfète » / « le préfet ». */
  title: string;
  /** « Madame la préfète » / « Monsieur le préfet ». */
  address: string;
  /** « Pour la préfète et par délégation, ». */
  delegation: string;
  /** « La préfète, ». */
  signature: string;
  /** « présidente » / « président » (of the commission). */
  chairs: string;
}

/** The préfet's forms; an unknown civility reads as the masculine, as the texts are written. */
export function prefectForms(civility: PrefectCivility | null): PrefectForms {
  const woman = civility === 'Mme';
  const title = woman ? 'la préfète' : 'le préfet';
  return {
    title,
    address: woman ? 'Madame la préfète' : 'Monsieur le préfet',
    delegation: `Pour ${title} et par délégation,`,
    signature: `${capitalize(title)},`,
    chairs: woman ? 'présidente' : 'président',
  };
}

/** The report's default addressee line. */
export function reportRecipients(civility: PrefectCivility | null): string {
  const p = prefectForms(civility);
  return `À l’attention de ${p.address}, ${p.chairs} de la commission, et des membres de la commission`;
}

/**
 * Functions French letters greet by (« Monsieur le procureur de la République, »), matched at the start
 * of the person's function and kept as they wrote it. Any other function (médecin, juriste,
 * coordinatrice, an acronym) gives « Madame, » or « Monsieur, ».
 */
const GREETING_TITLES = [
  /^(?:vice-)?présidente?\b/,
  /^(?:directeur|directrice)(?: général| générale)?\b/,
  /^procureure? de la république\b/,
  /^procureure?\b/,
  /^(?:sous-)?préfète?\b/,
  /^(?:adjoint|adjointe) au maire\b/,
  /^maire\b/,
  /^déléguée? départementale?\b/,
  /^commissaire(?: divisionnaire| principal| principale)?\b/,
  /^(?:inspecteur|inspectrice) d[’']académie\b/,
  /^(?:recteur|rectrice)\b/,
  /^bâtonni(?:er|ère)\b/,
  /^secrétaire générale?\b/,
];

/** « Madame la directrice, », « Monsieur le commissaire divisionnaire, », « Docteur, », or « Madame, » / « Monsieur, ». */
export function salutation(person: { civility: Civility | null; role: string | null }): string {
  switch (person.civility) {
    case null:
      return 'Madame, Monsieur,';
    case 'Dr':
      return 'Docteur,';
    case 'Pr':
      return 'Professeur,';
    case 'Me':
      return 'Maître,';
  }
  const word = person.civility === 'Mme' ? 'Madame' : 'Monsieur';
  const role = lowerFirst((person.role ?? '').split(/[,(]/)[0]!.trim());
  // Matched in lower case, kept as written: « Procureure de la République » keeps its capital R.
  const found = GREETING_TITLES.map((t) => t.exec(role.toLowerCase())).find((m) => m !== null);
  if (!found) return `${word},`;
  const title = role.slice(0, found[0].length);
  const article = /^[aeiouyéèêh]/i.test(title) ? 'l’' : person.civility === 'Mme' ? 'la ' : 'le ';
  return `${word} ${article}${title},`;
}

const CIVILITY_PREFIX = /^(?:M\.|Mme|Dr|Pr|Me|Monsieur|Madame)\s+/;
/** A chair written as a function alone: « Mme la secrétaire générale de la préfecture », « le directeur de cabinet ». */
const FUNCTION_ONLY = /^(?:(?:M\.|Mme|Monsieur|Madame)\s+)?((?:(?:le|la)\s+|l[’'])[^,]+)$/i;

/** « Mme Léa Vincent, directrice de cabinet » → the person and their function, as a chair is written. */
function splitChair(chair: string): { civility: string | null; name: string; role: string | null } {
  const [name, ...rest] = chair.split(',');
  const person = name!.trim();
  const civility = CIVILITY_PREFIX.exec(person)?.[0].trim() ?? null;
  return { civility, name: person.replace(CIVILITY_PREFIX, ''), role: rest.join(',').trim() || null };
}

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

/** The chair is the préfet(e): « M. le préfet de la Gironde », « Mme la préfète », or their name. */
function chairedByPrefect(chair: string, prefectName: string | null): boolean {
  const c = normalise(chair);
  if (/^(?:(?:m\.|mme|monsieur|madame)\s+)?(?:le |la )?prefete?\b/.test(c)) return true;
  return prefectName !== null && prefectName.trim() !== '' && c.includes(normalise(prefectName.replace(CIVILITY_PREFIX, '')));
}

export interface SignatureSource {
  meeting: { chair: string | null; signatoryName: string | null; signatoryTitle: string | null; signsByDelegation: boolean | null };
  commission: { prefectCivility: PrefectCivility | null; prefectName: string | null; signatoryName: string | null; signatoryTitle: string | null; signsByDelegation: boolean };
}

/**
 * The signature block of a convocation, line by line. A signatory set on the session comes first;
 * otherwise whoever chairs signs (the préfet in person, or for the préfet and by delegation); a
 * session without a chair falls back on the signatory of Paramètres, then on the préfet.
 */
export function signatureBlock({ meeting: m, commission: c }: SignatureSource): string[] {
  const p = prefectForms(c.prefectCivility);
  const lines = (delegation: boolean, name: string | null, title: string | null) =>
    delegation ? [p.delegation, ...[title, name].filter((s): s is string => Boolean(s))] : [p.signature, ...(name ? [name] : [])];
  if (m.signatoryName || m.signatoryTitle || m.signsByDelegation !== null) {
    const delegation = m.signsByDelegation ?? c.signsByDelegation;
    return lines(delegation, m.signatoryName ?? (delegation ? c.signatoryName : c.prefectName), m.signatoryTitle ?? c.signatoryTitle);
  }
  if (m.chair) {
    if (chairedByPrefect(m.chair, c.prefectName)) return lines(false, c.prefectName, null);
    // « Mme la secrétaire générale de la préfecture »: a function without a name, which Paramètres may name.
    const office = FUNCTION_ONLY.exec(m.chair.trim());
    if (office) {
      const title = capitalize(office[1]!);
      return lines(true, c.signatoryTitle && normalise(c.signatoryTitle) === normalise(title) ? c.signatoryName : null, title);
    }
    const chair = splitChair(m.chair);
    const article = chair.civility === 'Mme' || chair.civility === 'Madame' ? 'la ' : 'le ';
    const title = chair.role ? capitalize(/^[aeiouyéèêh]/i.test(chair.role) ? `l’${chair.role}` : `${article}${lowerFirst(chair.role)}`) : null;
    return lines(true, chair.name, title);
  }
  return c.signsByDelegation ? lines(true, c.signatoryName, c.signatoryTitle) : lines(false, c.signatoryName ?? c.prefectName, null);
}
