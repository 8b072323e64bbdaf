import { describe, expect, it } from 'vitest';
import { lowerFirst, stripForbiddenDeep } from '../../src/shared/text';

describe('stripForbiddenDeep', () => {
  it('strips the characters XML forbids at any depth, keeping paired surrogates (emoji) and the rest', () => {
    const dirty = { name: 'Asso\u0007ciation', list: ['ok', 'lone \uD800 surrogate', 'emoji 🙂'], nested: { note: 'tab\tand\nline\u000B', n: 3, bytes: new Uint8Array([1]) } };
    const clean = stripForbiddenDeep(dirty);
    expect(clean).toEqual({ name: 'Association', list: ['ok', 'lone  surrogate', 'emoji 🙂'], nested: { note: 'tab\tand\nline', n: 3, bytes: new Uint8Array([1]) } });
    // The input is left as it was.
    expect(dirty.name).toBe('Asso\u0007ciation');
    expect(clean.nested.bytes).toBe(dirty.nested.bytes);
  });

  it('returns what holds nothing to strip as it is, without copying it', () => {
    const data = { rows: [{ text: 'Fiche 🙂 « ok »' }, { text: 'autre' }], other: { a: ['x'] } };
    const clean = stripForbiddenDeep(data);
    expect(clean).toBe(data);
    const partly = { keep: { a: 'x' }, fix: { b: 'y\u0000' } };
    const fixed = stripForbiddenDeep(partly);
    expect(fixed.keep).toBe(partly.keep);
    expect(fixed.fix).toEqual({ b: 'y' });
  });
});

describe('lowerFirst', () => {
  it('lowers the initial of a label or a sentence set inside another sentence', () => {
    expect(lowerFirst('Le fichier existe déjà.')).toBe('le fichier existe déjà.');
    expect(lowerFirst('Élément absent')).toBe('élément absent');
    expect(lowerFirst('À lancer')).toBe('à lancer');
    expect(lowerFirst('Hors Union européenne')).toBe('hors Union européenne');
    expect(lowerFirst('Conseil départemental (ASE, PMI, prévention spécialisée)')).toBe('conseil départemental (ASE, PMI, prévention spécialisée)');
  });

  it('leaves a label that starts with an acronym as it is', () => {
    expect(lowerFirst('SIRET invalide')).toBe('SIRET invalide');
    expect(lowerFirst('DDFE / DDETS(PP)')).toBe('DDFE / DDETS(PP)');
    expect(lowerFirst('ARS et santé (hôpitaux, UAPED)')).toBe('ARS et santé (hôpitaux, UAPED)');
    expect(lowerFirst('')).toBe('');
  });
});
