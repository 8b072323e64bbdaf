import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { protocolKinds, protocolStatuses, type ProtocolKind, type ProtocolStatus } from '../../../../shared/labels';
import type { ProtocolListItem } from '../../../../shared/model/protocols';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { EmptyState } from '../../components/EmptyState';
import { dateColumn } from '../../components/grid';
import { Icon } from '../../components/icons';
import { ListGrid } from '../../components/ListGrid';
import { listCount, ListPage, type ListNoun } from '../../components/ListPage';
import { ExportMenu } from '../../components/MenuButton';
import { SearchBox } from '../../components/SearchBox';
import { navigate } from '../../router';
import { deadlineLabel, RenewalsCard } from '../dashboard/RenewalsCard';
import { Writes } from '../../components/ReadOnly';

const NOUN: ListNoun = { one: 'protocole', many: 'protocoles', shownOne: 'affiché', shownMany: 'affichés', none: 'Aucun protocole' };

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
  const [rows, setRows] = useState<ProtocolListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ProtocolStatus | null>(null);
  const [kind, setKind] = useState<ProtocolKind | null>(null);
  const [toRenew, setToRenew] = useState(false);
  const [shown, setShown] = useState<number | null>(null);

  useEffect(() => {
    api.protocols.list().then(setRows, (error) => setLoadError(errorMessage(error)));
  }, []);

  const filtered = status !== null || kind !== null || toRenew;
  const filter = useMemo(
    () => (filtered ? (r: ProtocolListItem) => (!status || r.status === status) && (!kind || r.kind === kind) && (!toRenew || (r.deadline !== null && r.deadline.state !== 'later')) : undefined),
    [filtered, status, kind, toRenew],
  );
  return (
    <ListPage
      title="Protocoles et conventions"
      subtitle={rows ? listCount(NOUN, rows.length, shown, filtered || search.trim() !== '') : 'Registre des conventions de la commission'}
      toolbar={
        <>
          <ExportMenu write={(format) => api.protocols.export({ format })} done="Registre exporté" />
          <Writes>
            <button type="button" className="button primary" onClick={() => navigate('protocoles', 'nouveau')}>
              <Icon name="plus" size={18} />
              Nouveau protocole
            </button>
          </Writes>
        </>
      }
      loadError={loadError}
      empty={
        rows?.length === 0 ? (
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
        ) : null
      }
    >
      <RenewalsCard limit={5} onShowAll={() => setToRenew(true)} />
      <div className="filters protocol-filters" role="group" aria-label="Filtres">
        <SearchBox label="Rechercher un protocole" placeholder="Rechercher un titre, un signataire…" value={search} onChange={setSearch} />
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
      <ListGrid
        label="Registre des protocoles"
        rows={rows}
        columns={columns}
        open={(p) => navigate('protocoles', p.id)}
        search={search}
        filter={filter}
        stateKey="maillage.grid.protocoles"
        onShown={setShown}
      />
    </ListPage>
  );
}
