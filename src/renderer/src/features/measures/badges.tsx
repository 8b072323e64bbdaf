/** How statuses and météos look everywhere: one colour each, with a label (never colour alone). */
import { plural } from '../../../../shared/format';
import { actionStatuses, meteoMeanings, meteos, type ActionStatus, type Meteo } from '../../../../shared/labels';
import { Icon } from '../../components/icons';
import './badges.css';

export const STATUS_COLORS: Record<ActionStatus, string> = {
  a_lancer: '#aab4c5',
  en_cours: '#2a5bb8',
  realisee: '#1e8a4c',
  suspendue: '#e0a000',
  abandonnee: '#5d6678',
};

export const METEO_COLORS: Record<Meteo, string> = {
  soleil: '#d99a00',
  couvert: '#5f95cf',
  nuage: '#6b7890',
  orage: '#b42318',
};

export function StatusBadge({ status }: { status: ActionStatus }) {
  return <span className={`status-badge status-${status}`}>{actionStatuses.labels[status]}</span>;
}

/** The icon and the word; PILOTE's meaning beside them (`meaning`) or, when compact, in the tooltip and for screen readers. */
export function MeteoBadge({ meteo, compact, meaning }: { meteo: Meteo | null; compact?: boolean; meaning?: boolean }) {
  if (!meteo) return <span className="muted">{compact ? '—' : 'Météo non renseignée'}</span>;
  return (
    <span className="meteo-badge" style={{ color: METEO_COLORS[meteo] }} title={`Météo : ${meteos.labels[meteo]} – ${meteoMeanings[meteo]}`}>
      <Icon name={meteo} size={compact ? 18 : 20} />
      {!compact && <span>{meteos.labels[meteo]}</span>}
      {!compact && meaning && <span className="muted meteo-meaning">{meteoMeanings[meteo]}</span>}
      {compact && <span className="visually-hidden">{`${meteos.labels[meteo]} – ${meteoMeanings[meteo]}`}</span>}
    </span>
  );
}

export function ProgressBar({ value, label = true }: { value: number; label?: boolean }) {
  return (
    <span className="progress" title={`Avancement : ${value} %`}>
      <span className="progress-track">
        <span className="progress-fill" style={{ width: `${value}%` }} />
      </span>
      {label && <span className="progress-label">{value} %</span>}
    </span>
  );
}

/** The statuses of a group of fiches as one stacked bar, with the counts in its tooltip. */
export function StatusStack({ byStatus, width = 96 }: { byStatus: Record<ActionStatus, number>; width?: number }) {
  const total = actionStatuses.codes.reduce((n, s) => n + byStatus[s], 0);
  const title = actionStatuses.codes
    .filter((s) => byStatus[s] > 0)
    .map((s) => `${actionStatuses.labels[s]} : ${byStatus[s]}`)
    .join(' · ');
  if (total === 0) return <span className="status-stack empty" style={{ width }} aria-hidden="true" />;
  return (
    <span className="status-stack" style={{ width }} title={title} role="img" aria-label={`${plural(total, 'fiche')} — ${title}`}>
      {actionStatuses.codes
        .filter((s) => byStatus[s] > 0)
        .map((s) => (
          <span key={s} style={{ width: `${(100 * byStatus[s]) / total}%`, background: STATUS_COLORS[s] }} />
        ))}
    </span>
  );
}
