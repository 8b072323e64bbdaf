/** Report periods: their French names and the previous period of the same length. */
import { addDays, formatDayMonthYear } from '../../../shared/wallclock';

export interface Period {
  from: string;
  to: string;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole months from the first of a month to the last day of a month: their number, else null. */
function wholeMonths(p: Period): number | null {
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number];
  if (fd !== 1 || td !== lastDayOfMonth(ty, tm)) return null;
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function shiftMonths(iso: string, months: number): { year: number; month: number } {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period of the same length just before: the previous year for a year, the previous
 * semester for a semester (calendar months, whatever their days); otherwise as many days.
 */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  if (months !== null) {
    const start = shiftMonths(p.from, -months);
    const end = shiftMonths(p.from, -1);
    return { from: `${start.year}-${pad(start.month)}-01`, to: `${end.year}-${pad(end.month)}-${pad(lastDayOfMonth(end.year, end.month))}` };
  }
  const days = daysBetween(p.from, p.to);
  const to = addDays(p.from, -1);
  return { from: addDays(to, -days), to };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** « année 2025 », « 1er semestre 2026 », « 3e trimestre 2025 », « mars 2025 », else the two dates. */
export function periodLabel(p: Period): string {
  const months = wholeMonths(p);
  const [fy, fm] = p.from.split('-').map(Number) as [number, number];
  if (months === 12 && fm === 1) return `année ${fy}`;
  if (months === 6 && (fm === 1 || fm === 7)) return `${fm === 1 ? '1er' : '2d'} semestre ${fy}`;
  if (months === 3 && (fm - 1) % 3 === 0) return `${(fm - 1) / 3 === 0 ? '1er' : `${(fm - 1) / 3 + 1}e`} trimestre ${fy}`;
  if (months === 1) return `${MONTHS[fm - 1]} ${fy}`;
  return `période du ${formatDayMonthYear(p.from)} au ${formatDayMonthYear(p.to)}`;
}

/** The period inside a sentence: « en 2025 », « au 1er semestre 2026 », « en mars 2025 », « du … au … ». */
export function duringPeriod(p: Period): string {
  const label = periodLabel(p);
  if (label.startsWith('année ')) return `en ${label.slice(6)}`;
  if (/semestre|trimestre/.test(label)) return `au ${label}`;
  if (label.startsWith('période ')) return label.slice(8);
  return `en ${label}`;
}

/** The period after a preposition that takes an article: « l’année 2025 », « le 1er semestre 2026 », « mars 2025 », « la période du … ». */
export function thePeriod(p: Period): string {
  const label = periodLabel(p);
  if (label.startsWith('année ')) return `l’${label}`;
  if (/semestre|trimestre/.test(label)) return `le ${label}`;
  if (label.startsWith('période ')) return `la ${label}`;
  return label;
}

/** « du 1er janvier 2025 au 31 décembre 2025 ». */
export function periodDates(p: Period): string {
  return `du ${formatDayMonthYear(p.from)} au ${formatDayMonthYear(p.to)}`;
}
