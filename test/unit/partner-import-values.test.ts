import { describe, expect, it } from 'vitest';
import { parseType, splitFullName, suggestMapping, TYPE_SYNONYMS } from '../../src/main/features/partners/import';
import { partnerTypes } from '../../src/shared/labels';

describe('partner types read by meaning', () => {
  it('understands every word of the synonym table as its own type, silently', () => {
    for (const [code, phrases] of Object.entries(TYPE_SYNONYMS)) {
      for (const phrase of phrases) expect(parseType(phrase), phrase).toEqual({ type: code });
    }
  });

  it('reads each type’s own label, with accents and capitals as typed', () => {
    for (const code of partnerTypes.codes) expect(parseType(partnerTypes.labels[code]).type).toBe(code);
    expect(parseType('ASSOCIATION AGRÉÉE')).toEqual({ type: 'association_sortie' });
    expect(parseType('Préfecture')).toEqual({ type: 'prefecture' });
  });

  it('finds a known phrase inside a longer cell, the longest one first, and says so', () => {
    expect(parseType('Association agréée (Bordeaux)')).toEqual({
      type: 'association_sortie',
      warning: 'Type « Association agréée (Bordeaux) » compris comme « Association agréée parcours de sortie ».',
    });
    expect(parseType('Association de protection de l’enfance – AEMO').type).toBe('association_enfance');
    expect(parseType('Service de police municipale').type).toBe('police');
  });

  it('keeps « Autre » with a warning for words it does not know', () => {
    expect(parseType('Cabinet libéral')).toEqual({ type: 'autre', warning: 'Type « Cabinet libéral » inconnu : « Autre » est retenu.' });
    expect(parseType('Conseil départemental de l’ordre des médecins').type).toBe('ordre_professionnel');
    expect(parseType('')).toEqual({ type: 'autre', warning: 'Type absent : « Autre » est retenu.' });
  });
});

describe('full names', () => {
  it.each([
    ['Dr Béatrice Lœuillet', { civility: 'Dr', firstName: 'Béatrice', lastName: 'Lœuillet' }],
    ['Pr. Olivier Brissaud', { civility: 'Pr', firstName: 'Olivier', lastName: 'Brissaud' }],
    ['Me Laure Cassagne', { civility: 'Me', firstName: 'Laure', lastName: 'Cassagne' }],
    ['Mme Claire Dubreuil', { civility: 'Mme', firstName: 'Claire', lastName: 'Dubreuil' }],
    ['Mlle Julie Martin', { civility: 'Mme', firstName: 'Julie', lastName: 'Martin' }],
    ['M. Jean-Marc de La Tour', { civility: 'M.', firstName: 'Jean-Marc', lastName: 'de La Tour' }],
    ['Monsieur Karim Haddad', { civility: 'M.', firstName: 'Karim', lastName: 'Haddad' }],
    ['DUPONT Jeanne', { civility: null, firstName: 'Jeanne', lastName: 'DUPONT' }],
    ['LE GALL Marie-Anne', { civility: null, firstName: 'Marie-Anne', lastName: 'LE GALL' }],
    ['Martin', { civility: null, firstName: null, lastName: 'Martin' }],
    ['Dr', { civility: null, firstName: null, lastName: 'Dr' }],
  ])('« %s »', (text, expected) => {
    expect(splitFullName(text)).toEqual(expected);
  });

  it('reads a « Nom du contact » column as full names when there is no first-name column and the cells hold two words', () => {
    const headers = ['Structure', 'Nom du contact'];
    expect(suggestMapping(headers, [{ cells: ['A', 'Dr Béatrice Lœuillet'] }, { cells: ['B', 'Claire Dubreuil'] }])).toEqual(['name', 'fullName']);
    expect(suggestMapping(headers, [{ cells: ['A', 'Lœuillet'] }, { cells: ['B', 'Dubreuil'] }])).toEqual(['name', 'lastName']);
    expect(suggestMapping([...headers, 'Prénom'], [{ cells: ['A', 'de La Tour', 'Jean-Marc'] }])).toEqual(['name', 'lastName', 'firstName']);
  });
});
