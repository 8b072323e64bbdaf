/** The demo's calendar: days as strings, office hours, and dates written as French minutes write them. */
import type { Random } from './random';

/** Dates are ISO calendar days (YYYY-MM-DD): they compare as strings and never meet a time zone. */
export type Day = string;
const DAY_MS = 86_400_000;

/** The calendar day in France: a demo generated at 00:30 in Bordeaux belongs to that day, not to the UTC one. */
export function parisDay(date: Date): Day {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addMonths(day: Day, months: number): Day {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDate = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, lastDate));
  return first.toISOString().slice(0, 10);
}

export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function minDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}

export function maxDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}

/**
 * Moves a date off weekends and August (the administration is away), forward or backward, so that
 * past sessions stay in the past and upcoming ones in the future.
 */
export function workingDay(day: Day, direction: 1 | -1): Day {
  let result = day;
  while (result.slice(5, 7) === '08' || [0, 6].includes(new Date(`${result}T00:00:00Z`).getUTCDay())) result = addDays(result, direction);
  return result;
}

/** A UTC timestamp during office hours of that day. */
export function stamp(rng: Random, day: Day): string {
  return `${day}T${String(rng.int(7, 16)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
}

export function later(a: string, b: string): string {
  return a > b ? a : b;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** 2025-03-01 → « 1er mars 2025 », as minutes and journals write dates. */
export function longDate(day: Day): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date === 1 ? '1er' : date} ${MONTHS[month - 1]} ${year}`;
}

export function monthYear(day: Day): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}
