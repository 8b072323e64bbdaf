import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatInteger, parseFrenchDate, parseFrenchTime, plural } from '../../src/shared/format';

const NNBSP = '\u202f'; // French thousands separator (narrow no-break space)

describe('formatDate', () => {
  it('turns an ISO date into dd/mm/yyyy', () => {
    expect(formatDate('2026-03-05')).toBe('05/03/2026');
    expect(formatDate('1999-12-31')).toBe('31/12/1999');
  });

  it('keeps the calendar date of a full ISO timestamp', () => {
    expect(formatDate('2026-03-05T12:00:00.000Z')).toBe('05/03/2026');
    expect(formatDate('2026-07-14T08:30')).toBe('14/07/2026');
  });

  it('returns an empty string for missing or unreadable values', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('05/03/2026')).toBe('');
    expect(formatDate('demain')).toBe('');
  });
});

describe('formatDateTime (UTC timestamps shown in Paris time)', () => {
  it('adds one hour in winter (CET)', () => {
    expect(formatDateTime('2026-01-15T12:00:00.000Z')).toBe('15/01/2026 à 13:00');
    expect(formatDateTime('2026-03-05T13:30:00Z')).toBe('05/03/2026 à 14:30');
  });

  it('adds two hours in summer (CEST)', () => {
    expect(formatDateTime('2026-07-14T12:00:00.000Z')).toBe('14/07/2026 à 14:00');
  });

  it('switches to summer time at 01:00 UTC on the last Sunday of March', () => {
    expect(formatDateTime('2026-03-29T00:59:00Z')).toBe('29/03/2026 à 01:59');
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('29/03/2026 à 03:00');
  });

  it('switches back to winter time at 01:00 UTC on the last Sunday of October', () => {
    expect(formatDateTime('2026-10-25T00:59:00Z')).toBe('25/10/2026 à 02:59');
    expect(formatDateTime('2026-10-25T01:00:00Z')).toBe('25/10/2026 à 02:00');
  });

  it('moves to the next day (and year) in Paris when UTC is still the evening before', () => {
    expect(formatDateTime('2026-12-31T23:30:00Z')).toBe('01/01/2027 à 00:30');
    expect(formatDateTime('2026-06-30T22:00:00Z')).toBe('01/07/2026 à 00:00');
  });

  it('writes midnight as 00:00, never 24:00', () => {
    expect(formatDateTime('2026-02-09T23:00:00Z')).toBe('10/02/2026 à 00:00');
  });

  it('accepts timestamps with an explicit offset', () => {
    expect(formatDateTime('2026-03-05T14:30:00+01:00')).toBe('05/03/2026 à 14:30');
  });

  it('returns an empty string for missing or invalid timestamps', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('pas une date')).toBe('');
  });
});

describe('parseFrenchDate', () => {
  it('reads dd/mm/yyyy into an ISO date', () => {
    expect(parseFrenchDate('05/03/2026')).toBe('2026-03-05');
    expect(parseFrenchDate('31/12/1999')).toBe('1999-12-31');
  });

  it('accepts one-digit days and months and surrounding spaces', () => {
    expect(parseFrenchDate('5/3/2026')).toBe('2026-03-05');
    expect(parseFrenchDate('  1/1/2026 ')).toBe('2026-01-01');
  });

  it('rejects dates that do not exist instead of rolling them over', () => {
    expect(parseFrenchDate('31/02/2026')).toBeNull();
    expect(parseFrenchDate('30/02/2024')).toBeNull();
    expect(parseFrenchDate('31/04/2026')).toBeNull();
    expect(parseFrenchDate('32/01/2026')).toBeNull();
    expect(parseFrenchDate('00/01/2026')).toBeNull();
    expect(parseFrenchDate('15/00/2026')).toBeNull();
    expect(parseFrenchDate('15/13/2026')).toBeNull();
  });

  it('knows the leap-year rules (every 4 years, not centuries, but every 400 years)', () => {
    expect(parseFrenchDate('29/02/2024')).toBe('2024-02-29');
    expect(parseFrenchDate('29/02/2000')).toBe('2000-02-29');
    expect(parseFrenchDate('29/02/2023')).toBeNull();
    expect(parseFrenchDate('29/02/2026')).toBeNull();
    expect(parseFrenchDate('29/02/1900')).toBeNull();
    expect(parseFrenchDate('29/02/2100')).toBeNull();
  });

  it('reads the other ways French people write dates', () => {
    expect(parseFrenchDate('15/02/26')).toBe('2026-02-15');
    expect(parseFrenchDate('15/02/85')).toBe('1985-02-15');
    expect(parseFrenchDate('15.02.2026')).toBe('2026-02-15');
    expect(parseFrenchDate('15-02-2026')).toBe('2026-02-15');
    expect(parseFrenchDate('2026-02-15')).toBe('2026-02-15');
    expect(parseFrenchDate('15 février 2026')).toBe('2026-02-15');
    expect(parseFrenchDate('15 Fevrier 2026')).toBe('2026-02-15');
    expect(parseFrenchDate('15 févr. 2026')).toBe('2026-02-15');
    expect(parseFrenchDate('1er mars 2026')).toBe('2026-03-01');
    expect(parseFrenchDate('3 août 2026')).toBe('2026-08-03');
    expect(parseFrenchDate('25 décembre 2026')).toBe('2026-12-25');
    expect(parseFrenchDate('7 sept. 2026')).toBe('2026-09-07');
  });

  it('rejects other formats and mixed separators', () => {
    expect(parseFrenchDate('')).toBeNull();
    expect(parseFrenchDate('05/03.2026')).toBeNull();
    expect(parseFrenchDate('05/03/2026 14:30')).toBeNull();
    expect(parseFrenchDate('le 5 mars')).toBeNull();
    expect(parseFrenchDate('31 février 2026')).toBeNull();
    expect(parseFrenchDate('15 brumaire 2026')).toBeNull();
    expect(parseFrenchDate('2026-02-30')).toBeNull();
  });

  it('reads every real date back in each written form (property)', () => {
    const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2069-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-') as [string, string, string];
        expect(parseFrenchDate(`${d}/${m}/${y}`)).toBe(iso);
        expect(parseFrenchDate(`${d}.${m}.${y}`)).toBe(iso);
        expect(parseFrenchDate(`${d}/${m}/${y.slice(2)}`)).toBe(iso);
        expect(parseFrenchDate(`${Number(d) === 1 ? '1er' : Number(d)} ${months[Number(m) - 1]} ${y}`)).toBe(iso);
      }),
    );
  });

  it('round-trips with formatDate', () => {
    for (const iso of ['2024-02-29', '2026-01-01', '2026-12-31', '1950-06-15']) {
      expect(parseFrenchDate(formatDate(iso))).toBe(iso);
    }
  });
});

