import type { ColDef } from 'ag-grid-community';
import type { CustomDateProps } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import { formatDate, parseFrenchDate } from '../../../shared/format';

function isoOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * The date box of every grid's date filter. ag-grid's own follows the system locale (« mm/dd/yyyy,
 * --:-- » on an English desktop); this one reads what French users type, as the forms do.
 */
export function FrenchDateInput({ date, onDateChange }: CustomDateProps) {
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
