import { useEffect, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import type { SessionsDashboard } from '../../../../shared/model/meetings';
import { formatLongWallClock } from '../../../../shared/wallclock';
import { api, errorMessage } from '../../api';
import { Icon } from '../../components/icons';
import { followUpOwner, sessionLabel } from '../sessions/labels';

/** The next session and the follow-ups that are overdue or due within two weeks. */
export function NextSessionCard() {
  const [data, setData] = useState<SessionsDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.meetings.dashboard().then(setData, (e) => setError(errorMessage(e)));
  }, []);

  return (
    <section className="card next-session" aria-label="Prochaine séance et suites à donner">
      <div className="next-session-grid">
        <div>
          <h2>Prochaine séance</h2>
          {error && <p className="form-error">{error}</p>}
          {data &&
            (data.next ? (
              <div className="next-session-main">
                <a className="next-session-title" href={`#/seances/${data.next.id}`}>
                  {sessionLabel(data.next)}
                  {data.next.title ? ` – ${data.next.title}` : ''}
                </a>
                <div className="muted">
                  <Icon name="clock" size={15} /> {formatLongWallClock(data.next.startsAt)}
                </div>
                <div className="muted">{data.next.place ?? (data.next.videoLink ? 'En visioconférence' : 'Lieu à préciser')}</div>
                <div className="small">
                  {plural(data.next.invitedCount, 'invité')} · {plural(data.next.agendaCount, 'point', 'points')} à l’ordre du jour
                </div>
              </div>
            ) : (
              <p className="muted">
                Aucune séance programmée. <a href="#/seances">Préparer la prochaine séance</a>
              </p>
            ))}
        </div>
        <div>
          <h2>
            Suites à donner
            {data && data.openCount > 0 && <span className="count">{data.openCount}</span>}
          </h2>
          {data && (
            <>
              <p className="small">
                {data.overdueCount > 0 && <span className="badge danger">{plural(data.overdueCount, 'en retard', 'en retard')}</span>}{' '}
                {data.dueSoonCount > 0 && <span className="badge warning">{plural(data.dueSoonCount, 'à échéance sous 15 jours', 'à échéance sous 15 jours')}</span>}
                {data.openCount === 0 && <span className="muted">Aucune suite à donner ouverte.</span>}
                {data.openCount > 0 && data.overdueCount + data.dueSoonCount === 0 && <span className="muted">Aucune échéance dans les 15 prochains jours.</span>}
              </p>
              {data.openFollowUps.length > 0 && (
                <ul className="due-list">
                  {data.openFollowUps.map((f) => (
                    <li key={f.id}>
                      <a href={`#/seances/${f.meetingId}/suites`}>{f.text}</a>
                      <span className="muted small">
                        {followUpOwner(f)} · <span className={f.overdue ? 'overdue' : undefined}>{f.dueOn ? formatDate(f.dueOn) : ''}</span>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