describe('parseFrenchTime', () => {
  it('reads the ways French people write a time of day', () => {
    expect(parseFrenchTime('14:30')).toBe('14:30');
    expect(parseFrenchTime('14h30')).toBe('14:30');
    expect(parseFrenchTime('14 h 30')).toBe('14:30');
    expect(parseFrenchTime('14H30')).toBe('14:30');
    expect(parseFrenchTime('14h')).toBe('14:00');
    expect(parseFrenchTime('9h05')).toBe('09:05');
    expect(parseFrenchTime('14.30')).toBe('14:30');
    expect(parseFrenchTime(' 8:00 ')).toBe('08:00');
  });

  it('rejects what is not a time of day', () => {
    for (const bad of ['', '24h', '14h60', '14', '1430', '14h3', 'midi', '14:30:00', '-1h']) expect(parseFrenchTime(bad), bad).toBeNull();
  });

  it('reads back every time in the forms the app and people write (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const hh = String(h).padStart(2, '0');
        const mm = String(m).padStart(2, '0');
        const expected = `${hh}:${mm}`;
        expect(parseFrenchTime(expected)).toBe(expected);
        expect(parseFrenchTime(`${h}h${mm}`)).toBe(expected);
        expect(parseFrenchTime(`${h} h ${mm}`)).toBe(expected);
      }),
    );
  });
});

describe('formatInteger', () => {
  it('groups thousands with a narrow no-break space', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1000)).toBe(`1${NNBSP}000`);
    expect(formatInteger(12345)).toBe(`12${NNBSP}345`);
    expect(formatInteger(1234567)).toBe(`1${NNBSP}234${NNBSP}567`);
  });

  it('rounds away decimals', () => {
    expect(formatInteger(12.4)).toBe('12');
    expect(formatInteger(12.6)).toBe('13');
  });

  it('keeps the sign of negative numbers', () => {
    expect(formatInteger(-1234)).toBe(`-1${NNBSP}234`);
  });
});

describe('plural', () => {
  it('uses the singular for 0 and 1, as French does', () => {
    expect(plural(0, 'contact')).toBe('0 contact');
    expect(plural(1, 'contact')).toBe('1 contact');
  });

  it('adds an s from 2 on', () => {
    expect(plural(2, 'contact')).toBe('2 contacts');
    expect(plural(15, 'structure')).toBe('15 structures');
  });

  it('takes an irregular plural form', () => {
    expect(plural(3, 'journal', 'journaux')).toBe('3 journaux');
    expect(plural(1, 'journal', 'journaux')).toBe('1 journal');
  });

  it('formats large counts the French way', () => {
    expect(plural(1234, 'contact')).toBe(`1${NNBSP}234 contacts`);
  });

  it('says « aucune » for none when given the wording', () => {
    expect(plural(0, 'décision a été prise', 'décisions ont été prises', 'aucune décision n’a été prise')).toBe('aucune décision n’a été prise');
    expect(plural(1, 'décision a été prise', 'décisions ont été prises', 'aucune décision n’a été prise')).toBe('1 décision a été prise');
    expect(plural(2, 'décision a été prise', 'décisions ont été prises', 'aucune décision n’a été prise')).toBe('2 décisions ont été prises');
  });
});
