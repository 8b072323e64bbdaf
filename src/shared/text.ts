/**
 * Characters that XML 1.0 forbids and that no user means to type: C0 controls other than tab,
 * line feed and carriage return, DEL, the non-characters U+FFFE and U+FFFF, and lone UTF-16
 * surrogates. One of them in a name makes every .docx and .xlsx that shows it invalid, which Word
 * and LibreOffice refuse to open. Forms refuse them (shared/schemas/common.ts); imports and the
 * document writers strip them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\u{D800}-\u{DFFF}]/gu;

export function hasForbiddenChars(text: string): boolean {
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(text);
}

export function stripForbiddenChars(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/**
 * A first sieve without the `u` flag, much quicker on long texts: it also lets through every
 * surrogate, paired or not, which the exact expression then sorts out.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * `value` with every string stripped (plain objects and arrays walked; bytes, dates and the rest kept
 * as they are). What holds nothing to strip is returned as it is, not copied: a bilan reads tens of
 * thousands of clean strings.
 */
export function stripForbiddenDeep<T>(value: T): T {
  if (typeof value === 'string') return (SUSPECT.test(value) ? stripForbiddenChars(value) : value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const clean = stripForbiddenDeep(item);
      if (clean !== item) (copy ??= value.slice())[i] = clean;
    }
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const clean = stripForbiddenDeep(item);
      if (clean !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = clean;
    }
    return (copy ?? value) as T;
  }
  return value;
}

/**
 * Invisible characters that change how the text around them is shown or compared, and that nobody
 * means to type: bidirectional controls (U+202E turns the rest round: « photo\u202Egpj.exe » shows as
 * « photoexe.jpg », a program passed off as a picture), zero-width characters and the byte-order mark (two names
 * that look the same but differ), and the C1 controls U+0080–U+009F (left by a file decoded in the
 * wrong encoding; U+009B starts escape sequences on some terminals). Unlike the characters XML
 * forbids, they are removed silently wherever text enters: forms (shared/schemas/common.ts),
 * spreadsheet cells and headers (spreadsheets/reader.ts), names of stored files, catalogues.
 */
const INVISIBLE = /[\u0080-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Text read from a file from elsewhere: both kinds above removed (imports warn when they did). */
export function cleanForeignText(text: string): string {
  return stripInvisible(stripForbiddenChars(text));
}

/**
 * For a terminal: what a file brought must not drive it. Besides the characters above, drops
 * carriage returns (which let a line overwrite the one before); tabs and line breaks stay.
 */
export function terminalSafe(text: string): string {
  return cleanForeignText(text).replace(/\r/g, '');
}

/**
 * A label or a message set inside a sentence loses its capital (« Séance plénière » → « la séance
 * plénière », « À lancer » → « à lancer »); one that starts with an acronym keeps it (« DDFE / DDETS(PP) »,
 * « ARS et santé », « SIRET invalide »).
 */
export function lowerFirst(text: string): string {
  return /^\p{Lu}(?!\p{Lu})/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** A sentence that starts with a label or a count: « aucune séance tenue » → « Aucune séance tenue ». */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A reference as Maillage stores and prints it (« PS-2026-007 »): the dashes a word processor or a PDF puts in
 * (non-breaking hyphen U+2011, which Maillage's own documents printed until 2026, minus sign, en dash) become
 * the hyphen-minus one types, and no-break spaces plain ones. A reference pasted from a document is then the
 * one typed, and matches it.
 */
export function plainReference(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();
}
