import { Icon } from '../../components/icons';

export interface Step {
  label: string;
  state: 'waiting' | 'running' | 'done' | 'failed';
}

const STATE_TEXT: Record<Step['state'], string> = { waiting: 'à venir', running: 'en cours', done: 'fait', failed: 'échec' };

/**
 * The steps of a long write (choosing the folder, writing the files, checking them), each with its
 * state: the main side answers step by step, and a screen reader hears each change (role status).
 */
export function Steps({ steps, label }: { steps: Step[]; label: string }) {
  return (
    <div role="status" aria-label={label}>
      <ol className="steps">
      {steps.map((s) => (
        <li key={s.label} className={`step ${s.state}`}>
          <span className="step-mark" aria-hidden="true">
            {s.state === 'running' ? <span className="spinner" /> : s.state === 'done' ? <Icon name="check" size={16} /> : s.state === 'failed' ? <Icon name="alert" size={16} /> : null}
          </span>
          <span>
            {s.label}
            <span className="visually-hidden"> : {STATE_TEXT[s.state]}</span>
          </span>
        </li>
      ))}
      </ol>
    </div>
  );
}

/** The steps of a sequence at a given point: those before `current` done, `current` running (or failed), the rest waiting. */
export function stepsAt(labels: readonly string[], current: number, failed = false): Step[] {
  return labels.map((label, k) => ({ label, state: k < current ? 'done' : k === current ? (failed ? 'failed' : 'running') : 'waiting' }));
}

/** The card that says what was written appears below the button: brought into view, as the answer to the click. */
export function showWhenWritten(card: HTMLElement | null): void {
  card?.scrollIntoView({ block: 'nearest' });
}
