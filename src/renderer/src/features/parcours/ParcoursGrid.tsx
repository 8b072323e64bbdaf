import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { parcoursStates, type ParcoursState } from '../../../../shared/labels';
import type { ParcoursListItem } from '../../../../shared/model/parcours';
import { parcoursKind } from '../../../../shared/parcours';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { EmptyState } from '../../components/EmptyState';
import { dateColumn } from '../../components/grid';
import { Icon } from '../../components/icons';
import { ListGrid } from '../../components/ListGrid';
import { listCount, ListPage, type ListNoun } from '../../components/ListPage';
import { ExportMenu } from '../../components/MenuButton';
import { SearchBox } from '../../components/SearchBox';
import { useLoad } from '../../components/useLoad';
import { navigate } from '../../router';
import { ParcoursDeadlinesCard } from '../dashboard/ParcoursDeadlinesCard';
import { deadlineLabels, outcomeLabel, stateLabel } from './labels';
import { ParcoursImportDialog } from './ParcoursImportDialog';
import { Writes } from '../../components/ReadOnly';

const NOUN: ListNoun = { one: 'demande', many: 'demandes', shownOne: 'affichée', shownMany: 'affichées', none: 'Aucune demande' };

const columns: ColDef<ParcoursListItem>[] = [
  { field: 'reference', headerName: 'Référence', width: 140, cellClass: 'cell-strong' },
  { colId: 'kind', headerName: 'Nature', width: 170, valueGetter: (p) => (p.data ? parcoursKind(p.data.renewalNumber) : '') },
  { field: 'associationName', headerName: 'Association', flex: 1.4, minWidth: 170 },
  { field: 'receivedOn', headerName: 'Reçue le', width: 115, ...dateColumn },
  { colId: 'outcome', headerName: 'Avis / décision', width: 160, valueGetter: (p) => (p.data ? outcomeLabel(p.data) : '') },
  { field: 'startsOn', headerName: 'Début', width: 115, ...dateColumn },
  { field: 'endsOn', headerName: 'Fin', width: 115, ...dateColumn },
  {
    colId: 'state',
    headerName: 'État',
    flex: 1,
    minWidth: 150,
    valueGetter: (p) => (p.data ? stateLabel(p.data) : ''),
    cellRenderer: (p: { data?: ParcoursListItem; value: string }) => (p.data ? <span className={`parcours-state parcours-state-${p.data.state}`}>{p.value}</span> : null),
  },
  {
    colId: 'deadline',
    headerName: 'À faire',
    width: 200,
    valueGetter: (p) => (p.data?.deadline ? deadlineLabels[p.data.deadline] : ''),
    cellRenderer: (p: { data?: ParcoursListItem; value: string }) => (p.value ? <span className="tag tag-warning">{p.value}</span> : <span className="muted">—</span>),
  },
];

export function ParcoursGrid() {
  // Asked for while the page is drawn (the grid takes as long to build as the register to read).
  const { data: rows, error: loadError, reload: load } = useLoad(api.parcours.list);
  const [search, setSearch] = useState('');
  const [state, setState] = useState<ParcoursState | null>(null);
  const [toDo, setToDo] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);

  const filter = useMemo(() => (state || toDo ? (r: ParcoursListItem) => (!state || r.state === state) && (!toDo || r.deadline !== null) : undefined), [state, toDo]);
  const newRequest = (
    <Writes>
      <button type="button" className="button primary" onClick={() => navigate('parcours', 'nouvelle')}>
        <Icon name="plus" size={18} />
        Nouvelle demande
      </button>
    </Writes>
  );

  return (
    <ListPage
      title="Parcours de sortie de la prostitution"
      subtitle={rows ? listCount(NOUN, rows.length, shown, filter !== undefined || search.trim() !== '') : 'Registre anonyme des demandes examinées par la commission'}
      toolbar={
        <>
          <button type="button" className="button" onClick={() => navigate('parcours', 'chiffres')}>
            <Icon name="trend" size={18} />
            Chiffres
          </button>
          <button type="button" className="button" onClick={() => navigate('parcours', 'conservation')}>
            <Icon name="archive" size={18} />
            Conservation
          </button>
          <Writes>
            <button type="button" className="button" onClick={() => setImporting(true)}>
              <Icon name="upload" size={18} />
              Importer…
            </button>
          </Writes>
          <ExportMenu write={(format) => api.parcours.export({ format })} done="Registre exporté" />
          {newRequest}
        </>
      }
      notice={
        <p className="banner banner-info parcours-privacy" role="note">
          <Icon name="shield" size={18} />
          Registre anonyme : une demande est connue par sa référence. N’y inscrivez jamais le nom, la date de naissance, l’adresse ou un numéro de dossier de la personne.
        </p>
      }
      loadError={loadError}
      dialogs={importing && <ParcoursImportDialog onClose={() => setImporting(false)} onImported={load} />}
      empty={
        rows?.length === 0 ? (
          <EmptyState
            icon="file"
            title="Aucune demande de parcours enregistrée"
            action={
              <>
                {newRequest}
                <Writes>
                  <button type="button" className="button" onClick={() => setImporting(true)}>
                    <Icon name="upload" size={18} />
                    Importer un tableau Excel ou CSV…
                  </button>
                </Writes>
              </>
            }
          >
            <p>
              Enregistrez chaque demande d’entrée ou de renouvellement présentée par une association agréée : Maillage calcule les dates du parcours, rappelle les
              renouvellements à demander et prépare le relevé d’avis des séances d’examen.
            </p>
            <p>Vous suiviez déjà les demandes dans Excel ? Importez votre tableau : les colonnes qui identifient une personne ne sont jamais lues.</p>
          </EmptyState>
        ) : null
      }
    >
      <ParcoursDeadlinesCard />
      <div className="filters" role="group" aria-label="Filtres">
        <SearchBox label="Rechercher une demande" placeholder="Rechercher une référence, une association…" value={search} onChange={setSearch} />
        <label className="inline-field">
          État
          <CodeSelect codes={parcoursStates.codes} labels={parcoursStates.labels} value={state} onChange={setState} empty="Tous" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={toDo} onChange={(e) => setToDo(e.target.checked)} />
          Avec une échéance (avis, décision, renouvellement)
        </label>
      </div>
      <ListGrid
        label="Registre des demandes de parcours de sortie"
        rows={rows}
        columns={columns}
        open={(r) => navigate('parcours', r.id)}
        search={search}
        filter={filter}
        stateKey="maillage.grid.parcours"
        onShown={setShown}
      />
    </ListPage>
  );
}
