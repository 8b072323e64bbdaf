import { describe, expect, it } from 'vitest';
import { parseType } from '../../src/main/features/partners/import';
import { partnerTypes } from '../../src/shared/labels';

describe('partner types read from an imported file', () => {
  it('knows the professional orders and the mayors’ representatives', () => {
    expect(partnerTypes.labels.commune).toBe('Commune, CCAS, association des maires');
    expect(parseType('Ordre professionnel (ordre des médecins…)')).toEqual({ type: 'ordre_professionnel' });
    expect(parseType('ordre_professionnel')).toEqual({ type: 'ordre_professionnel' });
    // « Conseil départemental » and « département » are in these names: the order and the mayors win.
    expect(parseType('Conseil départemental de l’ordre des médecins').type).toBe('ordre_professionnel');
    expect(parseType('Ordre des infirmiers').type).toBe('ordre_professionnel');
    expect(parseType('Association des maires du département').type).toBe('commune');
    expect(parseType('Représentant des maires').type).toBe('commune');
    expect(parseType('Conseil départemental').type).toBe('conseil_departemental');
  });

  it('still reads the commune label of files exported before, without a warning', () => {
    expect(parseType('Commune, CCAS')).toEqual({ type: 'commune' });
    expect(parseType('Commune, CCAS, association des maires')).toEqual({ type: 'commune' });
  });
});
