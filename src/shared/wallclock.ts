/**
 * Sessions are held at a Paris wall-clock time (« YYYY-MM-DDTHH:MM », see meetings.starts_at), not at
 * an instant: these helpers read, write and show such values, and say what time it is in Paris.
 */

import { dayOfMonth } from './typography';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** « 2026-03-12T14:30 » → { date: '2026-03-12', time: '14:30' }. */
export function splitWallClock(value: string): { date: string; time: string } {
  return { date: value.slice(0, 10), time: value.slice(11, 16) };
}

/** « 2026-03-12T14:30 » → « 12/03/2026 à 14:30 ». */
export function formatWallClock(value: string | null | undefined): string {
  const m = value ? WALL_CLOCK.exec(value) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]} à ${m[4]}:${m[5]}` : '';
}

/** « 14:30 » → « 14 h 30 », the way French letters write times. */
export function formatTime(time: string): string {
  const [h, m] = time.split(':');
  return `${Number(h)} h ${m}`;
}

const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

const dayMonthYear = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function longFormat(format: Intl.DateTimeFormat, isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return format
    .formatToParts(new Date(Date.UTC(y!, m! - 1, d!)))
    .map((p) => (p.type === 'day' ? dayOfMonth(Number(p.value)) : p.value))
    .join('');
}

/** « 2026-03-12 » → « jeudi 12 mars 2026 »; « 2026-12-01 » → « mardi 1er décembre 2026 ». */
export function formatLongDate(isoDate: string): string {
  return longFormat(longDate, isoDate);
}

/** « 2026-03-12 » → « 12 mars 2026 »; « 2026-12-01 » → « 1er décembre 2026 »: a date in a sentence or a letter's date line. */
export function formatDayMonthYear(isoDate: string): string {
  return longFormat(dayMonthYear, isoDate);
}

/** « 2026-03-12T14:30 » → « jeudi 12 mars 2026 à 14 h 30 ». */
export function formatLongWallClock(value: string): string {
  const { date, time } = splitWallClock(value);
  return `${formatLongDate(date)} à ${formatTime(time)}`;
}

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Paris wall-clock time of an instant: « 2026-03-05T14:30 ». */
export function parisWallClock(instant: Date): string {
  const parts = parisParts.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Today's date in Paris: « 2026-03-05 ». */
export function parisToday(instant: Date): string {
  return parisWallClock(instant).slice(0, 10);
}

const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d)T(\d\d):\d\d:\d\d(?:\.\d+)?Z$/;

/**
 * The Paris day of a stored timestamp (« 2026-03-05T22:30:00.000Z » → « 2026-03-05 » in winter,
 * « 2026-03-06 » in summer). Paris is one or two hours ahead of UTC: before 22:00 UTC its day is the
 * UTC day, from 23:00 the next one, and only the hour between asks the time zone. A bilan dates
 * thousands of records; the time-zone conversion, which would take most of its reading, is rare.
 */
export function parisDay(timestamp: string): string {
  const m = UTC_TIMESTAMP.exec(timestamp);
  if (!m || m[2] === '22') return parisToday(new Date(timestamp));
  return m[2] === '23' ? addDays(m[1]!, 1) : m[1]!;
}

/** The last day the figures of a period ending on `to` can describe: its end, or today while it is not over. */
export function lastKnownDay(to: string, today: string): string {
  return to < today ? to : today;
}

/** Adds whole days to an ISO date (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Adds minutes to a wall-clock value, as a clock on the wall would show them. */
export function addMinutes(value: string, minutes: number): string {
  const { date, time } = splitWallClock(value);
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi! + minutes)).toISOString().slice(0, 16);
}
