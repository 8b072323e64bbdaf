import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../../src/shared/siret';

/** Builds a Luhn-valid 14-digit number from 13 digits, to test the algorithm on more than one sample. */
function withLuhnKey(first13: string): string {
  for (let key = 0; key <= 9; key++) {
    const candidate = `${first13}${key}`;
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let d = Number(c);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

describe('isValidSiret', () => {
  it('accepts real SIRETs whose Luhn key is right', () => {
    expect(isValidSiret('73282932000074')).toBe(true); // INSEE's own example: 7th establishment of SIREN 732829320
    expect(isValidSiret('55208131766522')).toBe(true); // Électricité de France, an establishment
    expect(isValidSiret('13002526500013')).toBe(true); // a State service
  });

  it('accepts Luhn-valid numbers built from arbitrary prefixes', () => {
    for (const prefix of ['1234567890123', '0000000000001', '9876543210987', '3300000000000']) {
      expect(isValidSiret(withLuhnKey(prefix))).toBe(true);
    }
  });

  it('rejects every wrong key digit', () => {
    for (let key = 0; key <= 9; key++) {
      if (key === 4) continue;
      expect(isValidSiret(`7328293200007${key}`)).toBe(false);
    }
  });

  it('rejects two swapped neighbouring digits (the typing error Luhn is made for)', () => {
    expect(isValidSiret('73282932000047')).toBe(false);
    expect(isValidSiret('37282932000074')).toBe(false);
  });

  it('rejects numbers that are not exactly 14 digits', () => {
    expect(isValidSiret('')).toBe(false);
    expect(isValidSiret('732829320')).toBe(false); // a SIREN alone
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
    expect(isValidSiret('00000000000000000000')).toBe(false);
  });

  it('rejects letters and punctuation', () => {
    expect(isValidSiret('7328293200007A')).toBe(false);
    expect(isValidSiret('732-829-320-00074')).toBe(false);
    expect(isValidSiret('732.829.320.00074')).toBe(false);
    expect(isValidSiret('MONACOCONFO001')).toBe(false);
  });

  it('ignores spaces, including the no-break spaces that pasting from a PDF brings', () => {
    expect(isValidSiret('732 829 320 00074')).toBe(true);
    expect(isValidSiret(' 73282932000074 ')).toBe(true);
    expect(isValidSiret('732\u00a0829\u00a0320\u00a000074')).toBe(true);
    expect(isValidSiret('732\u202f829\u202f320\u202f00074')).toBe(true);
    expect(isValidSiret('732 829 320 00075')).toBe(false);
  });

  describe('La Poste (SIREN 356000000)', () => {
    it('accepts establishments whose digit sum is a multiple of 5, though they fail Luhn', () => {
      // 3+5+6 + 4+9+8+3+7 = 45
      expect(isValidSiret('35600000049837')).toBe(true);
      // 3+5+6 + 1 = 15
      expect(isValidSiret('35600000000010')).toBe(true);
      expect(isValidSiret('356 000 000 49837')).toBe(true);
    });

    it('rejects establishments whose digit sum is not a multiple of 5', () => {
      expect(isValidSiret('35600000049838')).toBe(false); // sum 46
      expect(isValidSiret('35600000000011')).toBe(false); // sum 16
    });

    it('accepts the head office 356 000 000 00048, which follows Luhn and not the sum rule', () => {
      // INSEE: only La Poste's head office SIRET matches the Luhn formula; its digit sum is 26.
      expect(isValidSiret('35600000000048')).toBe(true);
    });

    it('applies the sum rule only to SIREN 356000000, not to a neighbouring SIREN', () => {
      // SIREN 356000001: digit sum 3+5+6+1+5 = 20, a multiple of 5, but the Luhn key of this prefix is another digit
      expect(withLuhnKey('3560000010000')).not.toBe('35600000100005');
      expect(isValidSiret('35600000100005')).toBe(false);
      expect(isValidSiret(withLuhnKey('3560000010000'))).toBe(true);
    });
  });
});
