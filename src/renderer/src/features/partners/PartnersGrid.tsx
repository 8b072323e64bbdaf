import { AG_GRID_LOCALE_FR } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, type ColDef, type GridState } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { plural } from '../../../../shared/format';
import { interventionDomains, partnerTypes } from '../../../../shared/labels';
import type { PartnerListItem } from '../../../../shared/types';
import { api, errorMessage } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { dateColumn, frenchColDef, frenchQuickFilter, gridComponents } from '../../components/grid';
import { gridTheme, labelGrid } from '../../components/gridTheme';
import { Icon } from '../../components/icons';
import { ExportMenu } from '../../components/MenuButton';
import { useToast } from '../../components/Toast';
import { navigate } from '../../router';
import { ImportDialog } from './ImportDialog';
import { PartnersTabs } from './PartnersTabs';
import { Writes } from '../../components/ReadOnly';

ModuleRegistry.registerModules([AllCommunityModule]);

const STATE_KEY = 'maillage.grid.partenaires';

function loadGridState(): GridState | undefined {
  try {
    const saved = localStorage.getItem(STATE_KEY);
    return saved ? (JSON.parse(saved) as GridState) : undefined;
  } catch {
    return undefined;
  }
}

const columns: ColDef<PartnerListItem>[] = [
  {
    field: 'name',
    headerName: 'Structure',
    flex: 2.4,
    minWidth: 240,
    sort: 'asc',
    cellClass: 'cell-strong',
    tooltipField: 'name',
    // The quick search also finds a structure by the name of one of its contacts.
    getQuickFilterText: (p) => `${p.data?.name ?? ''} ${p.data?.contactNames ?? ''}`,
  },
  {
    colId: 'type',
    headerName: 'Type',
    flex: 1.4,
    minWidth: 150,
    valueGetter: (p) => (p.data ? partnerTypes.labels[p.data.type] : ''),
    tooltipValueGetter: (p) => p.value as string,
  },
  {
    colId: 'domains',
    headerName: 'Domaines d’intervention',
    flex: 1.4,
    minWidth: 150,
    sortable: false,
    valueGetter: (p) => p.data?.domains.map((d) => interventionDomains.labels[d]).join(', ') ?? '',
    tooltipValueGetter: (p) => p.value as string,
  },
  { field: 'commune', headerName: 'Commune', flex: 1, minWidth: 120, tooltipField: 'commune' },
  { field: 'postcode', headerName: 'CP', headerTooltip: 'Code postal', width: 90 },
  {
    field: 'contactsCount',
    headerName: 'Contacts',
    width: 112,
    filter: 'agNumberColumnFilter',
    type: 'numericColumn',
    tooltipValueGetter: (p) => (p.data ? `${plural(p.data.contactsCount, 'contact')}, dont ${plural(p.data.membersCount, 'membre')} de la commission` : ''),
  },
  {
    field: 'updatedAt',
    headerName: 'Modifiée le',
    width: 130,
    ...dateColumn,
  },
];

export function PartnersGrid() {
  const gridBox = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState<PartnerListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const initialState = useMemo(loadGridState, []);
  const toast = useToast();

  const load = useCallback(() => {
    api.partners.list().then(setRows, (error) => setLoadError(errorMessage(error)));
  }, []);
  useEffect(load, [load]);

  const importButton = (
    <Writes>
      <button type="button" className="button" onClick={() => setImporting(true)}>
        <Icon name="upload" size={18} />
        Importer…
      </button>
    </Writes>
  );

  // Floating filters put a filter box under each header, the way Excel users filter a list.
  const defaultColDef = useMemo(() => frenchColDef({ floatingFilter: true, suppressHeaderFilterButton: true }), []);

  return (
    <div className="page page-grid">
      <PartnersTabs current="" />
      <header className="page-header">
        <div>
          <h1>Partenaires</h1>
          <p className="subtitle">
            {rows
              ? shown !== null && (shown !== rows.length || search.trim() !== '')
                ? `${plural(shown, 'structure affichée', 'structures affichées', 'Aucune structure affichée')} sur ${plural(rows.length, 'structure')}`
                : rows.length === 0
                  ? 'Aucune structure'
                  : `${plural(rows.length, 'structure')} · ${plural(
                      rows.reduce((n, r) => n + r.contactsCount, 0),
                      'contact',
                    )}`
              : 'Annuaire des structures et de leurs contacts'}
          </p>
        </div>
        <div className="toolbar">
          <label className="search">
            <Icon name="search" size={18} />
            <span className="visually-hidden">Rechercher une structure ou un contact</span>
            <input
              type="search"
              placeholder="Rechercher une structure, un contact…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          {importButton}
          <ExportMenu write={(format) => api.partners.export({ format })} done="Annuaire exporté" />
          <Writes>
            <button type="button" className="button primary" onClick={() => navigate('partenaires', 'nouveau')}>
              <Icon name="plus" size={18} />
              Nouvelle structure
            </button>
          </Writes>
        </div>
      </header>
      {loadError && <p className="form-error">{loadError}</p>}
      {rows && rows.length === 0 ? (
        <EmptyState
          icon="partners"
          title="Aucune structure pour l’instant"
          action={
            <Writes>
              <button type="button" className="button primary" onClick={() => navigate('partenaires', 'nouveau')}>
                <Icon name="plus" size={18} />
                Ajouter la première structure
              </button>
              <button type="button" className="button" onClick={() => setImporting(true)}>
                <Icon name="upload" size={18} />
                Importer une liste Excel ou CSV…
              </button>
            </Writes>
          }
        >
          <p>Constituez l’annuaire du réseau : services de l’État, justice, forces de sécurité, conseil départemental, associations…</p>
          <p>Vous avez déjà une liste dans Excel ? Importez-la telle quelle.</p>
        </EmptyState>
      ) : (
        <div className="grid-wrapper" ref={gridBox}>
          <AgGridReact<PartnerListItem>
            onGridReady={() => labelGrid(gridBox.current, 'Annuaire des structures')}
            theme={gridTheme}
            rowData={rows}
            loading={rows === null}
            columnDefs={columns}
            defaultColDef={defaultColDef}
            localeText={AG_GRID_LOCALE_FR}
            components={gridComponents}
            quickFilterText={search}
            {...frenchQuickFilter}
            getRowId={(p) => p.data.id}
            initialState={initialState}
            onStateUpdated={(e) => localStorage.setItem(STATE_KEY, JSON.stringify({ ...e.state, focusedCell: undefined, scroll: undefined }))}
            onModelUpdated={(e) => setShown(e.api.getDisplayedRowCount())}
            onRowClicked={(e) => e.data && navigate('partenaires', e.data.id)}
            onCellKeyDown={(e) => {
              if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) navigate('partenaires', e.data.id);
            }}
            rowClass="clickable-row"
            tooltipShowDelay={600}
          />
        </div>
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            load();
            toast('Import terminé.');
          }}
        />
      )}
    </div>
  );
}
