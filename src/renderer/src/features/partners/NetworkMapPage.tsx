import { useEffect, useState } from 'react';
import { plural } from '../../../../shared/format';
import { interventionDomains, partnerTypes, type InterventionDomain } from '../../../../shared/labels';
import type { NetworkMap } from '../../../../shared/model/network';
import { api, errorMessage } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/icons';
import { ExportMenu } from '../../components/MenuButton';
import { navigate } from '../../router';
import { PartnersTabs } from './PartnersTabs';

/** Column headings short enough for nine columns; soft hyphens break the long words without a dictionary. */
const SHORT: Record<InterventionDomain, string> = {
  prevention: 'Prévention',
  reperage: 'Repérage',
  accompagnement: 'Accompa\u00ADgnement',
  hebergement: 'Héber\u00ADgement',
  sante: 'Santé',
  justice: 'Justice',
  formation: 'Formation',
  insertion: 'Insertion',
  recherche: 'Recherche',
};

/**
 * A cell's shade for its count (share of the largest): pale with dark text up to 60 %, then the accent nearly
 * solid with white text. A continuous shade passes through blues where neither text reaches 4.5:1 (white on
 * #7091cf was 3.16:1).
 */
function heat(share: number): React.CSSProperties {
  return share > 0.6 ? { background: `rgba(42, 91, 184, ${0.9 + 0.1 * share})`, color: '#fff' } : { background: `rgba(42, 91, 184, ${0.12 + 0.4 * share})` };
}

/** The network at a glance: which types of structure cover which domains, where, and what is missing. */
export function NetworkMapPage() {
  const [map, setMap] = useState<NetworkMap | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.network.map().then(setMap, (e) => setError(errorMessage(e)));
  }, []);

  const max = map ? Math.max(1, ...map.rows.flatMap((r) => interventionDomains.codes.map((d) => r.byDomain[d]))) : 1;
  const shownRows = map?.rows.filter((r) => r.total > 0) ?? [];

  return (
    <div className="page">
      <PartnersTabs current="cartographie" />
      <header className="page-header">
        <div>
          <h1>Cartographie du réseau</h1>
          <p className="subtitle">{map ? `${plural(map.partners, 'structure')} · ${plural(map.communes.length, 'commune')}` : 'Qui intervient, dans quel domaine, où'}</p>
        </div>
        <ExportMenu
          write={(format) => api.network.exportMap({ format })}
          done="Cartographie exportée"
          xlsxLabel="Classeur Excel (.xlsx) : tableau, communes, lacunes"
          csvLabel="CSV pour Excel : tableau types × domaines"
        />
      </header>
      {error && <p className="form-error">{error}</p>}
      {map && map.partners === 0 && (
        <EmptyState icon="map" title="La cartographie se construit avec l’annuaire" action={<button type="button" className="button primary" onClick={() => navigate('partenaires')}>Aller à l’annuaire</button>}>
          <p>Ajoutez ou importez les structures du réseau en renseignant leur type et leurs domaines d’intervention : la cartographie montrera ce qui est couvert et ce qui manque.</p>
        </EmptyState>
      )}
      {map && map.partners > 0 && (
        <>
          {(map.gaps.domains.length > 0 || map.gaps.types.length > 0) && (
            <section className="banner banner-warning gaps" aria-label="Lacunes du réseau">
              <Icon name="alert" size={20} />
              <div>
                {map.gaps.domains.length > 0 && (
                  <p>
                    <strong>Aucune structure</strong> n’intervient en : {map.gaps.domains.map((d) => interventionDomains.labels[d]).join(' · ')}.
                  </p>
                )}
                {map.gaps.types.length > 0 && (
                  <p>
                    <strong>Absents du réseau</strong> : {map.gaps.types.map((t) => partnerTypes.labels[t]).join(' · ')}.
                  </p>
                )}
              </div>
            </section>
          )}
          <section className="card">
            <h2>Structures par type et domaine d’intervention</h2>
            <div className="matrix-wrapper">
              <table className="matrix">
                <colgroup>
                  <col className="type-col" />
                  <col className="total-col" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">Type de structure</th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    {interventionDomains.codes.map((d) => (
                      <th key={d} scope="col" className={map.domainTotals[d] === 0 ? 'domain gap' : 'domain'} title={interventionDomains.labels[d]}>
                        <span aria-hidden="true">{SHORT[d]}</span>
                        <span className="visually-hidden">{interventionDomains.labels[d]}</span>
                      </th>
                    ))}
                    <th scope="col" className="domain">
                      <span>Non renseigné</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shownRows.map((r) => (
                    <tr key={r.type}>
                      <th scope="row">{partnerTypes.labels[r.type]}</th>
                      <td className="num strong">{r.total}</td>
                      {interventionDomains.codes.map((d) => {
                        const n = r.byDomain[d];
                        return (
                          <td key={d} className={`num${map.domainTotals[d] === 0 ? ' gap' : ''}`} style={n ? heat(n / max) : undefined}>
                            {n || ''}
                          </td>
                        );
                      })}
                      <td className="num muted">{r.withoutDomain || ''}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Toutes les structures</th>
                    <td className="num strong">{map.partners}</td>
                    {interventionDomains.codes.map((d) => (
                      <td key={d} className={`num strong${map.domainTotals[d] === 0 ? ' gap' : ''}`}>
                        {map.domainTotals[d] === 0 ? <span title="Aucune structure">0 ⚠</span> : map.domainTotals[d]}
                      </td>
                    ))}
                    <td className="num">{map.rows.reduce((n, r) => n + r.withoutDomain, 0) || ''}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <p className="hint">Une structure compte dans chacun de ses domaines. Les colonnes en rouge sont les domaines qu’aucune structure ne couvre ; complétez les domaines des structures qui n’en ont pas depuis leur fiche.</p>
          </section>
          <section className="card communes-card">
            <h2>Par commune</h2>
            <table className="data-table">
              <thead>
                <tr>
                  <th>Commune</th>
                  <th className="num">Structures</th>
                  <th>Domaines couverts</th>
                </tr>
              </thead>
              <tbody>
                {map.communes.map((c) => (
                  <tr key={c.commune}>
                    <td className="cell-strong">
                      {c.commune}
                      {c.postcode && <span className="muted"> ({c.postcode})</span>}
                    </td>
                    <td className="num">
                      <span className="commune-bar" style={{ width: `${(100 * c.total) / map.communes[0]!.total}%` }} />
                      {c.total}
                    </td>
                    <td>{c.domains.length === 0 ? <span className="muted">non renseignés</span> : c.domains.map((d) => interventionDomains.labels[d]).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
