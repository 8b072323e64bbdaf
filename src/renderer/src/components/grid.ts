import type { ColDef, GridOptions } from 'ag-grid-community';
import { foldText, frenchCollator, queryWords } from '../../../shared/search';

/** French order in every grid column: « Amicale » before « ARS », « Préfecture » before « Protection », empty cells last. */
export function frenchComparator(a: unknown, b: unknown): number {
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty(a) || empty(b)) return empty(a) ? (empty(b) ? 0 : 1) : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return frenchCollator.compare(Array.isArray(a) ? a.join(', ') : String(a), Array.isArray(b) ? b.join(', ') : String(b));
}

/** Every grid's column defaults: sortable the French way, filtered without minding accents or case. */
export function frenchColDef(extra: ColDef = {}): ColDef {
  return {
    sortable: true,
    filter: 'agTextColumnFilter',
    resizable: true,
    comparator: frenchComparator,
    filterParams: { textFormatter: (value: string) => foldText(value) },
    ...extra,
  };
}

/** The quick filter (the search box above a grid) matches like the pickers: every word, accents and case ignored. */
export const frenchQuickFilter: Pick<GridOptions, 'quickFilterParser' | 'quickFilterMatcher'> = {
  quickFilterParser: queryWords,
  quickFilterMatcher: (words, rowText) => {
    const folded = foldText(rowText);
    return words.every((w) => folded.includes(w));
  },
};
