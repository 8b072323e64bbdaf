import { AG_GRID_LOCALE_FR } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useState, useRef } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import { protocolKinds, protocolStatuses, type ProtocolKind, type ProtocolStatus } from '../../../../shared/labels';
import type { ProtocolListItem } from '../../../../shared/model/protocols';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { EmptyState } from '../../components/EmptyState';
import { dateColumn, frenchColDef, frenchQuickFilter, gridComponents } from '../../components/grid';
import { gridTheme, labelGrid } from '../../components/gridTheme';
import { Icon } from '../../components/icons';
import { ExportMenu } from '../../components/MenuButton';
import { navigate } from '../../router';
import { deadlineLabel, RenewalsCard } from '../dashboard/RenewalsCard';
import { Writes } from '../../components/ReadOnly';

ModuleRegistry.registerModules([AllCommunityModule]);

const columns: ColDef<ProtocolListItem>[] = [
  { field: 'title', headerName: 'Titre', flex: 2.2, minWidth: 200, cellClass: 'cell-strong' },
  { colId: 'kind', headerName: 'Nature', flex: 1.3, minWidth: 170, valueGetter: (p) => (p.data ? protocolKinds.labels[p.data.kind] : '') },
  {
    colId: 'status',
    headerName: 'Statut',
    width: 130,
    valueGetter: (p) => (p.data ? protocolStatuses.labels[p.data.status] : ''),
    cellRenderer: (p: { data?: ProtocolListItem; value: string }) => (p.data ? <span className={`protocol-status protocol-status-${p.data.status}`}>{p.value}</span> : null),
  },
  { field: 'signatories', headerName: 'Signataires', flex: 1.6, minWidth: 160 },
  { field: 'signedOn', headerName: 'Signé le', width: 115, ...dateColumn },
  { field: 'endsOn', headerName: 'Fin', width: 115, ...dateColumn },
  {
    colId: 'deadline',
    headerName: 'Échéance',
    width: 230,
    valueGetter: (p) => p.data?.deadline?.date ?? null,
    cellRenderer: (p: { data?: ProtocolListItem }) => {
      const d = p.data?.deadline;
      if (!d) return <span className="muted">—</span>;
      if (d.state === 'later') return `${d.kind === 'review' ? 'Révision' : 'Fin'} le ${formatDate(d.date)}`;
      return <span className={d.state === 'overdue' ? 'overdue-text' : 'due-text'}>{deadlineLabel(d)}</span>;
    },
  },
  {
    field: 'hasFile',
    headerName: 'Signé joint',
    width: 115,
    cellRenderer: (p: { value: boolean }) => (p.value ? <span title="Document signé joint">📎 oui</span> : <span className="muted">non</span>),
  },
];

export function ProtocolsGrid() {
  const gridBox = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState<ProtocolListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ProtocolStatus | null>(null);
  const [kind, setKind] = useState<ProtocolKind | null>(null);
  const [toRenew, setToRenew] = useState(false);

  useEffect(() => {
    api.protocols.list().then(setRows, (error) => setLoadError(errorMessage(error)));
  }, []);

  const shown = useMemo(
    () => rows?.filter((r) => (!status || r.status === status) && (!kind || r.kind === kind) && (!toRenew || (r.deadline && r.deadline.state !== 'later'))) ?? null,
    [rows, status, kind, toRenew],
  );
  const defaultColDef = useMemo(() => frenchColDef(), []);

  return (
    <div className="page page-grid">
      <header className="page-header">
        <div>
          <h1>Protocoles et conventions</h1>
          <p className="subtitle">
            {rows ? (shown && shown.length !== rows.length ? `${plural(shown.length, 'protocole affiché', 'protocoles affichés', 'Aucun protocole affiché')} sur ${rows.length}` : plural(rows.length, 'protocole', 'protocoles', 'Aucun protocole')) : 'Registre des conventions de la commission'}
          </p>
        </div>
        <div className="toolbar">
          <ExportMenu write={(format) => api.protocols.export({ format })} done="Registre exporté" />
          <Writes>
            <button type="button" className="button primary" onClick={() => navigate('protocoles', 'nouveau')}>
              <Icon name="plus" size={18} />
              Nouveau protocole
            </button>
          </Writes>
        </div>
      </header>
      {loadError && <p className="form-error">{loadError}</p>}
      {rows && rows.length === 0 ? (
        <EmptyState
          icon="protocols"
          title="Aucun protocole enregistré"
          action={
            <Writes>
              <button type="button" className="button primary" onClick={() => navigate('protocoles', 'nouveau')}>
                <Icon name="plus" size={18} />
                Enregistrer un protocole
              </button>
            </Writes>
          }
        >
          <p>Consignez ici les protocoles de repérage et de signalement, conventions de partenariat ou de financement et chartes : signataires, dates, document signé. Maillage vous rappellera leurs échéances.</p>
        </EmptyState>
      ) : (
        <>
          <RenewalsCard />
          <div className="filters protocol-filters" role="group" aria-label="Filtres">
            <label className="search">
              <Icon name="search" size={18} />
              <span className="visually-hidden">Rechercher un protocole</span>
              <input type="search" placeholder="Rechercher un titre, un signataire…" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <label className="inline-field">
              Statut
              <CodeSelect codes={protocolStatuses.codes} labels={protocolStatuses.labels} value={status} onChange={setStatus} empty="Tous" />
            </label>
            <label className="inline-field">
              Nature
              <CodeSelect codes={protocolKinds.codes} labels={protocolKinds.labels} value={kind} onChange={setKind} empty="Toutes" />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={toRenew} onChange={(e) => setToRenew(e.target.checked)} />
              À renouveler (60 jours ou en retard)
            </label>
          </div>
          <div className="grid-wrapper" ref={gridBox}>
            <AgGridReact<ProtocolListItem>
              onGridReady={() => labelGrid(gridBox.current, 'Registre des protocoles')}
              theme={gridTheme}
              rowData={shown}
              loading={rows === null}
              columnDefs={columns}
              defaultColDef={defaultColDef}
              localeText={AG_GRID_LOCALE_FR}
              components={gridComponents}
              quickFilterText={search}
            {...frenchQuickFilter}
              getRowId={(p) => p.data.id}
              onRowClicked={(e) => e.data && navigate('protocoles', e.data.id)}
              onCellKeyDown={(e) => {
                if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) navigate('protocoles', e.data.id);
              }}
              rowClass="clickable-row"
            />
          </div>
        </>
      )}
    </div>
  );
}
