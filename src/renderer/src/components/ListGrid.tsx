import { AG_GRID_LOCALE_FR } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, type ColDef, type GridApi, type GridState, type Theme } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { frenchColDef, frenchQuickFilter, gridComponents } from './grid';
import { gridTheme, labelGrid } from './gridTheme';

ModuleRegistry.registerModules([AllCommunityModule]);

/** What a user arranged in a grid (sort, widths, hidden columns, filters), kept in the renderer's storage: a preference of this computer. */
function loadGridState(key: string): GridState | undefined {
  try {
    const saved = localStorage.getItem(key);
    return saved ? (JSON.parse(saved) as GridState) : undefined;
  } catch {
    return undefined;
  }
}

function saveGridState(key: string, state: GridState): void {
  try {
    localStorage.setItem(key, JSON.stringify({ ...state, focusedCell: undefined, scroll: undefined }));
  } catch {
    // Not remembered (storage unavailable or full): the grid still works for this run.
  }
}

interface ListGridProps<T extends { id: string }> {
  /** The grid's name for screen readers: « Annuaire des structures ». */
  label: string;
  /** null while loading. */
  rows: T[] | null;
  columns: ColDef<T>[];
  /** Opens a row's record: on a click and on Entrée. */
  open: (row: T) => void;
  /** The words of the search box above the grid. */
  search: string;
  /** The page's own filters (a status, « en retard »…); changing the function filters again. */
  filter?: (row: T) => boolean;
  /** Where the user's arrangement of the grid is remembered (`maillage.grid.<list>`). */
  stateKey: string;
  /** Told how many rows are shown once the grid has sorted and filtered. */
  onShown?: (count: number) => void;
  /** For a page that reads the grid (the rows shown, in their order, for an export). */
  apiRef?: RefObject<GridApi<T> | null>;
  defaultColDef?: ColDef;
  theme?: Theme;
}

/**
 * The grid of a register (structures, fiches actions, protocols, parcours requests): French sort, search and
 * date filters, the user's arrangement remembered, a row opened by a click or Entrée.
 */
export function ListGrid<T extends { id: string }>({ label, rows, columns, open, search, filter, stateKey, onShown, apiRef, defaultColDef, theme = gridTheme }: ListGridProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const api = useRef<GridApi<T> | null>(null);
  const initialState = useMemo(() => loadGridState(stateKey), [stateKey]);
  const colDef = useMemo(() => defaultColDef ?? frenchColDef(), [defaultColDef]);
  // The grid keeps its callbacks from the first render: it reads the page's filter and opener through refs.
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => api.current?.onFilterChanged(), [filter]);
  const isExternalFilterPresent = useCallback(() => filterRef.current !== undefined, []);
  const doesExternalFilterPass = useCallback((node: { data?: T }) => node.data !== undefined && (filterRef.current?.(node.data) ?? true), []);

  return (
    <div className="grid-wrapper" ref={box}>
      <AgGridReact<T>
        theme={theme}
        rowData={rows}
        loading={rows === null}
        columnDefs={columns}
        defaultColDef={colDef}
        localeText={AG_GRID_LOCALE_FR}
        components={gridComponents}
        quickFilterText={search}
        {...frenchQuickFilter}
        isExternalFilterPresent={isExternalFilterPresent}
        doesExternalFilterPass={doesExternalFilterPass}
        getRowId={(p) => p.data.id}
        initialState={initialState}
        tooltipShowDelay={500}
        onGridReady={(e) => {
          labelGrid(box.current, label);
          api.current = e.api;
          if (apiRef) apiRef.current = e.api;
        }}
        onStateUpdated={(e) => saveGridState(stateKey, e.state)}
        onModelUpdated={(e) => onShown?.(e.api.getDisplayedRowCount())}
        onRowClicked={(e) => e.data && openRef.current(e.data)}
        // Tab leaves the grid for the next control (the arrow keys move between cells), as a keyboard user expects.
        tabToNextCell={() => false}
        onCellKeyDown={(e) => {
          if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) openRef.current(e.data);
        }}
        rowClass="clickable-row"
      />
    </div>
  );
}

/**
 * ag-grid adds its style sheets when a grid appears and takes them away with the last one: every visit to a
 * register then made the browser parse them and restyle the whole page again (about 80 ms on the large demo).
 * This grid, empty and never shown, stays for the life of the window and keeps them.
 */
export function GridStylesKeeper() {
  return (
    <div hidden>
      <AgGridReact theme={gridTheme} rowData={[]} columnDefs={[]} />
    </div>
  );
}
