/**
 * Where a text names one person or holds their details: what « Effacer partout » replaces and the
 * export of a person's data lists. A name is found whole-word, accents and case ignored: « Mme
 * Quelennec », « Anaïs QUELENNEC », « A. Quelennec », « Quelennec Anaïs ». The family name alone
 * counts only as names are written (a capital first) and when no other capitalised word is stuck to
 * it: « la Fondation Abbé Pierre » does not name M. Jean Pierre, nor does « un petit groupe » Mme
 * Petit. A hyphen or an apostrophe joins words: « Quelennec-Durand » is someone else.
 */

export const ERASED = 'Personne effacée';

export interface Person {
  civility: string | null;
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
}

const ACCENTS: Record<string, string> = {
  a: 'aàáâãäå',
  c: 'cç',
  e: 'eèéêë',
  i: 'iìíîï',
  n: 'nñ',
  o: 'oòóôõö',
  u: 'uùúûü',
  y: 'yýÿ',
};

function escape(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** A pattern for `word` that ignores accents, and case except for a first letter that must be a capital. */
function loose(word: string, capitalFirst = false): string {
  const base = fold(word);
  return [...base]
    .map((char, i) => {
      if (/\s/.test(char)) return '\\s+';
      if (char === '\'' || char === '’') return '[\'’]';
      const lower = ACCENTS[char] ?? char;
      const upper = lower.toUpperCase();
      if (lower === upper) return escape(char);
      const forms = capitalFirst && i === 0 ? upper : lower + upper;
      return `[${forms}]`;
    })
    .join('');
}

const CIVILITY = '(?:[Mm]\\.|M|[Mm]r\\.?|[Mm]mes?\\.?|[Mm]lle\\.?|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|[Dd]r\\.?|[Dd]octeure?|[Mm]e|[Mm]a[iî]tre|[Pp]r\\.?|[Pp]rofesseure?)';
/** Not inside a word: no letter, digit or hyphen stuck to it (an apostrophe before is an elision: « d’Anaïs »). */
const START = '(?<![\\p{L}\\p{N}-])';
const END = '(?![\\p{L}\\p{N}-])';
/** A capitalised word (« Abbé », « Saint ») stuck to the family name makes it part of another name. */
const NAME_WORD = '\\p{Lu}\\p{Ll}[\\p{L}’\'-]*';

function personPattern(p: Person): RegExp {
  const last = loose(p.lastName.trim());
  const forms: string[] = [];
  const first = p.firstName?.trim();
  if (first) {
    const given = loose(first);
    const initial = `${loose(first.charAt(0))}\\.(?:-\\p{L}\\.)?`;
    forms.push(`(?:${CIVILITY}\\s+)?(?:${given}|${initial})\\s+${last}`, `(?:${CIVILITY}\\s+)?${last}\\s+${given}`);
  }
  forms.push(`${CIVILITY}\\s+${last}`);
  const capitalised = /^\p{Lu}/u.test(p.lastName.trim());
  forms.push(`(?<!${NAME_WORD}\\s+)${loose(p.lastName.trim(), capitalised)}(?!\\s+${NAME_WORD})`);
  return new RegExp(`${START}(?:${forms.join('|')})${END}`, 'gu');
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

/** The digits of a phone number, a French one in its national form: « +33 (0)5 56… » → « 0556… ». */
function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  const national = /^(?:0033|33)0?(\d{9})$/.exec(digits)?.[1];
  return national ? `0${national}` : digits;
}

/** The person's phone however it is written: any separators, and a French number with +33 or 0033 too. */
function phonePattern(phone: string | null): RegExp | null {
  const digits = phone ? phoneDigits(phone) : '';
  if (digits.length < 8) return null;
  const sep = '[\\s.()/-]*';
  const spaced = (d: string) => [...d].join(sep);
  const forms = [spaced(digits)];
  if (/^0\d{9}$/.test(digits)) forms.push(`(?:\\+|00)${sep}33${sep}(?:\\(0\\)${sep})?${spaced(digits.slice(1))}`);
  return new RegExp(`(?<![\\d+])(?:${forms.join('|')})(?!\\d)`, 'g');
}

export interface PersonMatcher {
  /** Whether `text` names the person. */
  names(text: string): boolean;
  /** Whether `text` names the person or holds their e-mail or phone. */
  holds(text: string): boolean;
  /** `text` with each mention of the person, their e-mail and phone replaced by « Personne effacée ». */
  redact(text: string): string;
}

export function personMatcher(p: Person): PersonMatcher {
  const pattern = personPattern(p);
  const phone = phonePattern(p.phone);
  const email = p.email?.trim().toLowerCase() || null;
  const lastWords = fold(p.lastName).split(/[\s'’-]+/).filter((w) => w.length > 1);
  // An address whose local part holds the family name (« a.quelennec@… ») is theirs too.
  const isTheirEmail = (address: string) => {
    const lower = address.toLowerCase();
    if (lower === email) return true;
    const local = fold(lower.split('@')[0]!).split(/[._+-]+/);
    return lastWords.length > 0 && lastWords.every((w) => local.includes(w));
  };
  const found = (regex: RegExp | null, text: string) => {
    if (!regex) return false;
    regex.lastIndex = 0;
    return regex.test(text);
  };
  const names = (text: string) => found(pattern, text.normalize('NFC'));
  return {
    names,
    holds: (text) => names(text) || found(phone, text) || [...text.matchAll(EMAIL)].some((m) => isTheirEmail(m[0])),
    redact(text) {
      let redacted = text.replace(EMAIL, (m) => (isTheirEmail(m) ? ERASED : m));
      if (phone) redacted = redacted.replace(phone, ERASED);
      redacted = redacted.normalize('NFC').replace(pattern, ERASED);
      return redacted === text.normalize('NFC') ? text : redacted;
    },
  };
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
