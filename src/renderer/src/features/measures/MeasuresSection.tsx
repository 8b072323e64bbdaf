import { useCallback, useEffect, useState } from 'react';
import { fileName, plural } from '../../../../shared/format';
import type { ActionListItem, CatalogueImportPreview, Framework } from '../../../../shared/model/measures';
import { api, errorMessage } from '../../api';
import { Icon } from '../../components/icons';
import { ListPage } from '../../components/ListPage';
import { useRun, useToast } from '../../components/Toast';
import { navigate } from '../../router';
import { CampaignPage } from '../returns/CampaignPage';
import { ReturnsOverview } from '../returns/ReturnsOverview';
import { ActionPage } from './ActionPage';
import { ActionsGrid } from './ActionsGrid';
import { ImportReportDialog, MeasuresTree } from './MeasuresTree';
import './measures.css';
import { Writes } from '../../components/ReadOnly';

/**
 * #/mesures → the national frameworks as a tree; #/mesures/fiches → the grid of fiches actions;
 * #/mesures/fiches/nouvelle[/<measure id>] → a new fiche; #/mesures/fiches/<id> → one fiche;
 * #/mesures/remontees → the campaigns of returns from partners; #/mesures/remontees/<id> → one campaign.
 */
export function MeasuresSection({ route }: { route: string[] }) {
  const [tab, target, preset] = route;
  if (tab === 'fiches' && target) return <ActionPage key={`${target}/${preset ?? ''}`} actionId={target === 'nouvelle' ? null : target} measureId={target === 'nouvelle' ? (preset ?? null) : null} />;
  if (tab === 'remontees') return target ? <CampaignPage key={target} campaignId={target} /> : <ReturnsOverview tabs={<MeasuresTabs tab="remontees" />} />;
  return <MeasuresOverview tab={tab === 'fiches' ? 'fiches' : 'cadres'} />;
}

type MeasuresTab = 'cadres' | 'fiches' | 'remontees';

function MeasuresTabs({ tab, fiches }: { tab: MeasuresTab; fiches?: number }) {
  const link = (id: MeasuresTab, href: string, label: string, count?: number) => (
    <a href={href} className={tab === id ? 'active' : undefined} aria-current={tab === id ? 'page' : undefined}>
      {label} {count !== undefined && <span className="count">{count}</span>}
    </a>
  );
  return (
    <nav className="tabs" aria-label="Vues des mesures">
      {link('cadres', '#/mesures', 'Cadres nationaux')}
      {link('fiches', '#/mesures/fiches', 'Fiches actions', fiches)}
      {link('remontees', '#/mesures/remontees', 'Remontées')}
    </nav>
  );
}

function MeasuresOverview({ tab }: { tab: 'cadres' | 'fiches' }) {
  const [frameworks, setFrameworks] = useState<Framework[] | null>(null);
  const [actions, setActions] = useState<ActionListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<CatalogueImportPreview | null>(null);
  const toast = useToast();
  const run = useRun();

  const load = useCallback(() => {
    Promise.all([api.catalogue.tree(), api.actions.list()]).then(
      ([tree, list]) => {
        setFrameworks(tree);
        setActions(list);
      },
      (error) => setLoadError(errorMessage(error)),
    );
  }, []);
  useEffect(load, [load]);

  const importCatalogue = () =>
    run(async () => {
      const result = await api.catalogue.previewImport();
      if (result) setPreview(result);
    });

  const exportCatalogue = () =>
    run(async () => {
      const result = await api.catalogue.export();
      if (result) toast(`Catalogue exporté : « ${fileName(result.path)} »`);
    });

  const tabs = <MeasuresTabs tab={tab} fiches={actions?.length} />;

  return (
    <ListPage
      title="Mesures"
      grid={tab === 'fiches'}
      subtitle={
        frameworks && actions
          ? `${plural(frameworks.length, 'cadre national', 'cadres nationaux')} · ${
              actions.length === 0
                ? 'aucune fiche action'
                : `${plural(actions.length, 'fiche action', 'fiches actions')} · ${plural(
                    actions.filter((a) => a.overdue).length,
                    'en retard',
                    'en retard',
                  )}`
            }`
          : 'Les cadres nationaux et les fiches actions du département'
      }
      toolbar={
        <>
          {tab === 'cadres' && (
            <>
              <Writes>
                <button type="button" className="button" onClick={importCatalogue}>
                  <Icon name="upload" size={18} />
                  Importer un catalogue…
                </button>
              </Writes>
              <button type="button" className="button" onClick={exportCatalogue}>
                <Icon name="download" size={18} />
                Exporter le catalogue
              </button>
            </>
          )}
          <Writes>
            <button type="button" className="button primary" onClick={() => navigate('mesures', 'fiches', 'nouvelle')}>
              <Icon name="plus" size={18} />
              Nouvelle fiche action
            </button>
          </Writes>
        </>
      }
      loadError={loadError}
      empty={null}
      dialogs={
        preview && (
          <ImportReportDialog
            preview={preview}
            onClose={() => setPreview(null)}
            onApplied={() => {
              setPreview(null);
              load();
            }}
          />
        )
      }
    >
      {frameworks && actions ? (
        tab === 'cadres' ? (
          <>
            {tabs}
            <MeasuresTree frameworks={frameworks} actions={actions} onChange={load} />
          </>
        ) : (
          <ActionsGrid frameworks={frameworks} rows={actions} tabs={tabs} />
        )
      ) : (
        !loadError && <div className="loading">Chargement…</div>
      )}
    </ListPage>
  );
}
