import type { ColDef } from 'ag-grid-community';
import { useState } from 'react';
import { plural } from '../../../../shared/format';
import { interventionDomains, partnerTypes } from '../../../../shared/labels';
import type { PartnerListItem } from '../../../../shared/types';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { dateColumn, frenchColDef } from '../../components/grid';
import { Icon } from '../../components/icons';
import { ListGrid } from '../../components/ListGrid';
import { listCount, ListPage, type ListNoun } from '../../components/ListPage';
import { ExportMenu } from '../../components/MenuButton';
import { SearchBox } from '../../components/SearchBox';
import { useToast } from '../../components/Toast';
import { useLoad } from '../../components/useLoad';
import { navigate } from '../../router';
import { ImportDialog } from './ImportDialog';
import { PartnersTabs } from './PartnersTabs';
import { Writes } from '../../components/ReadOnly';

const NOUN: ListNoun = { one: 'structure', many: 'structures', shownOne: 'affichée', shownMany: 'affichées', none: 'Aucune structure' };
// Floating filters put a filter box under each header, the way Excel users filter a list.
const DEFAULT_COLUMN = frenchColDef({ floatingFilter: true, suppressHeaderFilterButton: true });

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
  const { data: rows, error: loadError, reload } = useLoad(api.partners.list);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const toast = useToast();

  const newPartner = () => navigate('partenaires', 'nouveau');
  return (
    <ListPage
      title="Partenaires"
      tabs={<PartnersTabs current="" />}
      subtitle={
        rows
          ? listCount(NOUN, rows.length, shown, search.trim() !== '', plural(rows.reduce((n, r) => n + r.contactsCount, 0), 'contact'))
          : 'Annuaire des structures et de leurs contacts'
      }
      toolbar={
        <>
          <SearchBox label="Rechercher une structure ou un contact" placeholder="Rechercher une structure, un contact…" value={search} onChange={setSearch} />
          <Writes>
            <button type="button" className="button" onClick={() => setImporting(true)}>
              <Icon name="upload" size={18} />
              Importer…
            </button>
          </Writes>
          <ExportMenu write={(format) => api.partners.export({ format })} done="Annuaire exporté" />
          <Writes>
            <button type="button" className="button primary" onClick={newPartner}>
              <Icon name="plus" size={18} />
              Nouvelle structure
            </button>
          </Writes>
        </>
      }
      loadError={loadError}
      dialogs={
        importing && (
          <ImportDialog
            onClose={() => setImporting(false)}
            onImported={() => {
              reload();
              toast('Import terminé.');
            }}
          />
        )
      }
      empty={
        rows?.length === 0 ? (
          <EmptyState
            icon="partners"
            title="Aucune structure pour l’instant"
            action={
              <>
                <Writes>
                  <button type="button" className="button primary" onClick={newPartner}>
                    <Icon name="plus" size={18} />
                    Ajouter la première structure
                  </button>
                </Writes>
                <Writes>
                  <button type="button" className="button" onClick={() => setImporting(true)}>
                    <Icon name="upload" size={18} />
                    Importer une liste Excel ou CSV…
                  </button>
                </Writes>
              </>
            }
          >
            <p>Constituez l’annuaire du réseau : services de l’État, justice, forces de sécurité, conseil départemental, associations…</p>
            <p>Vous avez déjà une liste dans Excel ? Importez-la telle quelle.</p>
          </EmptyState>
        ) : null
      }
    >
      <ListGrid
        label="Annuaire des structures"
        rows={rows}
        columns={columns}
        defaultColDef={DEFAULT_COLUMN}
        open={(p) => navigate('partenaires', p.id)}
        search={search}
        stateKey="maillage.grid.partenaires"
        onShown={setShown}
      />
    </ListPage>
  );
}
