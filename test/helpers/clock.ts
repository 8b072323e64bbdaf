/**
 * Dates in tests as the app counts them: the Paris day and year (src/shared/wallclock.ts) of the clock the app
 * reads, never the machine's local date. Between 23:00 and midnight UTC Paris is already tomorrow (from 22:00 in
 * summer), and on 31 December already next year: a test that counted in UTC, or in the machine's time zone, failed
 * then. Tests that need no real clock use a fixed one (TestClock in ./router.ts).
 */
import { addDays, parisToday } from '../../src/shared/wallclock';

/** Today in Paris, « 2026-03-05 », counted `days` ahead (or back, when negative). */
export function parisDate(days = 0, now: Date = new Date()): string {
  return addDays(parisToday(now), days);
}

/** This year in Paris, or the one `years` ahead (or back). */
export function parisYear(years = 0, now: Date = new Date()): number {
  return Number(parisToday(now).slice(0, 4)) + years;
}
