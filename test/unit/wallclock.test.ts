import { describe, expect, it } from 'vitest';
import { escapeText, foldLine } from '../../src/main/documents/ics';
import { addDays, addMinutes, formatLongWallClock, formatWallClock, parisToday, parisWallClock } from '../../src/shared/wallclock';

describe('Paris wall-clock times', () => {
  it('shows sessions the French way', () => {
    expect(formatWallClock('2026-03-12T09:05')).toBe('12/03/2026 à 09:05');
    expect(formatWallClock('nonsense')).toBe('');
    expect(formatLongWallClock('2026-03-12T09:05')).toBe('jeudi 12 mars 2026 à 9 h 05');
  });

  it('knows what time it is in Paris, summer time included', () => {
    expect(parisWallClock(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16T00:30');
    expect(parisWallClock(new Date('2026-07-15T21:59:00Z'))).toBe('2026-07-15T23:59');
    expect(parisToday(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29');
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
