import { useCallback, useEffect, useState } from 'react';
import { fileName, plural } from '../../../../shared/format';
import type { ActionListItem, CatalogueImportPreview, Framework } from '../../../../shared/model/measures';
import { api, errorMessage } from '../../api';
import { Icon } from '../../components/icons';
import { useToast } from '../../components/Toast';
import { navigate } from '../../router';
import { ActionPage } from './ActionPage';
import { ActionsGrid } from './ActionsGrid';
import { ImportReportDialog, MeasuresTree } from './MeasuresTree';
import './measures.css';
import { Writes } from '../../components/ReadOnly';

/**
 * #/mesures → the national frameworks as a tree; #/mesures/fiches → the grid of fiches actions;
 * #/mesures/fiches/nouvelle[/<measure id>] → a new fiche; #/mesures/fiches/<id> → one fiche.
 */
export function MeasuresSection({ route }: { route: string[] }) {
  const [tab, target, preset] = route;
  if (tab === 'fiches' && target) return <ActionPage key={`${target}/${preset ?? ''}`} actionId={target === 'nouvelle' ? null : target} measureId={target === 'nouvelle' ? (preset ?? null) : null} />;
  return <MeasuresOverview tab={tab === 'fiches' ? 'fiches' : 'cadres'} />;
}

function MeasuresOverview({ tab }: { tab: 'cadres' | 'fiches' }) {
  const [frameworks, setFrameworks] = useState<Framework[] | null>(null);
  const [actions, setActions] = useState<ActionListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<CatalogueImportPreview | null>(null);
  const toast = useToast();

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

  async function importCatalogue() {
    try {
      const result = await api.catalogue.previewImport();
      if (result) setPreview(result);
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  }

  async function exportCatalogue() {
    try {
      const result = await api.catalogue.export();
      if (result) toast(`Catalogue exporté : « ${fileName(result.path)} »`);
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  }

  const tabs = (
    <nav className="tabs" aria-label="Vues des mesures">
      <a href="#/mesures" className={tab === 'cadres' ? 'active' : undefined} aria-current={tab === 'cadres' ? 'page' : undefined}>
        Cadres nationaux
      </a>
      <a href="#/mesures/fiches" className={tab === 'fiches' ? 'active' : undefined} aria-current={tab === 'fiches' ? 'page' : undefined}>
        Fiches actions {actions && <span className="count">{actions.length}</span>}
      </a>
    </nav>
  );

  return (
    <div className={`page${tab === 'fiches' ? ' page-grid' : ''}`}>
      <header className="page-header">
        <div>
          <h1>Mesures</h1>
          <p className="subtitle">
            {frameworks && actions
              ? `${plural(frameworks.length, 'cadre national', 'cadres nationaux')} · ${
                  actions.length === 0
                    ? 'aucune fiche action'
                    : `${plural(actions.length, 'fiche action', 'fiches actions')} · ${plural(
                        actions.filter((a) => a.overdue).length,
                        'en retard',
                        'en retard',
                      )}`
                }`
              : 'Les cadres nationaux et les fiches actions du département'}
          </p>
        </div>
        <div className="toolbar">
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
        </div>
      </header>
      {loadError && <p className="form-error">{loadError}</p>}
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
      {preview && (
        <ImportReportDialog
          preview={preview}
          onClose={() => setPreview(null)}
          onApplied={() => {
            setPreview(null);
            load();
          }}
        />
      )}
    </div>
  );
}
