import { useRef, useState } from 'react';
import { formatDate, formatInteger, plural } from '../../../../shared/format';
import type { StaleContact } from '../../../../shared/model/network';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { useLoad } from '../../components/useLoad';
import { EraseDialog } from './EraseDialog';
import { PartnersTabs } from './PartnersTabs';
import { Writes } from '../../components/ReadOnly';

/** Saves what Maillage holds about a person (RGPD, right of access) where the user chooses. */
export function exportPersonalData(id: string, run: ReturnType<typeof useRun>, toast: ReturnType<typeof useToast>): Promise<boolean> {
  return run(async () => {
    const saved = await api.gdpr.exportPerson({ id });
    if (saved) toast(`Données exportées : ${saved.path}`);
  });
}

/** A few thousand rows of three buttons each take seconds to draw (and to send): the list shows this many more at each request. */
const ROWS_AT_ONCE = 100;

/** Contacts never confirmed, or not for 24 months: confirm, export or erase them. */
export function StaleContactsPage() {
  const limit = useRef(ROWS_AT_ONCE);
  const { data, error, reload } = useLoad(() => api.gdpr.staleContacts({ limit: limit.current }));
  const [erasing, setErasing] = useState<StaleContact | null>(null);
  const toast = useToast();
  const run = useRun();
  const rows = data?.contacts ?? null;
  const total = data?.total ?? 0;

  const confirm = (c: StaleContact) =>
    run(async () => {
      await api.gdpr.confirm({ id: c.id });
      reload();
    }, `Coordonnées de ${c.name} confirmées aujourd’hui.`);

  return (
    <div className="page">
      <PartnersTabs current="rgpd" />
      <header className="page-header">
        <div>
          <h1>Contacts à reconfirmer</h1>
          <p className="subtitle">Coordonnées jamais confirmées, ou pas depuis 24 mois (RGPD : des données exactes et à jour).</p>
        </div>
      </header>
      {error && <p className="form-error">{error}</p>}
      {rows && rows.length === 0 && (
        <EmptyState icon="shield" title="Tous les contacts sont à jour">
          <p>Chaque contact a confirmé ses coordonnées au cours des 24 derniers mois.</p>
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <section className="card">
          <p className="muted">
            {plural(total, 'contact')} à reconfirmer. Après un échange avec la personne, cliquez « Confirmé aujourd’hui » ; si elle a quitté ses fonctions ou
            demande l’effacement, effacez-la.
          </p>
          <table className="data-table stale-table">
            <thead>
              <tr>
                <th>Personne</th>
                <th>Structure</th>
                <th>Source</th>
                <th>Confirmé le</th>
                <th className="visually-hidden">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <span className="cell-strong">{c.name}</span>
                    {c.role && <div className="muted">{c.role}</div>}
                    {c.email && <div className="muted email">{c.email}</div>}
                  </td>
                  <td>
                    <a href={`#/partenaires/${c.partnerId}`}>{c.partnerName}</a>
                  </td>
                  <td>{c.source ?? <span className="muted">non renseignée</span>}</td>
                  <td>{c.confirmedOn ? formatDate(c.confirmedOn) : <span className="overdue-text">jamais</span>}</td>
                  <td>
                    <div className="gdpr-actions">
                    <Writes>
                      <button type="button" className="button" onClick={() => confirm(c)}>
                        <Icon name="check" size={16} />
                        Confirmé aujourd’hui
                      </button>
                    </Writes>
                    <button type="button" className="icon-button" title="Exporter ses données" aria-label={`Exporter les données de ${c.name}`} onClick={() => exportPersonalData(c.id, run, toast)}>
                      <Icon name="download" size={18} />
                    </button>
                    <Writes>
                      <button type="button" className="icon-button" title="Effacer partout" aria-label={`Effacer ${c.name} partout`} onClick={() => setErasing(c)}>
                        <Icon name="eraser" size={18} />
                      </button>
                    </Writes>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > rows.length && (
            <p className="gdpr-more">
              <button
                type="button"
                className="button"
                onClick={() => {
                  limit.current = rows.length + ROWS_AT_ONCE;
                  reload();
                }}
              >
                Afficher {plural(Math.min(ROWS_AT_ONCE, total - rows.length), 'contact')} de plus
              </button>
              <span className="muted">
                {formatInteger(rows.length)} affichés sur {formatInteger(total)}
              </span>
            </p>
          )}
        </section>
      )}
      <EraseDialog
        person={erasing}
        onClose={() => setErasing(null)}
        onErased={() => {
          setErasing(null);
          reload();
        }}
      />
    </div>
  );
}
