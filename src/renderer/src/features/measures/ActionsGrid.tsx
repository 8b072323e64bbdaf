import type { ColDef, GridApi, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { plural } from '../../../../shared/format';
import { compareFrench } from '../../../../shared/search';
import { actionStatuses, meteos, meteoText, type ActionStatus, type Meteo } from '../../../../shared/labels';
import type { ActionListItem, Framework } from '../../../../shared/model/measures';
import type { ExportFormat } from '../../../../shared/schemas/actions';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { EmptyState } from '../../components/EmptyState';
import { dateColumn } from '../../components/grid';
import { gridTheme } from '../../components/gridTheme';
import { Icon } from '../../components/icons';
import { ListGrid } from '../../components/ListGrid';
import { nodesById, shortCode } from '../../components/pickerItems';
import { listCount, type ListNoun } from '../../components/ListPage';
import { SearchBox } from '../../components/SearchBox';
import { useRun, useToast } from '../../components/Toast';
import { navigate } from '../../router';
import { MeteoBadge, ProgressBar, StatusBadge } from './badges';
import { Writes } from '../../components/ReadOnly';

// Nine columns on a laptop screen: a little less padding than the directory's grid.
const compactTheme = gridTheme.withParams({ cellHorizontalPaddingScale: 0.7 });
const NOUN: ListNoun = { one: 'fiche', many: 'fiches', shownOne: 'affichée', shownMany: 'affichées', none: 'Aucune fiche' };

/** The columns, the measures searchable by the codes the picker suggests (« A5 », « M21 »), not only their names. */
const columnsFor = (codes: Map<string, string>): ColDef<ActionListItem>[] => [
  { field: 'code', headerName: 'Réf.', width: 82, cellClass: 'cell-muted' },
  { field: 'title', headerName: 'Intitulé', flex: 2.4, minWidth: 200, cellClass: 'cell-strong', tooltipField: 'title' },
  {
    field: 'measuresText',
    headerName: 'Mesures nationales',
    flex: 1.3,
    minWidth: 130,
    tooltipField: 'measuresText',
    getQuickFilterText: (p) => [p.value, ...(p.data?.measureIds ?? []).map((id) => codes.get(id))].filter(Boolean).join(' '),
  },
  { field: 'pilotName', headerName: 'Pilote', flex: 1.2, minWidth: 130, tooltipField: 'pilotName' },
  {
    field: 'status',
    headerName: 'Statut',
    width: 122,
    valueFormatter: (p) => actionStatuses.labels[p.value as ActionStatus],
    cellRenderer: (p: ICellRendererParams<ActionListItem>) => (p.data ? <StatusBadge status={p.data.status} /> : null),
    comparator: (a: ActionStatus, b: ActionStatus) => actionStatuses.codes.indexOf(a) - actionStatuses.codes.indexOf(b),
  },
  {
    field: 'meteo',
    headerName: 'Météo',
    width: 116,
    valueFormatter: (p) => (p.value ? meteos.labels[p.value as Meteo] : ''),
    // The word beside the icon: an icon alone said nothing to whoever does not know the four.
    cellRenderer: (p: ICellRendererParams<ActionListItem>) => (p.data ? <MeteoBadge meteo={p.data.meteo} compact={!p.data.meteo} /> : null),
    comparator: (a: Meteo | null, b: Meteo | null) => (a ? meteos.codes.indexOf(a) : -1) - (b ? meteos.codes.indexOf(b) : -1),
  },
  {
    field: 'progress',
    headerName: 'Avancement',
    width: 142,
    filter: 'agNumberColumnFilter',
    cellRenderer: (p: ICellRendererParams<ActionListItem>) => (p.data ? <ProgressBar value={p.data.progress} /> : null),
  },
  {
    field: 'endsOn',
    headerName: 'Fin',
    width: 112,
    ...dateColumn,
    cellClassRules: { 'cell-overdue': (p) => Boolean(p.data?.overdue) },
    tooltipValueGetter: (p) => (p.data?.overdue ? 'Échéance dépassée' : undefined),
  },
];

interface Filters {
  framework: string | null;
  status: ActionStatus | null;
  /** A météo, or « none » for the fiches without one. */
  meteo: Meteo | 'none' | null;
  /** A structure's id, or « none » for the fiches without a pilot. */
  pilot: string | null;
  overdue: boolean;
}

const noFilters: Filters = { framework: null, status: null, meteo: null, pilot: null, overdue: false };
const meteoChoices = [...meteos.codes, 'none'] as const;

/** `tabs`: the section's tabs, drawn on the same line as the count and the export buttons. */
export function ActionsGrid({ frameworks, rows, tabs }: { frameworks: Framework[]; rows: ActionListItem[]; tabs: ReactNode }) {
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [shown, setShown] = useState<number | null>(null);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const gridApi = useRef<GridApi<ActionListItem> | null>(null);
  const toast = useToast();
  const run = useRun();

  const columns = useMemo(() => columnsFor(new Map([...nodesById(frameworks)].map(([id, { node, framework }]) => [id, shortCode(framework.code, node.code)]))), [frameworks]);

  const pilots = useMemo(() => {
    const byId = new Map<string, string>();
    for (const r of rows) if (r.pilotPartnerId && r.pilotName) byId.set(r.pilotPartnerId, r.pilotName);
    return new Map([...byId].sort((a, b) => compareFrench(a[1], b[1])));
  }, [rows]);

  const filtering = JSON.stringify(filters) !== JSON.stringify(noFilters);
  // Made again only when the filters change: each new function makes the grid filter again.
  const filter = useMemo(
    () =>
      filtering
        ? (row: ActionListItem) =>
            (!filters.framework || row.frameworkCodes.includes(filters.framework)) &&
            (!filters.status || row.status === filters.status) &&
            (!filters.meteo || (filters.meteo === 'none' ? row.meteo === null : row.meteo === filters.meteo)) &&
            (!filters.pilot || (filters.pilot === 'none' ? row.pilotPartnerId === null : row.pilotPartnerId === filters.pilot)) &&
            (!filters.overdue || row.overdue)
        : undefined,
    [filtering, filters],
  );

  async function exportShown(format: ExportFormat) {
    const ids: string[] = [];
    gridApi.current?.forEachNodeAfterFilterAndSort((node) => node.data && ids.push(node.data.id));
    setExporting(format);
    await run(async () => {
      const result = await api.actions.export({ format, ids });
      if (result) toast(`${plural(result.count, 'fiche exportée', 'fiches exportées')} : ${result.path}`);
    });
    setExporting(null);
  }

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = search.trim() !== '' || filtering;

  if (rows.length === 0)
    return (
      <>
        {tabs}
        <EmptyState
        icon="measures"
        title="Aucune fiche action pour l’instant"
        action={
          <Writes>
            <button type="button" className="button primary" onClick={() => navigate('mesures', 'fiches', 'nouvelle')}>
              <Icon name="plus" size={18} />
              Créer la première fiche action
            </button>
          </Writes>
        }
      >
        <p>
          Une fiche action décrit ce que le département fait pour une mesure nationale : pilote, partenaires, échéances, météo, indicateurs et journal
          d’avancement. Vous pouvez aussi partir d’une mesure dans l’onglet « Cadres nationaux ».
        </p>
        </EmptyState>
      </>
    );

  return (
    <>
      <div className="tabs-row">
        {tabs}
        <div className="tabs-tools">
          <span className="muted">{shown !== null && listCount(NOUN, rows.length, shown, filtered)}</span>
          <button type="button" className="button" disabled={shown === 0 || exporting !== null} onClick={() => exportShown('xlsx')}>
            <Icon name="download" size={18} />
            {exporting === 'xlsx' ? 'Export en cours…' : 'Exporter en Excel'}
          </button>
          <button type="button" className="button" disabled={shown === 0 || exporting !== null} onClick={() => exportShown('csv')}>
            <Icon name="download" size={18} />
            {exporting === 'csv' ? 'Export en cours…' : 'Exporter en CSV'}
          </button>
        </div>
      </div>
      <div className="filters" role="group" aria-label="Filtres des fiches actions">
        <SearchBox label="Rechercher une fiche" placeholder="Rechercher…" value={search} onChange={setSearch} />
        <label className="filter">
          <span>Cadre</span>
          <CodeSelect
            codes={frameworks.map((f) => f.code)}
            labels={(code) => frameworks.find((f) => f.code === code)?.shortTitle ?? code}
            value={filters.framework}
            onChange={(code) => set('framework', code)}
            empty="Tous"
          />
        </label>
        <label className="filter">
          <span>Statut</span>
          <CodeSelect codes={actionStatuses.codes} labels={actionStatuses.labels} value={filters.status} onChange={(status) => set('status', status)} empty="Tous" />
        </label>
        <label className="filter">
          <span>Météo</span>
          <CodeSelect
            codes={meteoChoices}
            labels={(m) => (m === 'none' ? 'Non renseignée' : meteoText(m))}
            value={filters.meteo}
            onChange={(m) => set('meteo', m)}
            empty="Toutes"
          />
        </label>
        <label className="filter">
          <span>Pilote</span>
          <CodeSelect
            className="filter-wide"
            codes={['none', ...pilots.keys()]}
            labels={(id) => (id === 'none' ? 'Sans pilote' : (pilots.get(id) ?? ''))}
            value={filters.pilot}
            onChange={(id) => set('pilot', id)}
            empty="Tous"
          />
        </label>
        <label className="checkbox filter-check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)} />
          En retard
        </label>
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setFilters(noFilters);
              setSearch('');
            }}
          >
            Effacer les filtres
          </button>
        )}
      </div>
      <ListGrid
        label="Fiches actions"
        rows={rows}
        columns={columns}
        theme={compactTheme}
        open={(a) => navigate('mesures', 'fiches', a.id)}
        search={search}
        filter={filter}
        stateKey="maillage.grid.fiches-actions"
        onShown={setShown}
        apiRef={gridApi}
      />
    </>
  );
}
