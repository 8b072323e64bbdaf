import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrenchNumber } from '../../src/shared/format';
import { addDays, parisToday } from '../../src/shared/wallclock';
import type { ActionStatus, Meteo } from '../../src/shared/labels';
import { assessIndicator, endsWithin, expectedOnPath, isOverdue, shownExpected, stateFromJournal, summarizeActions } from '../../src/shared/progress';

const action = (status: ActionStatus, meteo: Meteo | null = null, progress = 0) => ({ status, meteo, progress });

describe('overdue and ending soon', () => {
  it('counts only fiches still to be carried out', () => {
    expect(isOverdue({ status: 'en_cours', endsOn: '2026-03-04' }, '2026-03-05')).toBe(true);
    expect(isOverdue({ status: 'en_cours', endsOn: '2026-03-05' }, '2026-03-05')).toBe(false);
    expect(isOverdue({ status: 'realisee', endsOn: '2020-01-01' }, '2026-03-05')).toBe(false);
    expect(isOverdue({ status: 'abandonnee', endsOn: '2020-01-01' }, '2026-03-05')).toBe(false);
    expect(isOverdue({ status: 'suspendue', endsOn: '2020-01-01' }, '2026-03-05')).toBe(true);
    expect(isOverdue({ status: 'a_lancer', endsOn: null }, '2026-03-05')).toBe(false);
    expect(isOverdue({ status: 'a_lancer', endsOn: '2026-03-01' }, '2026-03-05')).toBe(true);
    expect(endsWithin({ status: 'en_cours', endsOn: '2026-04-04' }, '2026-03-05', 30)).toBe(true);
    expect(endsWithin({ status: 'en_cours', endsOn: '2026-04-05' }, '2026-03-05', 30)).toBe(false);
    expect(endsWithin({ status: 'en_cours', endsOn: '2026-03-04' }, '2026-03-05', 30)).toBe(false);
    expect(endsWithin({ status: 'en_cours', endsOn: '2026-03-05' }, '2026-03-05', 30)).toBe(true);
    expect(endsWithin({ status: 'a_lancer', endsOn: null }, '2026-03-05', 30)).toBe(false);
    expect(endsWithin({ status: 'realisee', endsOn: '2026-03-10' }, '2026-03-05', 30)).toBe(false);
  });

  it('knows the day in Paris and calendar arithmetic', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(parisToday(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(parisToday(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2024-02-27', 2)).toBe('2024-02-29');
  });

  it('reads numbers typed the French way', () => {
    expect(parseFrenchNumber('12 500,50')).toBe(12500.5);
    expect(parseFrenchNumber('1\u202f200 €')).toBe(1200);
    expect(parseFrenchNumber('  ')).toBeNull();
    expect(parseFrenchNumber('12,5,3')).toBeNaN();
    expect(parseFrenchNumber('douze')).toBeNaN();
  });
});

describe('journal → state', () => {
  const fallback = { status: 'a_lancer' as const, meteo: null, meteoReason: null, progress: 0 };
  const entry = (entryOn: string, fields: Partial<Parameters<typeof stateFromJournal>[0][number]>, createdAt = '2026-01-01T00:00:00Z') => ({
    entryOn,
    createdAt,
    status: null,
    meteo: null,
    meteoReason: null,
    progress: null,
    ...fields,
  });

  it('takes each field from the latest entry that sets it, whatever the order of writing', () => {
    const state = stateFromJournal(
      [
        entry('2026-02-01', { status: 'en_cours', meteo: 'orage', meteoReason: 'Retard', progress: 10 }),
        entry('2026-03-01', { progress: 40 }),
        entry('2026-01-01', { status: 'suspendue', meteo: 'soleil', progress: 90 }),
        entry('2026-02-15', { meteo: 'couvert' }),
      ],
      fallback,
    );
    expect(state).toEqual({ status: 'en_cours', meteo: 'couvert', meteoReason: null, progress: 40 });
  });

  it('breaks same-day ties by the entry written last, and keeps the fallback when nothing is set', () => {
    const state = stateFromJournal(
      [entry('2026-02-01', { status: 'realisee' }, '2026-02-01T10:00:00Z'), entry('2026-02-01', { status: 'en_cours' }, '2026-02-01T09:00:00Z')],
      fallback,
    );
    expect(state).toEqual({ ...fallback, status: 'realisee' });
    expect(stateFromJournal([entry('2026-02-01', {})], fallback)).toEqual(fallback);
  });
});

describe('aggregates per node', () => {
  it('sums up statuses', () => {
    expect(summarizeActions([]).status).toBeNull();
    expect(summarizeActions([action('realisee'), action('abandonnee')]).status).toBe('realisee');
    expect(summarizeActions([action('a_lancer'), action('a_lancer')]).status).toBe('a_lancer');
    expect(summarizeActions([action('a_lancer'), action('realisee')]).status).toBe('en_cours');
    expect(summarizeActions([action('suspendue')]).status).toBe('suspendue');
    expect(summarizeActions([action('abandonnee'), action('abandonnee')]).status).toBe('abandonnee');
    const s = summarizeActions([action('en_cours', 'soleil', 50), action('realisee', 'orage', 100), action('abandonnee', null, 5)]);
    expect(s.byStatus).toEqual({ a_lancer: 0, en_cours: 1, realisee: 1, suspendue: 0, abandonnee: 1 });
    expect(s.byMeteo).toEqual({ soleil: 1, couvert: 0, nuage: 0, orage: 1 });
    expect(s.progress).toBe(75);
    // No fiche, or only abandoned ones: no mean progress to show.
    expect(summarizeActions([]).progress).toBeNull();
    expect(summarizeActions([action('abandonnee', null, 40)]).progress).toBeNull();
  });

  it('averages the météo of fiches still to be carried out, halves towards the worse', () => {
    expect(summarizeActions([action('en_cours', 'soleil'), action('en_cours', 'orage')]).meteo).toBe('nuage');
    expect(summarizeActions([action('en_cours', 'soleil'), action('en_cours', 'couvert')]).meteo).toBe('couvert');
    expect(summarizeActions([action('en_cours', 'soleil'), action('realisee', 'orage')]).meteo).toBe('soleil');
    expect(summarizeActions([action('realisee', 'orage')]).meteo).toBeNull();
    expect(summarizeActions([action('en_cours', 'orage'), action('suspendue', 'orage')]).meteo).toBe('orage');
    expect(summarizeActions([action('a_lancer', 'nuage'), action('realisee', 'soleil')]).meteo).toBe('nuage');
  });
});

describe('indicator behind the straight path', () => {
  const plan = { baseline: 0, baselineOn: '2026-01-01', target: 100, targetOn: '2027-01-01' };

  it('compares the latest value with the path on its date', () => {
    expect(assessIndicator(plan, [])).toEqual({ kind: 'no_value' });
    expect(assessIndicator({ ...plan, targetOn: null }, [{ measuredOn: '2026-06-01', value: 1 }])).toEqual({ kind: 'no_target' });
    expect(assessIndicator({ ...plan, target: null }, [{ measuredOn: '2026-06-01', value: 1 }])).toEqual({ kind: 'no_target' });
    const mid = '2026-07-02'; // day 182 of 365
    expect(expectedOnPath({ measuredOn: '2026-01-01', value: 0 }, { measuredOn: '2027-01-01', value: 100 }, mid)).toBeCloseTo(49.86, 2);
    expect(assessIndicator(plan, [{ measuredOn: mid, value: 45 }])).toMatchObject({ kind: 'behind', latest: { value: 45 } });
    expect(assessIndicator(plan, [{ measuredOn: mid, value: 55 }]).kind).toBe('on_track');
    expect(assessIndicator(plan, [{ measuredOn: mid, value: 100 }]).kind).toBe('reached');
    // Only the latest value counts, whatever the order given.
    expect(assessIndicator(plan, [{ measuredOn: mid, value: 60 }, { measuredOn: '2026-03-01', value: 1 }]).kind).toBe('on_track');
    // Past the target date the path stays at the target.
    expect(assessIndicator(plan, [{ measuredOn: '2027-06-01', value: 99 }])).toMatchObject({ kind: 'behind', expected: 100 });
  });

  it('holds the path at the target when the target is dated on or before the start', () => {
    const start = { measuredOn: '2026-06-01', value: 10 };
    expect(expectedOnPath(start, { measuredOn: '2026-06-01', value: 30 }, '2026-06-01')).toBe(30);
    expect(expectedOnPath(start, { measuredOn: '2026-06-01', value: 30 }, '2026-05-01')).toBe(30);
    expect(expectedOnPath(start, { measuredOn: '2026-01-01', value: 30 }, '2026-07-01')).toBe(30);
  });

  it('keeps a level: reached on the target, on track elsewhere, never behind', () => {
    const level = { baseline: 5, baselineOn: '2026-01-01', target: 5, targetOn: '2026-12-31' };
    expect(assessIndicator(level, [{ measuredOn: '2026-06-01', value: 5 }])).toMatchObject({ kind: 'reached', expected: 5 });
    expect(assessIndicator(level, [{ measuredOn: '2026-06-01', value: 4 }]).kind).toBe('on_track');
    expect(assessIndicator(level, [{ measuredOn: '2026-06-01', value: 6 }]).kind).toBe('on_track');
    // Within a billionth counts as the target itself.
    expect(assessIndicator({ ...level, baseline: 0, target: 0 }, [{ measuredOn: '2026-06-01', value: 1e-9 }]).kind).toBe('reached');
    expect(assessIndicator({ ...level, baseline: 0, target: 0 }, [{ measuredOn: '2026-06-01', value: 2e-9 }]).kind).toBe('on_track');
  });

  it('tolerates a billionth of the target, at least a billionth, and no more', () => {
    const big = { baseline: 0, baselineOn: '2026-01-01', target: 1e9, targetOn: '2026-12-31' };
    expect(assessIndicator(big, [{ measuredOn: '2027-01-01', value: 1e9 - 0.5 }]).kind).toBe('reached');
    expect(assessIndicator(big, [{ measuredOn: '2027-01-01', value: 1e9 - 2 }]).kind).toBe('behind');
    // Down to zero: a billionth above it has reached it.
    const down = { baseline: 10, baselineOn: '2026-01-01', target: 0, targetOn: '2026-12-31' };
    expect(assessIndicator(down, [{ measuredOn: '2027-01-01', value: 1e-9 }]).kind).toBe('reached');
    expect(assessIndicator(down, [{ measuredOn: '2027-01-01', value: 2e-9 }]).kind).toBe('behind');
    // A billionth short of the path (here its start) is on track; two are behind.
    const up = { baseline: 0, baselineOn: '2026-01-01', target: 1, targetOn: '2026-12-31' };
    expect(assessIndicator(up, [{ measuredOn: '2026-01-01', value: -1e-9 }]).kind).toBe('on_track');
    expect(assessIndicator(up, [{ measuredOn: '2026-01-01', value: -2e-9 }]).kind).toBe('behind');
  });

  it('shows the expected value rounded, but never so much that it reads as the latest one', () => {
    expect(shownExpected(49.86, 45)).toBe(50);
    expect(shownExpected(3.14159, 1)).toBe(3.1);
    // « 20 au lieu de 20 attendus » said nothing: a decimal more says how far behind.
    expect(shownExpected(20.4, 20)).toBe(20.4);
    expect(shownExpected(20.04, 20)).toBe(20.04);
    // As precise as the latest value: « 0,45 au lieu de 0,47 », not « 0,5 »; a gap below two decimals cannot show.
    expect(shownExpected(0.47, 0.45)).toBe(0.47);
    expect(shownExpected(12.5, 12.25)).toBe(12.5);
    expect(shownExpected(0.451, 0.45)).toBe(0.45);
  });

  it('works for targets going down, and starts from the first value without a baseline', () => {
    const fewer = { baseline: 40, baselineOn: '2026-01-01', target: 20, targetOn: '2027-01-01' };
    expect(assessIndicator(fewer, [{ measuredOn: '2026-07-02', value: 35 }]).kind).toBe('behind');
    expect(assessIndicator(fewer, [{ measuredOn: '2026-07-02', value: 28 }]).kind).toBe('on_track');
    expect(assessIndicator(fewer, [{ measuredOn: '2026-07-02', value: 18 }]).kind).toBe('reached');
    const noBaseline = { baseline: null, baselineOn: null, target: 10, targetOn: '2026-12-31' };
    expect(assessIndicator(noBaseline, [{ measuredOn: '2026-01-01', value: 2 }]).kind).toBe('on_track');
    expect(assessIndicator(noBaseline, [{ measuredOn: '2026-01-01', value: 2 }, { measuredOn: '2026-12-01', value: 3 }]).kind).toBe('behind');
    expect(assessIndicator({ ...plan, baseline: 0.1 + 0.2, target: 0.3 }, [{ measuredOn: '2026-02-01', value: 0.3 }]).kind).toBe('reached');
  });

  it('is behind exactly when the value falls short of the path (property)', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        day,
        fc.integer({ min: 1, max: 2000 }),
        day,
        fc.double({ min: 0, max: 500, noNaN: true }),
        (baseline, target, baselineOn, span, measuredOn, ahead) => {
          const targetOn = addDays(baselineOn, span);
          const p = { baseline, baselineOn, target, targetOn };
          const expected = expectedOnPath({ measuredOn: baselineOn, value: baseline }, { measuredOn: targetOn, value: target }, measuredOn);
          const direction = Math.sign(target - baseline) || 1;
          const kind = assessIndicator(p, [{ measuredOn, value: expected + direction * ahead }]).kind;
          expect(kind).not.toBe('behind');
          if (ahead > 1e-6 * Math.max(1, Math.abs(target)) && target !== baseline) {
            expect(assessIndicator(p, [{ measuredOn, value: expected - direction * ahead }]).kind).toBe('behind');
          }
        },
      ),
    );
  });
});
