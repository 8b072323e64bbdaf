import { describe, expect, it } from 'vitest';
import { stripForbiddenDeep } from '../../src/shared/text';

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
