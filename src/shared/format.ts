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

/** French plural for counts in messages: plural(2, 'contact') → « 2 contacts ». */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatInteger(n)} ${n === 1 || n === 0 ? singular : pluralForm}`;
}
