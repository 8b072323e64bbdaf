import { describe, expect, it } from 'vitest';
import { chefsLieux } from '../../scripts/make-chefs-lieux.mjs';
import { departement, departementName, departements, regions } from '../../src/shared/departements';

describe('departements', () => {
  it('lists the 101 départements', () => {
    expect(departements).toHaveLength(101);
  });

  it('has unique codes and unique names', () => {
    expect(new Set(departements.map((d) => d.code)).size).toBe(101);
    expect(new Set(departements.map((d) => d.name)).size).toBe(101);
  });

  it('holds exactly the official codes: 01–95 without 20, 2A and 2B, 971–974 and 976, in COG order', () => {
    const metropole = Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).flatMap((code) => (code === '20' ? ['2A', '2B'] : [code]));
    expect(departements.map((d) => d.code)).toEqual([...metropole, '971', '972', '973', '974', '976']);
  });

  it('splits Corsica into 2A and 2B and has no 20', () => {
    expect(departementName('2A')).toBe('Corse-du-Sud');
    expect(departementName('2B')).toBe('Haute-Corse');
    expect(departementName('20')).toBeUndefined();
  });

  it('has the five overseas départements but not Saint-Pierre-et-Miquelon (975, a collectivité)', () => {
    expect(departementName('971')).toBe('Guadeloupe');
    expect(departementName('972')).toBe('Martinique');
    expect(departementName('973')).toBe('Guyane');
    expect(departementName('974')).toBe('La Réunion');
    expect(departementName('976')).toBe('Mayotte');
    expect(departementName('975')).toBeUndefined();
    expect(departementName('977')).toBeUndefined();
  });

  it('writes names with their accents and typographic apostrophes', () => {
    expect(departementName('07')).toBe('Ardèche');
    expect(departementName('13')).toBe('Bouches-du-Rhône');
    expect(departementName('21')).toBe('Côte-d’Or');
    expect(departementName('22')).toBe('Côtes-d’Armor');
    expect(departementName('29')).toBe('Finistère');
    expect(departementName('63')).toBe('Puy-de-Dôme');
    expect(departementName('79')).toBe('Deux-Sèvres');
    expect(departementName('90')).toBe('Territoire de Belfort');
    expect(departementName('95')).toBe('Val-d’Oise');
  });

  it('stores names in Unicode NFC, trimmed, without straight apostrophes', () => {
    for (const d of departements) {
      expect(d.name, d.code).toBe(d.name.normalize('NFC'));
      expect(d.name, d.code).toBe(d.name.trim());
      expect(d.name, d.code).not.toContain("'");
      expect(d.name, d.code).not.toMatch(/\s{2}/);
    }
  });

  it('finds the name from a code and nothing from an unknown code', () => {
    expect(departementName('33')).toBe('Gironde');
    expect(departementName('75')).toBe('Paris');
    expect(departementName('')).toBeUndefined();
    expect(departementName('2a')).toBeUndefined();
    expect(departementName('033')).toBeUndefined();
  });

  it('places each département in its region, from the official reference', () => {
    expect(regions).toHaveLength(18);
    expect(departement('2A')?.region.name).toBe('Corse');
    expect(departement('33')?.region.name).toBe('Nouvelle-Aquitaine');
    expect(departement('93')?.region).toEqual({ code: '11', name: 'Île-de-France' });
    expect(departement('13')?.region.name).toBe('Provence-Alpes-Côte d’Azur');
    expect(departement('976')).toMatchObject({ name: 'Mayotte', overseas: true, region: { code: '06', name: 'Mayotte' } });
    expect(departement('75')?.overseas).toBe(false);
    for (const r of regions) expect(departements.some((d) => d.region === r), r.name).toBe(true);
  });
});

describe('chefs-lieux', () => {
  it('names the city of each préfecture as the official reference does (rerun scripts/make-chefs-lieux.mjs when it changes)', () => {
    expect(Object.fromEntries(departements.map((d) => [d.code, d.chefLieu]))).toEqual(chefsLieux());
    expect(departement('33')?.chefLieu).toBe('Bordeaux');
    expect(departement('2A')?.chefLieu).toBe('Ajaccio');
    expect(departement('971')?.chefLieu).toBe('Basse-Terre');
    expect(departement('976')?.chefLieu).toBe('Mamoudzou');
  });
});
