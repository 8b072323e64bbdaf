/** Small charts of the dashboard, drawn as inline SVG or CSS bars: no chart library to ship. */
import { formatInteger, formatNumber } from '../../../../shared/format';
import { actionStatuses, meteoMeanings, meteos, type ActionStatus, type Meteo } from '../../../../shared/labels';
import { shownExpected } from '../../../../shared/progress';
import { Icon } from '../../components/icons';
import { METEO_COLORS, STATUS_COLORS } from '../measures/badges';

/** Statuses of a framework's fiches as one bar, with a legend carrying the numbers. */
export function StatusBreakdown({ byStatus }: { byStatus: Record<ActionStatus, number> }) {
  const total = actionStatuses.codes.reduce((n, s) => n + byStatus[s], 0);
  return (
    <div className="breakdown">
      <div className="breakdown-bar" role="img" aria-label={actionStatuses.codes.map((s) => `${actionStatuses.labels[s]} : ${byStatus[s]}`).join(', ')}>
        {total === 0 ? (
          <span className="breakdown-empty" />
        ) : (
          actionStatuses.codes
            .filter((s) => byStatus[s] > 0)
            .map((s) => <span key={s} style={{ width: `${(100 * byStatus[s]) / total}%`, background: STATUS_COLORS[s] }} title={`${actionStatuses.labels[s]} : ${byStatus[s]}`} />)
        )}
      </div>
      <ul className="breakdown-legend">
        {actionStatuses.codes.map((s) => (
          <li key={s} className={byStatus[s] === 0 ? 'zero' : undefined}>
            <span className="swatch" style={{ background: STATUS_COLORS[s] }} />
            {actionStatuses.labels[s]} <strong>{formatInteger(byStatus[s])}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One horizontal bar per météo, on a common scale, PILOTE's scale from best to worst with each meaning. */
export function MeteoBars({ byMeteo }: { byMeteo: Record<Meteo, number> }) {
  const max = Math.max(1, ...meteos.codes.map((m) => byMeteo[m]));
  return (
    <ul className="meteo-bars">
      {meteos.codes.map((m) => (
        <li key={m}>
          <span className="meteo-bars-label" style={{ color: METEO_COLORS[m] }}>
            <Icon name={m} size={18} />
            <span>
              {meteos.labels[m]}
              <small className="muted meteo-bars-meaning">
                {meteoMeanings[m]}
              </small>
            </span>
          </span>
          <span className="meteo-bars-track">
            <span style={{ width: `${(100 * byMeteo[m]) / max}%`, background: METEO_COLORS[m] }} />
          </span>
          <strong>{formatInteger(byMeteo[m])}</strong>
        </li>
      ))}
    </ul>
  );
}

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** Journal entries per month: is the network still writing down what it does? */
export function MonthBars({ data }: { data: { month: string; count: number }[] }) {
  const W = 520;
  const H = 150;
  const bottom = 22;
  const top = 16;
  const max = Math.max(1, ...data.map((d) => d.count));
  const slot = W / data.length;
  return (
    <svg className="month-bars" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Entrées du journal par mois : ${data.map((d) => `${d.month} ${d.count}`).join(', ')}`}>
      <line x1={0} x2={W} y1={H - bottom} y2={H - bottom} className="axis" />
      {data.map((d, i) => {
        const h = ((H - bottom - top) * d.count) / max;
        const x = i * slot + slot * 0.18;
        return (
          <g key={d.month}>
            <rect x={x} y={H - bottom - h} width={slot * 0.64} height={h} rx={3} className="bar">
              <title>{`${MONTHS[Number(d.month.slice(5, 7)) - 1]} ${d.month.slice(0, 4)} : ${d.count}`}</title>
            </rect>
            {d.count > 0 && (
              <text x={x + slot * 0.32} y={H - bottom - h - 4} textAnchor="middle" className="bar-value">
                {formatInteger(d.count)}
              </text>
            )}
            <text x={x + slot * 0.32} y={H - 6} textAnchor="middle" className="tick">
              {MONTHS[Number(d.month.slice(5, 7)) - 1]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Latest value against where the straight path stands today and against the target. */
export function BulletBar({ latest, expected, target, unit }: { latest: number; expected: number; target: number; unit: string | null }) {
  const scale = Math.max(Math.abs(target), Math.abs(expected), Math.abs(latest), 1);
  const pct = (v: number) => `${Math.max(0, Math.min(100, (100 * Math.abs(v)) / scale))}%`;
  const suffix = unit ? ` ${unit}` : '';
  return (
    <span
      className="bullet"
      role="img"
      aria-label={`Dernière valeur ${formatNumber(latest)}${suffix}, attendu ${formatNumber(shownExpected(expected, latest))}${suffix}, cible ${formatNumber(target)}${suffix}`}
    >
      <span className="bullet-fill" style={{ width: pct(latest) }} />
      <span className="bullet-expected" style={{ left: pct(expected) }} title={`Attendu à cette date : ${formatNumber(shownExpected(expected, latest))}${suffix}`} />
    </span>
  );
}
