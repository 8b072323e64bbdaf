import { useId } from 'react';
import { meteos, type Meteo } from '../../../../shared/labels';
import { MeteoBadge } from './badges';

/** PILOTE's four weathers, best first, each with its meaning (and « non renseignée » or « inchangée »), usable with the keyboard as radios. */
export function MeteoChoice({ value, onChange, error, emptyLabel = 'Non renseignée' }: { value: Meteo | null; onChange: (m: Meteo | null) => void; error?: string; emptyLabel?: string }) {
  const name = useId();
  return (
    <fieldset className={`field wide${error ? ' has-error' : ''}`}>
      <legend>Météo</legend>
      <div className="meteo-choice">
        {[null, ...meteos.codes].map((m) => (
          <label key={m ?? 'none'} className={value === m ? 'selected' : undefined}>
            <input type="radio" name={name} checked={value === m} onChange={() => onChange(m)} />
            {m ? <MeteoBadge meteo={m} meaning /> : <span className="muted">{emptyLabel}</span>}
          </label>
        ))}
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}
