import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plural as pluralFromFormat } from '../../src/shared/format';
import { plural } from '../../src/shared/format';
import { dayOfMonth, frenchTypography, NB_HYPHEN, NBSP, typographyRules } from '../../src/shared/typography';

const show = (s: string) => s.replace(/\u00a0/g, '~').replace(/\u2011/g, '‑').replace(/\u2060/g, '|');

describe('frenchTypography', () => {
  it('puts a no-break space before high punctuation and % and inside guillemets', () => {
    expect(show(frenchTypography('Objet : convocation ; vraiment ? oui ! 85 %'))).toBe('Objet~: convocation~; vraiment~? oui~! 85~%');
    expect(show(frenchTypography('Objet: taux 85%'))).toBe('Objet~: taux 85~%');
    expect(show(frenchTypography('le « repérage » des mineurs'))).toBe('le «~repérage~» des mineurs');
    expect(show(frenchTypography('le «repérage» des mineurs'))).toBe('le «~repérage~» des mineurs');
  });

  it('turns guillemets inside guillemets into English quotes', () => {
    expect(show(frenchTypography('Elle dit « je gère « mon budget » seule » hier'))).toBe('Elle dit «~je gère “mon budget” seule~» hier');
  });

  it('keeps numbers, times, dates, codes, civilities and phone numbers on one line', () => {
    expect(show(frenchTypography('1 500 professionnels et 12 345 678 €'))).toBe('1~500 professionnels et 12~345~678~€');
    expect(show(frenchTypography('le jeudi 1er décembre 2026 à 14 h 30'))).toBe('le jeudi~1er~décembre~2026 à 14~h~30');
    expect(show(frenchTypography('du 21 mai 2026'))).toBe('du 21~mai~2026');
    expect(frenchTypography('Fiche FA-027 et M-15')).toBe(`Fiche FA${NB_HYPHEN}027 et M${NB_HYPHEN}15`);
    // A reference keeps the hyphens one types, to be found when searched for or pasted (its column holds it).
    expect(frenchTypography('la demande PS-2026-007 et AN-33-12')).toBe('la demande PS-2026-007 et AN-33-12');
    expect(show(frenchTypography('Mme Noël et M. Durand'))).toBe('Mme~Noël et M.~Durand');
    expect(show(frenchTypography('Tél. 05 56 90 60 60 ou +33 5 56 90 60 61'))).toBe('Tél. 05~56~90~60~60 ou +33~5~56~90~60~61');
  });

  it('never lets an e-mail break at its hyphen, and never changes a URL', () => {
    expect(show(frenchTypography('écrire à ddfe-gironde@gironde.gouv.fr'))).toBe('écrire à ddfe-|gironde@gironde.gouv.fr');
    const url = 'https://webconf.numerique.gouv.fr/cdlp-33?x=1 ; suite';
    expect(show(frenchTypography(url))).toBe('https://webconf.numerique.gouv.fr/cdlp-33?x=1~; suite');
    // A hyphen ending the address gets one joiner, however many times the text is set (found by the property below).
    const ending = frenchTypography('a@a.-');
    expect([show(ending), frenchTypography(ending)]).toEqual(['a@a.-|', ending]);
  });

  it('is idempotent and never loses a letter', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', ':', '«', '»', '%', '-', '@', '.', 'é', '?', 'h', '\n') , maxLength: 40 }), (s) => {
        const once = frenchTypography(s);
        expect(frenchTypography(once)).toBe(once);
        const letters = (x: string) => x.replace(/[\s\u00a0\u2060«»“”-]/g, '').replace(/\u2011/g, '');
        expect(letters(once)).toBe(letters(s));
      }),
    );
  });

  it('skips only the texts that no rule would change', () => {
    const unit = fc.constantFrom('a', 'M', 'e', 'r', 'D', 'P', 'l', 'h', '1', '0', ' ', '\t', '\u00a0', '\u202f', ':', ';', '!', '?', '%', '€', '«', '»', '“', '”', '-', '@', '.', ')', '…', '\n', '1er', 'mars', 'lundi', 'Mme', 'ans', 'https://x.fr/a-1');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
        expect(frenchTypography(s)).toBe(typographyRules(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('uses only the plain no-break space, which every font has', () => {
    expect(frenchTypography('1\u202f500')).toBe(`1${NBSP}500`);
  });
});

describe('plural and dayOfMonth', () => {
  it('counts in French, with a wording for none', () => {
    expect(plural(0, 'séance', 'séances', 'aucune séance')).toBe('aucune séance');
    expect(plural(1, 'décision')).toBe('1 décision');
    expect(plural(2, 'décision')).toBe('2 décisions');
    expect(plural(0, 'contact')).toBe('0 contact');
    expect(plural(1500, 'personne')).toBe('1\u202f500 personnes');
    // The interface's existing callers go on importing it from format.
    expect(pluralFromFormat).toBe(plural);
  });

  it('writes the first of the month « 1er »', () => {
    expect(dayOfMonth(1)).toBe('1er');
    expect(dayOfMonth(21)).toBe('21');
  });
});
