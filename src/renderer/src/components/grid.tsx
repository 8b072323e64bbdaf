import type { ColDef, GridOptions } from 'ag-grid-community';
import type { CustomDateProps } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import { formatDate, parseFrenchDate } from '../../../shared/format';
import { foldText, frenchCollator, queryWords } from '../../../shared/search';

/** French order in every grid column: « Amicale » before « ARS », « Préfecture » before « Protection », empty cells last. */
function frenchComparator(a: unknown, b: unknown): number {
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
    // Long French headers wrap instead of being cut.
    wrapHeaderText: true,
    autoHeaderHeight: true,
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

function isoOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * The date box of every grid's date filter. ag-grid's own follows the system locale (« mm/dd/yyyy,
 * --:-- » on an English desktop); this one reads what French users type, as the forms do.
 */
function FrenchDateInput({ date, onDateChange }: CustomDateProps) {
  const [text, setText] = useState(() => (date ? formatDate(isoOf(date)) : ''));
  useEffect(() => {
    // Follow a reset of the filter without fighting the user's typing.
    setText((current) => {
      const typed = parseFrenchDate(current);
      if (date === null) return typed === null ? current : '';
      return typed === isoOf(date) ? current : formatDate(isoOf(date));
    });
  }, [date]);
  return (
    <input
      className="grid-date-input"
      aria-label="Date (jj/mm/aaaa)"
      placeholder="jj/mm/aaaa"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const iso = parseFrenchDate(e.target.value);
        if (!iso) return onDateChange(null);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        onDateChange(new Date(y, m - 1, d));
      }}
    />
  );
}

/** Set once on every grid: the French date box above replaces ag-grid's everywhere. */
export const gridComponents = { agDateInput: FrenchDateInput };

/** Compares ISO dates for ag-grid's date filter, which hands over a local midnight Date. */
function compareIsoDate(filterDate: Date, cellValue: string | null): number {
  if (!cellValue) return -1;
  const day = isoOf(filterDate);
  const cellDay = cellValue.slice(0, 10);
  return cellDay === day ? 0 : cellDay < day ? -1 : 1;
}

/** A column of ISO dates: shown jj/mm/aaaa, filtered before / after / between with its full panel. */
export const dateColumn: Pick<ColDef, 'valueFormatter' | 'filter' | 'filterParams' | 'floatingFilter' | 'suppressHeaderFilterButton'> = {
  valueFormatter: (p) => formatDate(p.value as string | null),
  filter: 'agDateColumnFilter',
  filterParams: { comparator: compareIsoDate },
  // The date filter needs its full panel (before / after / between), not a cramped floating box.
  floatingFilter: false,
  suppressHeaderFilterButton: false,
};
