import { formatDate, formatNumber } from '../../../../shared/format';
import type { Indicator } from '../../../../shared/model/measures';

const W = 340;
const H = 130;
const PAD = { left: 44, right: 14, top: 12, bottom: 24 };

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const dateOfDay = (n: number) => formatDate(new Date(n * 86_400_000).toISOString().slice(0, 10));

/**
 * One indicator over time: its values, the straight path from baseline to target (dashed) and the
 * target. Drawn as inline SVG: no chart library, and the same look in every window size.
 */
export function IndicatorChart({ indicator }: { indicator: Indicator }) {
  const { values, baseline, baselineOn, target, targetOn, assessment } = indicator;
  const first = values[0];
  const start = baseline !== null && (baselineOn ?? first?.measuredOn) ? { on: (baselineOn ?? first?.measuredOn)!, value: baseline } : first ? { on: first.measuredOn, value: first.value } : null;
  const end = target !== null && targetOn ? { on: targetOn, value: target } : null;
  const points = values.map((v) => ({ on: v.measuredOn, value: v.value }));
  const all = [...points, ...(start ? [start] : []), ...(end ? [end] : [])];
  if (all.length === 0) return <p className="muted chart-empty">Aucune valeur mesurée pour l’instant.</p>;

  const days = all.map((p) => day(p.on));
  let [x0, x1] = [Math.min(...days), Math.max(...days)];
  if (x1 === x0) [x0, x1] = [x0 - 15, x1 + 15];
  const numbers = all.map((p) => p.value);
  const y0 = Math.min(0, ...numbers);
  let y1 = Math.max(...numbers);
  if (y1 === y0) y1 = y0 + 1;
  y1 += (y1 - y0) * 0.08;
  const x = (on: string) => PAD.left + ((day(on) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const y = (value: number) => H - PAD.bottom - ((value - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const behind = assessment.kind === 'behind';

  return (
    <svg className="indicator-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Évolution de l’indicateur ${indicator.name}`}>
      <line x1={PAD.left} x2={W - PAD.right} y1={y(y0)} y2={y(y0)} className="axis" />
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
      <text x={PAD.left - 6} y={y(y1) + 4} className="tick" textAnchor="end">
        {formatNumber(y1 >= 10 ? Math.round(y1) : y1)}
      </text>
      <text x={PAD.left - 6} y={y(y0)} className="tick" textAnchor="end">
        {formatNumber(y0)}
      </text>
      <text x={PAD.left} y={H - 6} className="tick">
        {dateOfDay(x0)}
      </text>
      <text x={W - PAD.right} y={H - 6} className="tick" textAnchor="end">
        {dateOfDay(x1)}
      </text>
      {start && end && <line x1={x(start.on)} y1={y(start.value)} x2={x(end.on)} y2={y(end.value)} className="path-line" />}
      {end && (
        <g>
          <line x1={x(end.on) - 7} x2={x(end.on) + 7} y1={y(end.value)} y2={y(end.value)} className="target-mark" />
          <text x={x(end.on) - 9} y={y(end.value) - 5} className="tick" textAnchor="end">
            cible {formatNumber(end.value)}
          </text>
        </g>
      )}
      {points.length > 1 && <polyline points={points.map((p) => `${x(p.on)},${y(p.value)}`).join(' ')} className="values-line" />}
      {points.map((p, i) => (
        <circle key={`${p.on}-${i}`} cx={x(p.on)} cy={y(p.value)} r={i === points.length - 1 ? 4.5 : 3} className={i === points.length - 1 && behind ? 'dot behind' : 'dot'}>
          <title>{`${formatDate(p.on)} : ${formatNumber(p.value)}${indicator.unit ? ` ${indicator.unit}` : ''}`}</title>
        </circle>
      ))}
    </svg>
  );
}
