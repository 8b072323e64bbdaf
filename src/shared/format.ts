/** Formatting shared by the UI, the documents and the CLI: French conventions everywhere. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

const WITH_ZONE = /(?:Z|[+-]\d\d:?\d\d)$/;

/**
 * 2026-03-05 → 05/03/2026; a UTC timestamp → its day in Paris; a Paris wall-clock time (« 2026-07-14T08:30 », no
 * zone) → its own day, never read in the machine's time zone; empty for missing values.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (iso.length > 10 && WITH_ZONE.test(iso)) return formatDateTime(iso).slice(0, 10);
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

// Made once: building a formatter costs far more than using it, and grids format a date per row.
const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A UTC timestamp shown in Paris wall-clock time: 05/03/2026 à 14:30. */
export function formatDateTime(isoUtc: string | null | undefined): string {
  if (!isoUtc) return '';
  const d = new Date(isoUtc);
  if (Number.isNaN(d.getTime())) return '';
  const parts = parisDateTime.formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} à ${get('hour')}:${get('minute')}`;
}

const MONTHS: [RegExp, number][] = [
  [/^janv?(ier)?$/, 1],
  [/^f[eé]vr?(ier)?$/, 2],
  [/^mars?$/, 3],
  [/^avr(il)?$/, 4],
  [/^mai$/, 5],
  [/^juin$/, 6],
  [/^juil(let)?$/, 7],
  [/^ao[uû]t?$/, 8],
  [/^sept?(embre)?$/, 9],
  [/^oct(obre)?$/, 10],
  [/^nov(embre)?$/, 11],
  [/^d[eé]c(embre)?$/, 12],
];

function isoFromParts(day: number, month: number, year: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  d.setUTCFullYear(year);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Two-digit years as people write them on forms: « 26 » is 2026, « 85 » is 1985. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

/**
 * A date as a French user types it or a spreadsheet holds it → ISO date, or null when it is not a
 * real calendar date: « 15/02/2026 », « 15/02/26 », « 15.02.2026 », « 15-02-2026 », « 15 février 2026 »,
 * « 1er mars 2026 », « 15 févr. 2026 », and ISO « 2026-02-15 ».
 */
export function parseFrenchDate(text: string): string | null {
  const value = text.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return isoFromParts(Number(iso[3]), Number(iso[2]), Number(iso[1]));
  const numeric = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/.exec(value);
  if (numeric) return isoFromParts(Number(numeric[1]), Number(numeric[3]), fullYear(numeric[4]!));
  const worded = /^(\d{1,2})\s*(?:er)?\s+([a-zéèêûôç]+)\.?\s+(\d{4}|\d{2})$/.exec(value);
  if (worded) {
    const month = MONTHS.find(([re]) => re.test(worded[2]!))?.[1];
    return month ? isoFromParts(Number(worded[1]), month, fullYear(worded[3]!)) : null;
  }
  return null;
}

/**
 * A time of day as French users write it → « hh:mm », or null: « 14:30 », « 14h30 », « 14 h 30 »,
 * « 14h », « 9h05 », « 14.30 ». The documents write « 14 h 30 »; people must be able to type it back.
 */
export function parseFrenchTime(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*(?:[h:.]\s*(\d{2})?|h)\s*$/i.exec(text);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const integerFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** 12345 → « 12 345 » (narrow no-break space, as French typography wants). */
export function formatInteger(n: number): string {
  return integerFormat.format(n);
}

const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** 1234.5 → « 1 234,5 ». */
export function formatNumber(n: number): string {
  return decimalFormat.format(n);
}

/** 1234.5 → « 1 234,50 € ». */
export function formatEuros(n: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(n);
}

/** « 12 500,50 », « 12500.5 », « 1 200 € » → a number; null when blank; NaN when it is not a number. */
export function parseFrenchNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (compact === '') return null;
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

/**
 * French plural for counts: plural(2, 'décision') → « 2 décisions », plural(1, 'décision') →
 * « 1 décision », and with `zero` the count disappears: plural(0, 'séance', 'séances', 'aucune séance')
 * → « aucune séance ». Without `zero`, 0 takes the singular, as French does (« 0 contact »).
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`, zero?: string): string {
  if (n === 0 && zero !== undefined) return zero;
  return `${formatInteger(n)} ${nounFor(n, singular, pluralForm)}`;
}

const frenchList = new Intl.ListFormat('fr', { type: 'conjunction' });

/** « a », « a et b », « a, b et c »: a list as a French sentence writes it. */
export function joinFrench(parts: readonly string[]): string {
  return frenchList.format(parts);
}

/** The words `plural` writes after the count, for a count shown apart (a big figure above its label). */
export function nounFor(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 || n === 0 ? singular : pluralForm;
}


/** A file's own name, without the folders above it (Windows or POSIX separators): what a user is shown. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
