/**
 * Where a text names a person being erased: every way a secretary writes a name, and the words and
 * names that only look like it.
 */
import { describe, expect, it } from 'vitest';
import { personMatcher } from '../../src/main/features/partners/mentions';

const anais = personMatcher({ civility: 'Mme', firstName: 'Anaïs', lastName: 'Quelennec', email: 'anais.quelennec@interieur.gouv.fr', phone: '05 56 12 34 56' });

describe('a person named in a text', () => {
  it.each([
    ['Mme Anaïs Quelennec a présenté', 'Personne effacée a présenté'],
    ['Présenté par Anaïs QUELENNEC (BPF).', 'Présenté par Personne effacée (BPF).'],
    ['QUELENNEC Anais, commandante', 'Personne effacée, commandante'],
    ['vu avec A. Quelennec hier', 'vu avec Personne effacée hier'],
    ['Madame Quélennec excusée', 'Personne effacée excusée'],
    ['le rapport d’Anaïs Quelennec', 'le rapport d’Personne effacée'],
    ['réunion avec Quelennec et la DDFE', 'réunion avec Personne effacée et la DDFE'],
    ['Quelennec BPF', 'Personne effacée BPF'],
    ['écrire à anais.quelennec@interieur.gouv.fr ou a.quelennec@gmail.com', 'écrire à Personne effacée ou Personne effacée'],
    ['Tél. 05.56.12.34.56 – ou +33 (0)5 56 12 34 56, ou 0033556123456', 'Tél. Personne effacée – ou Personne effacée, ou Personne effacée'],
  ])('« %s »', (text, redacted) => {
    expect(anais.holds(text)).toBe(true);
    expect(anais.redact(text)).toBe(redacted);
  });

  it.each([
    'Anaïs Quelennec-Durand était présente',
    'la famille Durand-Quelennec',
    'Paul Quelennec, son frère',
    'la Fondation Abbé Quelennec',
    'quelennec en minuscules n’est pas écrit comme un nom',
    'appeler le 05 56 12 34 57 ou le 05 56 12 34 567',
    'écrire à anais.q@interieur.gouv.fr',
  ])('leaves « %s »', (text) => {
    expect(anais.holds(text)).toBe(false);
    expect(anais.redact(text)).toBe(text);
  });

  it('does not take a family name that is a word, or part of another name, for the person', () => {
    const petit = personMatcher({ civility: 'M.', firstName: 'Jean', lastName: 'Petit', email: null, phone: null });
    expect(petit.redact('un petit groupe ; M. Petit viendra ; Petit a confirmé ; Jean PETIT aussi')).toBe('un petit groupe ; Personne effacée viendra ; Personne effacée a confirmé ; Personne effacée aussi');
    const pierre = personMatcher({ civility: 'M.', firstName: 'Jean', lastName: 'Pierre', email: null, phone: null });
    expect(pierre.redact('la Fondation Abbé Pierre et Pierre Martin ; M. Pierre')).toBe('la Fondation Abbé Pierre et Pierre Martin ; Personne effacée');
  });

  it('finds names written with spaces or apostrophes, and without a first name', () => {
    const tour = personMatcher({ civility: null, firstName: null, lastName: 'de La Tour d’Auvergne', email: null, phone: null });
    expect(tour.redact('vu avec Mme de la Tour d\'Auvergne')).toBe('vu avec Personne effacée');
    const ndiaye = personMatcher({ civility: 'Mme', firstName: 'Awa', lastName: 'N’Diaye', email: null, phone: null });
    expect(ndiaye.redact('Awa N\'DIAYE et Mme N’Diaye')).toBe('Personne effacée et Personne effacée');
  });
});
