import { AG_GRID_LOCALE_FR } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { plural } from '../../../../shared/format';
import { parcoursStates, type ParcoursState } from '../../../../shared/labels';
import type { ParcoursListItem } from '../../../../shared/model/parcours';
import { parcoursKind } from '../../../../shared/parcours';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { EmptyState } from '../../components/EmptyState';
import { dateColumn, frenchColDef, frenchQuickFilter, gridComponents } from '../../components/grid';
import { gridTheme, labelGrid } from '../../components/gridTheme';
import { Icon } from '../../components/icons';
import { ExportMenu } from '../../components/MenuButton';
import { navigate } from '../../router';
import { ParcoursDeadlinesCard } from '../dashboard/ParcoursDeadlinesCard';
import { deadlineLabels, outcomeLabel, stateLabel } from './labels';
import { ParcoursImportDialog } from './ParcoursImportDialog';
import { Writes } from '../../components/ReadOnly';

ModuleRegistry.registerModules([AllCommunityModule]);

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
  const [rows, setRows] = useState<ParcoursListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [state, setState] = useState<ParcoursState | null>(null);
  const [toDo, setToDo] = useState(false);
  const [importing, setImporting] = useState(false);

  const load = () => api.parcours.list().then(setRows, (error) => setLoadError(errorMessage(error)));
  useEffect(() => {
    void load();
  }, []);

  const shown = useMemo(() => rows?.filter((r) => (!state || r.state === state) && (!toDo || r.deadline)) ?? null, [rows, state, toDo]);
  const defaultColDef = useMemo(() => frenchColDef(), []);
  const gridBox = useRef<HTMLDivElement>(null);
  const newRequest = (
    <Writes>
      <button type="button" className="button primary" onClick={() => navigate('parcours', 'nouvelle')}>
        <Icon name="plus" size={18} />
        Nouvelle demande
      </button>
    </Writes>
  );

  return (
    <div className="page page-grid">
      <header className="page-header">
        <div>
          <h1>Parcours de sortie de la prostitution</h1>
          <p className="subtitle">
            {rows
              ? shown && shown.length !== rows.length
                ? `${plural(shown.length, 'demande affichée', 'demandes affichées', 'Aucune demande affichée')} sur ${rows.length}`
                : plural(rows.length, 'demande', 'demandes', 'Aucune demande')
              : 'Registre anonyme des demandes examinées par la commission'}
          </p>
        </div>
        <div className="toolbar">
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
        </div>
      </header>
      <p className="banner banner-info parcours-privacy" role="note">
        <Icon name="shield" size={18} />
        Registre anonyme : une demande est connue par sa référence. N’y inscrivez jamais le nom, la date de naissance, l’adresse ou un numéro de dossier de la personne.
      </p>
      {loadError && <p className="form-error">{loadError}</p>}
      {rows && rows.length === 0 ? (
        <EmptyState
          icon="file"
          title="Aucune demande de parcours enregistrée"
          action={
            <Writes>
              {newRequest}
              <button type="button" className="button" onClick={() => setImporting(true)}>
                <Icon name="upload" size={18} />
                Importer un tableau Excel ou CSV…
              </button>
            </Writes>
          }
        >
          <p>
            Enregistrez chaque demande d’entrée ou de renouvellement présentée par une association agréée : Maillage calcule les dates du parcours, rappelle les
            renouvellements à demander et prépare le relevé d’avis des séances d’examen.
          </p>
          <p>Vous suiviez déjà les demandes dans Excel ? Importez votre tableau : les colonnes qui identifient une personne ne sont jamais lues.</p>
        </EmptyState>
      ) : (
        <>
          <ParcoursDeadlinesCard />
          <div className="filters" role="group" aria-label="Filtres">
            <label className="search">
              <Icon name="search" size={18} />
              <span className="visually-hidden">Rechercher une demande</span>
              <input type="search" placeholder="Rechercher une référence, une association…" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <label className="inline-field">
              État
              <CodeSelect codes={parcoursStates.codes} labels={parcoursStates.labels} value={state} onChange={setState} empty="Tous" />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={toDo} onChange={(e) => setToDo(e.target.checked)} />
              Avec une échéance (avis, décision, renouvellement)
            </label>
          </div>
          <div className="grid-wrapper" ref={gridBox}>
            <AgGridReact<ParcoursListItem>
              theme={gridTheme}
              components={gridComponents}
              {...frenchQuickFilter}
              onGridReady={() => labelGrid(gridBox.current, 'Registre des demandes de parcours de sortie')}
              rowData={shown}
              loading={rows === null}
              columnDefs={columns}
              defaultColDef={defaultColDef}
              localeText={AG_GRID_LOCALE_FR}
              quickFilterText={search}
              getRowId={(p) => p.data.id}
              onRowClicked={(e) => e.data && navigate('parcours', e.data.id)}
              onCellKeyDown={(e) => {
                if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) navigate('parcours', e.data.id);
              }}
              rowClass="clickable-row"
            />
          </div>
        </>
      )}
      {importing && <ParcoursImportDialog onClose={() => setImporting(false)} onImported={() => void load()} />}
    </div>
  );
}
