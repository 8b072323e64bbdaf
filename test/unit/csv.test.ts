import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv } from '../../src/main/spreadsheets/csv';

function records(text: string, separator = ';'): [string[], number][] {
  const out: [string[], number][] = [];
  parseCsv(text, separator, (fields, line) => {
    out.push([fields, line]);
  });
  return out;
}

describe('parseCsv', () => {
  it('reads records as Excel writes them, each with the line it starts on', () => {
    expect(records('a;b\r\nc;d\n')).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 2],
    ]);
    // Quoted separators, line breaks and doubled quotes; text after a closing quote kept; a lone CR ends a record.
    expect(records('a;"b;\nx""y"z;c\rd')).toEqual([
      [['a', 'b;\nx"yz', 'c'], 1],
      [['d'], 3],
    ]);
    expect(records('\n\na;')).toEqual([
      [[''], 1],
      [[''], 2],
      [['a', ''], 3],
    ]);
    expect(records('"a"')).toEqual([[['a'], 1]]);
    expect(records('x"y;z')).toEqual([[['x"y', 'z'], 1]]);
    expect(records('')).toEqual([]);
  });

  it('says where an unclosed quote starts, and stops when asked', () => {
    expect(() => records('a\nb;"c\nd')).toThrow(/à partir de la ligne 2/);
    const seen: string[][] = [];
    parseCsv('1\n2\n3\n4', ';', (fields) => {
      seen.push(fields);
      return seen.length < 2;
    });
    expect(seen).toEqual([['1'], ['2']]);
  });

  it('finds the separator that splits the first records consistently', () => {
    expect(detectSeparator('Nom;Adresse\nA;1, rue B\nC;2, rue D\n')).toBe(';');
    expect(detectSeparator('Nom,Commune\nA,B\nC,D\n')).toBe(',');
    expect(detectSeparator('Nom\tCommune\nA\tB\n')).toBe('\t');
  });
});
