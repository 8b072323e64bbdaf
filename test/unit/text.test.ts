import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { text } from '../../src/shared/schemas/common';
import { cleanForeignText, lowerFirst, stripForbiddenDeep, stripInvisible, terminalSafe } from '../../src/shared/text';

/** Every character the issue names: bidi controls, zero-width characters, the BOM, C1 controls. */
const INVISIBLE = [
  ...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
  ...'\u200B\u200C\u200D\u2060\uFEFF',
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
];
const invisible = fc.constantFrom(...INVISIBLE);
/** Names as people type them: letters of several scripts, accents, emoji, punctuation. */
const visible = fc.string({ unit: fc.constantFrom(...'aZé ŒçÀ-’«»._()0123456789🙂ßعربي中文'), maxLength: 30 });
const sprinkled = fc.tuple(visible, fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 8 })).map(([base, inserts]) => {
  // Inserted between code points: splitting an emoji's surrogate pair would make another fault.
  const chars = [...base];
  for (const [at, c] of inserts) chars.splice(at % (chars.length + 1), 0, c);
  return { base, out: chars.join('') };
});

describe('stripInvisible', () => {
  it('removes every bidi control, zero-width character and C1 control, and nothing else (property)', () => {
    fc.assert(
      fc.property(sprinkled, ({ base, out }) => {
        expect(stripInvisible(out)).toBe(base);
        expect(stripInvisible(base)).toBe(base);
        expect(stripInvisible(stripInvisible(out))).toBe(stripInvisible(out));
      }),
    );
  });

  it('turns a name passed off as another back into what it is', () => {
    expect(stripInvisible('fdp.\u202Eexe.pdf')).toBe('fdp.exe.pdf');
    expect(stripInvisible('Amicale\u200B du Nid\uFEFF')).toBe('Amicale du Nid');
    expect(stripInvisible('Z\u0083ro')).toBe('Zro');
  });

  it('cleans every text a form or a file sends through the schemas, then trims it', () => {
    fc.assert(
      fc.property(sprinkled, ({ base, out }) => {
        expect(text(200).parse(`\u200B ${out} \u202C`)).toBe(base.trim());
      }),
    );
    expect(text(200).parse('\u202E Nid')).toBe('Nid');
  });

  it('is part of what a file’s text and a terminal line lose', () => {
    fc.assert(
      fc.property(sprinkled, ({ base, out }) => {
        expect(cleanForeignText(`${out}\u0007`)).toBe(base);
        expect(terminalSafe(`${out}\r`)).toBe(base);
      }),
    );
  });
});


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
