/**
 * The one store of import drafts (src/main/platform/drafts.ts): a token answers only to its kind,
 * a draft that ends or is pushed out by newer ones releases what it holds outside memory.
 */
import { expect, it } from 'vitest';
import { draftsOf } from '../../src/main/platform/drafts';

it('answers a token only to the kind of import that kept it, until it is discarded', () => {
  const tables = draftsOf<string[]>('partners');
  const catalogues = draftsOf<number>('catalogue');
  const token = tables.keep(['Structure', 'Commune']);
  expect(tables.get(token)).toEqual(['Structure', 'Commune']);
  expect(() => catalogues.get(token)).toThrow('Cet import n’est plus en cours');
  tables.discard(token);
  expect(() => tables.get(token)).toThrow('Cet import n’est plus en cours');
  tables.discard(token);
});

it('releases what a draft holds when it is discarded or pushed out by newer ones', () => {
  const packages = draftsOf<string>('package');
  const released: string[] = [];
  const first = packages.keep('premier', () => released.push('premier'));
  const second = packages.keep('second', () => released.push('second'));
  packages.discard(second);
  expect(released).toEqual(['second']);
  const others = draftsOf<number>('parcours');
  for (let n = 0; n < 3; n++) others.keep(n);
  expect(released).toEqual(['second', 'premier']);
  expect(() => packages.get(first)).toThrow('Cet import n’est plus en cours');
});
