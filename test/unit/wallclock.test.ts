import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine } from '../../src/main/documents/ics';
import { addDays, addMinutes, formatDayMonthYear, formatLongDate, formatLongWallClock, formatWallClock, parisDay, parisToday, parisWallClock } from '../../src/shared/wallclock';

describe('Paris wall-clock times', () => {
  it('shows sessions the French way', () => {
    expect(formatWallClock('2026-03-12T09:05')).toBe('12/03/2026 à 09:05');
    expect(formatWallClock('nonsense')).toBe('');
    expect(formatLongWallClock('2026-03-12T09:05')).toBe('jeudi 12 mars 2026 à 9 h 05');
    expect(formatLongDate('2026-12-01')).toBe('mardi 1er décembre 2026');
    // In a sentence or a letter's date line, without the day of the week.
    expect(formatDayMonthYear('2026-12-01')).toBe('1er décembre 2026');
    expect(formatDayMonthYear('2025-08-31')).toBe('31 août 2025');
  });

  it('knows what time it is in Paris, summer time included', () => {
    expect(parisWallClock(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16T00:30');
    expect(parisWallClock(new Date('2026-07-15T21:59:00Z'))).toBe('2026-07-15T23:59');
    expect(parisToday(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29');
  });

  it('dates a stored timestamp on the Paris calendar, as the time zone does, at every hour of every season', () => {
    expect(parisDay('2026-01-15T22:30:00.000Z')).toBe('2026-01-15');
    expect(parisDay('2026-07-15T22:30:00.000Z')).toBe('2026-07-16');
    expect(parisDay('2026-12-31T23:00:00Z')).toBe('2027-01-01');
    // Not a UTC timestamp: read as the instant it names.
    expect(parisDay('2026-07-15T23:30:00+02:00')).toBe('2026-07-15');
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T23:59:59Z'), noInvalidDate: true }), (instant) => {
        expect(parisDay(instant.toISOString())).toBe(parisToday(instant));
      }),
      { numRuns: 5000 },
    );
    // The hours around both changes of 2026, minute by minute.
    for (const start of ['2026-03-28T20:00:00Z', '2026-03-29T20:00:00Z', '2026-10-24T20:00:00Z', '2026-10-25T20:00:00Z']) {
      for (let minute = 0; minute < 6 * 60; minute += 1) {
        const instant = new Date(Date.parse(start) + minute * 60_000);
        expect(parisDay(instant.toISOString())).toBe(parisToday(instant));
      }
    }
  });

  it('adds days and minutes on the calendar', () => {
    expect(addDays('2026-02-25', 14)).toBe('2026-03-11');
    expect(addMinutes('2026-03-12T23:50', 25)).toBe('2026-03-13T00:15');
  });
});

describe('iCalendar text', () => {
  it('escapes separators and folds long lines without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(100)}`);
    const lines = folded.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`DESCRIPTION:${'é'.repeat(100)}`);
  });
});
