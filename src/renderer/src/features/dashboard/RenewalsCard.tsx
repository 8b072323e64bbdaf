import { useEffect, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import type { ProtocolReminder, ProtocolRenewals } from '../../../../shared/model/protocols';
import { api, errorMessage } from '../../api';
import { Icon } from '../../components/icons';

export function deadlineLabel(d: ProtocolReminder['deadline']): string {
  const what = d.kind === 'review' ? 'Révision' : 'Fin de validité';
  if (d.daysLeft < 0) return `${what} dépassée depuis ${plural(-d.daysLeft, 'jour')}`;
  if (d.daysLeft === 0) return `${what} aujourd’hui`;
  return `${what} dans ${plural(d.daysLeft, 'jour')}`;
}

/**
 * Protocols to renew: overdue first, then those due within 60 days, the first `limit` of them. On the dashboard
 * the rest are a link to the register; on the register (`onShowAll`), a button that filters its grid to them,
 * which a list of forty rows pushed below the screen at 1024×700.
 */
export function RenewalsCard({ refreshKey, limit, onShowAll }: { refreshKey?: unknown; limit: number; onShowAll?: () => void }) {
  const [data, setData] = useState<ProtocolRenewals | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.protocols.renewals().then(setData, (e) => setError(errorMessage(e)));
  }, [refreshKey]);

  const items = data ? [...data.overdue, ...data.dueSoon] : [];
  return (
    <section className="card dash-card renewals-card" aria-label="Protocoles à renouveler">
      <div className="card-header">
        <h2>
          <Icon name="clock" size={18} /> Protocoles à renouveler
        </h2>
        {data && items.length > 0 && (
          <span className="muted">
            {data.overdue.length > 0 && <strong className="overdue-text">{plural(data.overdue.length, 'en retard', 'en retard')}</strong>}
            {data.overdue.length > 0 && data.dueSoon.length > 0 && ' · '}
            {data.dueSoon.length > 0 && `${plural(data.dueSoon.length, 'échéance')} sous 60 jours`}
          </span>
        )}
      </div>
      {error && <p className="form-error">{error}</p>}
      {data && items.length === 0 && <p className="muted">Aucune révision ni fin de validité dans les 60 prochains jours.</p>}
      {items.length > 0 && (
        <ul className="renewals">
          {items.slice(0, limit).map((r) => (
            <li key={r.id}>
              <a href={`#/protocoles/${r.id}`}>{r.title}</a>
              <span className="renewal-when">
                <span className={`tag ${r.deadline.daysLeft < 0 ? 'tag-error' : 'tag-warning'}`}>{r.deadline.daysLeft < 0 ? 'En retard' : 'Bientôt'}</span>
                {deadlineLabel(r.deadline)} ({formatDate(r.deadline.date)})
              </span>
              {r.signatories && <span className="muted renewal-who">{r.signatories}</span>}
            </li>
          ))}
          {items.length > limit && (
            <li className="more">
              {onShowAll ? (
                <button type="button" className="link-button" onClick={onShowAll}>
                  Afficher les {items.length} protocoles à renouveler dans le registre
                </button>
              ) : (
                <a href="#/protocoles">Voir les {items.length} protocoles à renouveler</a>
              )}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
