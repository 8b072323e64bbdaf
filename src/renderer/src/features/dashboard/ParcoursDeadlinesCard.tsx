import { useEffect, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import type { ParcoursDeadlines, ParcoursReminder } from '../../../../shared/model/parcours';
import { parcoursKind } from '../../../../shared/parcours';
import { formatWallClock } from '../../../../shared/wallclock';
import { api, errorMessage } from '../../api';
import { Icon } from '../../components/icons';

function endLabel(r: ParcoursReminder): string {
  if (r.days === 0) return 'se termine aujourd’hui';
  return `se termine dans ${plural(r.days, 'jour')} (${formatDate(r.date)})`;
}

/** « aujourd’hui », « hier », « il y a 12 jours ». */
function ago(days: number): string {
  return days === 0 ? 'aujourd’hui' : days === 1 ? 'hier' : `il y a ${plural(days, 'jour')}`;
}

function Group({ title, items, describe }: { title: string; items: ParcoursReminder[]; describe: (r: ParcoursReminder) => string }) {
  return (
    <div className="parcours-deadline-group">
      <h3>
        {title} <span className="count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted">Aucune.</p>
      ) : (
        <ul className="renewals">
          {items.slice(0, 8).map((r) => (
            <li key={r.id}>
              <a href={`#/parcours/${r.id}`}>{r.reference}</a>
              <span className="renewal-when">{describe(r)}</span>
              <span className="muted renewal-who">
                {parcoursKind(r.renewalNumber)} · {r.associationName}
              </span>
            </li>
          ))}
          {items.length > 8 && <li className="muted">… et {items.length - 8} de plus dans le registre.</li>}
        </ul>
      )}
    </div>
  );
}

/** The three deadlines of the parcours de sortie register: on the dashboard, the register and the examining meeting. */
export function ParcoursDeadlinesCard({ refreshKey }: { refreshKey?: unknown }) {
  const [data, setData] = useState<ParcoursDeadlines | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.parcours.deadlines().then(setData, (e) => setError(errorMessage(e)));
  }, [refreshKey]);
  return (
    <section className="card dash-card parcours-deadlines" aria-label="Parcours de sortie : échéances">
      <div className="card-header">
        <h2>
          <Icon name="clock" size={18} /> Parcours de sortie : échéances
        </h2>
        {data && (
          <span className="muted">
            {data.nextMeeting ? (
              <a href={`#/seances/${data.nextMeeting.id}/parcours`}>Prochaine séance d’examen le {formatWallClock(data.nextMeeting.startsAt)}</a>
            ) : (
              'Aucune séance d’examen prévue'
            )}
          </span>
        )}
      </div>
      {error && <p className="form-error">{error}</p>}
      {data && (
        <div className="parcours-deadline-groups">
          {data.endPassed.length > 0 && (
            <Group title="Fin prévue passée, sortie à enregistrer" items={data.endPassed} describe={(r) => `fin prévue le ${formatDate(r.date)}, ${ago(r.days)}`} />
          )}
          <Group title="Fin dans 6 semaines, sans renouvellement demandé" items={data.endingSoon} describe={endLabel} />
          <Group title="En attente d’avis" items={data.awaitingOpinion} describe={(r) => `reçue le ${formatDate(r.date)}, ${ago(r.days)}`} />
          <Group title="Avis rendu, décision du préfet attendue" items={data.awaitingDecision} describe={(r) => `avis du ${formatDate(r.date)}, ${ago(r.days)}`} />
        </div>
      )}
    </section>
  );
}
