/**
 * French typography, one module for the documents and the interface: where a line may not break
 * (before « : ; ! ? % », inside « », in numbers, dates, codes, phone numbers and e-mails), « 1er »,
 * “ ” inside « », and the plural of counts.
 *
 * Documents use the plain no-break space U+00A0 everywhere: every font has it, whereas the narrow
 * one (U+202F) is missing from Arial's metric twin Liberation Sans and from older Arial, and a reader
 * whose font lacks it would see a box or a fallback glyph.
 */

export const NBSP = '\u00a0';
/** Non-breaking hyphen: « FA‑027 » stays on one line. */
export const NB_HYPHEN = '\u2011';
/** Zero-width word joiner: forbids a break without changing the visible (or copied) characters. */
const WORD_JOINER = '\u2060';

const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const WEEKDAYS = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche';

/** The day of the month as French writes it: 1 → « 1er », 12 → « 12 ». */
export function dayOfMonth(day: number): string {
  return day === 1 ? '1er' : String(day);
}

/** « « je gère » » → « “je gère” »: quotes inside « » become “ ”, never nested guillemets. */
function nestQuotes(text: string): string {
  if (!text.includes('«')) return text;
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '«') out += depth++ > 0 ? '“' : '«';
    else if (ch === '»') out += --depth > 0 ? '”' : '»';
    else out += ch;
    if (depth < 0) depth = 0;
  }
  return out;
}

// An address keeps the word joiners it was given, so that a second pass sees them (it is run again on its own output).
const EMAIL = /[\w.+\u2060-]+@[\w\u2060-]+(?:\.[\w\u2060-]+)+/g;
const WEEKDAY_DAY = new RegExp(`\\b(${WEEKDAYS})[ \\t]+(?=\\d)`, 'gi');
const DAY_MONTH = new RegExp(`(\\d|1er)[ \\t]+(${MONTHS})\\b`, 'gi');
const MONTH_YEAR = new RegExp(`\\b(${MONTHS})[ \\t]+(?=\\d{4})`, 'gi');
// 05 56 90 60 60, 05.56.90.60.60, +33 5 56 90 60 60
const PHONE = /(?:\+33[\s\u00a0]?\d|\b0\d)(?:[\s\u00a0.-]?\d{2}){4}\b/g;
const URL = /\bhttps?:\/\/\S+/g;

/**
 * Makes a text typographically French for print: the spaces that must not break become no-break
 * spaces. Idempotent, and it never changes a URL. Applied once, where the documents turn text into
 * runs, so that every piece of text (typed by a secretary or built by Maillage) gets the same rules.
 */
export function frenchTypography(text: string): string {
  return MAY_CHANGE.test(text) ? typographyRules(text) : text;
}

/**
 * What every rule below needs to find in a text before it changes anything: most texts of a document
 * (« En cours », a structure's name) have none of it and are returned at once. The unit test checks
 * on random texts that whatever the rules would change is let through.
 */
const MAY_CHANGE = /[«»“”\u202f:;!?%@]|\d[ \t-]|[ \t]\d|-\d|1er[ \t]|\b(?:M\.|Mme|Mlle|Me|Dr|Pr)[ \t]/;

/** The rules themselves, for every text; exported for the test of MAY_CHANGE. */
export function typographyRules(text: string): string {
  // URLs keep every character: set them aside, fix the rest, put them back.
  const urls: string[] = [];
  // Private-use characters mark where each URL was: they never occur in typed text.
  let t = text.replace(URL, (u) => `\ue000${urls.push(u) - 1}\ue001`);
  t = nestQuotes(t)
    .replace(/“[ \t\u00a0]+/g, '“')
    .replace(/[ \t\u00a0]+”/g, '”')
    .replace(/\u202f/g, NBSP)
    // Before the high punctuation, and before the closing / after the opening guillemet.
    .replace(/[ \t]+([:;!?%»])/g, `${NBSP}$1`)
    .replace(/([\p{L}\p{N}.)!?…])»/gu, `$1${NBSP}»`)
    .replace(/(\p{L})([:;!?])(?=\s|$)/gu, `$1${NBSP}$2`)
    .replace(/«[ \t\u00a0]*/g, `«${NBSP}`)
    .replace(/(\d)%/g, `$1${NBSP}%`)
    // Numbers: « 1 500 », « 12 345 678 », « 14 h 30 », « 12 € », « 3 ans ».
    .replace(/(\d)[ \t](?=\d{3}(?!\d))/g, `$1${NBSP}`)
    .replace(/(\d)[ \t]h[ \t](\d)/g, `$1${NBSP}h${NBSP}$2`)
    .replace(/(\d)[ \t](?=(?:€|h\b|min\b|km\b|ans?\b|mois\b|jours?\b|personnes?\b|membres?\b))/g, `$1${NBSP}`)
    // Dates: weekday, day, month and year stay together.
    .replace(WEEKDAY_DAY, `$1${NBSP}`)
    .replace(DAY_MONTH, `$1${NBSP}$2`)
    .replace(MONTH_YEAR, `$1${NBSP}`)
    // Civility and initials stay with the name: « M. Durand », « Mme Noël ».
    .replace(/\b(M\.|Mme|Mlle|Me|Dr|Pr)[ \t]+(?=\p{Lu})/gu, `$1${NBSP}`)
    // Codes: « FA-027 », « M-15 ». Not a reference in several parts (« PS-2026-007 »): it keeps the hyphens
    // one types, so that a reader who copies it or searches for it finds it; its column is wide enough for it.
    .replace(/\b([A-Z]{1,6})-(?=\d+(?![\d-]))/g, `$1${NB_HYPHEN}`)
    .replace(PHONE, (p) => p.replace(/[ \t]/g, NBSP).replace(/-/g, NB_HYPHEN))
    .replace(EMAIL, (e) => e.replace(/-(?!\u2060)/g, `-${WORD_JOINER}`));
  return t.replace(/\ue000(\d+)\ue001/g, (_, i: string) => urls[Number(i)]!);
}
