import { formatInteger, nounFor } from '../../../shared/format';
import './stat.css';

type StatProps = ({ count: number; one: string; many: string } | { value: string; label: string }) & { tone?: 'warning' | 'error' };

/**
 * A figure in a tile, in a `stat-row`. A count comes with its noun, which agrees with it (« 1 ligne
 * en erreur », « 2 lignes… »); any other figure (a mean, « — ») with its label.
 */
export function Stat(props: StatProps) {
  const [value, label] = 'count' in props ? [formatInteger(props.count), nounFor(props.count, props.one, props.many)] : [props.value, props.label];
  return (
    <div className={`stat${props.tone ? ` stat-${props.tone}` : ''}`}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
