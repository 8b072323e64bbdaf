/** Formatting shared by the UI, the documents and the CLI: French conventions everywhere. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** 2026-03-05 → 05/03/2026; a UTC timestamp → its day in Paris; empty for missing values. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (iso.length > 10) return formatDateTime(iso).slice(0, 10);
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** A UTC timestamp shown in Paris wall-clock time: 05/03/2026 à 14:30. */
export function formatDateTime(isoUtc: string | null | undefined): string {
  if (!isoUtc) return '';
  const d = new Date(isoUtc);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} à ${get('hour')}:${get('minute')}`;
}

/** The calendar day (YYYY-MM-DD) it is in Paris at `instant`: « today » for due dates and overdue actions. */
export function isoDateInParis(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** 2026-03-05 + 30 → 2026-04-04 (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** dd/mm/yyyy typed by a user → ISO date, or null when it is not a real calendar date. */
export function parseFrenchDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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

/** The plural of counts lives with the rest of French typography. */
export { plural } from './typography';
