import { useEffect, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import type { RetentionCandidate } from '../../../../shared/model/parcours';
import { api, errorMessage } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { BackLink } from '../../components/BackLink';
import { Writes } from '../../components/ReadOnly';

/** Requests closed more than five years ago: offered for deletion, their counts kept in past figures. */
export function RetentionPage() {
  const [items, setItems] = useState<RetentionCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const toast = useToast();
  const run = useRun();

  useEffect(() => {
    api.parcours.retention().then(setItems, (e) => setError(errorMessage(e)));
  }, []);

  async function purge() {
    setConfirm(false);
    if (!items?.length) return;
    await run(async () => {
      const { deleted } = await api.parcours.purge({ chainIds: items.map((i) => i.chainId) });
      toast(`${plural(deleted, 'demande supprimée', 'demandes supprimées')} ; les chiffres passés sont conservés.`);
      setItems(await api.parcours.retention());
    });
  }

  return (
    <div className="page">
      <BackLink href="#/parcours">Toutes les demandes</BackLink>
      <header className="page-header">
        <div>
          <h1>Conservation des demandes</h1>
          <p className="subtitle">Les demandes closes depuis plus de cinq ans peuvent être supprimées du registre.</p>
        </div>
        {items && items.length > 0 && (
          <div className="toolbar">
            <Writes>
              <button type="button" className="button danger-outline" onClick={() => setConfirm(true)}>
                <Icon name="trash" size={18} />
                Supprimer ces {plural(items.length, 'parcours')}
              </button>
            </Writes>
          </div>
        )}
      </header>
      {error && <p className="form-error">{error}</p>}
      {items && items.length === 0 && <p className="card muted">Aucune demande n’est close depuis plus de cinq ans : rien à supprimer.</p>}
      {items && items.length > 0 && (
        <section className="card">
          <p>
            Maillage garde, pour les chiffres des années passées, les seules dates et décisions de ces demandes, sans référence, association ni observation.
          </p>
          <ul className="renewals">
            {items.map((c) => (
              <li key={c.chainId}>
                <strong>{c.references.join(', ')}</strong>
                <span className="renewal-when">clos le {formatDate(c.closedOn)}</span>
                <span className="muted renewal-who">{c.associationName}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfirmDialog open={confirm} title="Supprimer ces demandes ?" confirmLabel="Supprimer définitivement" danger onConfirm={purge} onCancel={() => setConfirm(false)}>
        <p>
          {plural(items?.length ?? 0, 'parcours', 'parcours')} et leur historique seront supprimés du registre. Leurs comptes restent dans les chiffres des années passées. Cette
          suppression est définitive.
        </p>
      </ConfirmDialog>
    </div>
  );
}
