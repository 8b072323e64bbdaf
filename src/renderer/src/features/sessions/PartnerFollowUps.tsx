import { useEffect, useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { followUpStatuses } from '../../../../shared/labels';
import type { FollowUp } from '../../../../shared/model/meetings';
import { parisToday } from '../../../../shared/wallclock';
import { lowerFirst } from '../../../../shared/text';
import { api, errorMessage } from '../../api';
import { sessionLabel } from './labels';

/** On a partner's page: the follow-ups it owns that are still open. */
export function PartnerFollowUps({ partnerId }: { partnerId: string }) {
  const [list, setList] = useState<FollowUp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.followUps.byPartner({ partnerId }).then(setList, (e) => setError(errorMessage(e)));
  }, [partnerId]);
  const today = parisToday(new Date());
  return (
    <section className="card" aria-label="Suites à donner de la structure">
      <h2>
        Suites à donner ouvertes <span className="count">{list?.length ?? 0}</span>
      </h2>
      {error && <p className="form-error">{error}</p>}
      {list && list.length === 0 && <p className="muted">Aucune suite à donner en cours pour cette structure.</p>}
      {list && list.length > 0 && (
        <ul className="due-list">
          {list.map((f) => (
            <li key={f.id}>
              <a href={`#/seances/${f.meetingId}/suites`}>{f.text}</a>
              <span className="muted small">
                {f.ownerName ? `${f.ownerName} · ` : ''}
                <span className={f.dueOn && f.dueOn < today ? 'overdue' : undefined}>{f.dueOn ? `échéance ${formatDate(f.dueOn)}` : 'sans échéance'}</span>
                {' · '}
                {lowerFirst(followUpStatuses.labels[f.status])} · {lowerFirst(sessionLabel({ kind: f.meetingKind, startsAt: f.meetingStartsAt }))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
