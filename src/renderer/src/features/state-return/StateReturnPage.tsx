import { useEffect, useState, type ReactNode } from 'react';
import { formatInteger, plural } from '../../../../shared/format';
import type { StateReturnCheck, StateReturnPreview, StateReturnWritten } from '../../../../shared/model/state-return';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { Field } from '../../components/form';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { showWhenWritten, Steps, stepsAt } from './Steps';
import './state-return.css';

const STEPS = ['Choix du dossier', 'Écriture du tableau, de sa description, du classeur et du courrier', 'Contrôle de la remontée écrite'] as const;

/** Themes shown open at first: the ones a secretary checks before sending. */
const OPEN_THEMES = new Set(['seances', 'parcours']);

/**
 * Rapports › Remontée annuelle à l’État: the figures of a finished year by theme (the very rows of the
 * package), then the package written into a folder the user chooses, checked by the validator that
 * the consolidation applies. Writing reads the commission only: it is offered on a read-only one.
 */
export function StateReturnPage({ tabs }: { tabs: ReactNode }) {
  const toast = useToast();
  const run = useRun();
  const [current, setCurrent] = useState<number | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [preview, setPreview] = useState<StateReturnPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ step: number; failed: boolean } | null>(null);
  const [result, setResult] = useState<{ token: string; written: StateReturnWritten; check: StateReturnCheck } | null>(null);

  useEffect(() => {
    void run(async () => {
      const { current } = await api.stateReturn.years();
      setCurrent(current);
      // The last year over: the one the State asks for at the start of the next.
      setYear(current - 1);
    });
  }, [run]);

  useEffect(() => {
    if (year === null) return;
    let live = true;
    setPreview(null);
    setPreviewError(null);
    api.stateReturn.preview({ year }).then(
      (p) => live && setPreview(p),
      (error) => live && setPreviewError(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [year]);

  async function write() {
    if (year === null) return;
    setResult(null);
    let step = 0;
    setProgress({ step, failed: false });
    try {
      const chosen = await api.stateReturn.pickFolder();
      if (!chosen) {
        setProgress(null);
        return;
      }
      setProgress({ step: ++step, failed: false });
      const written = await api.stateReturn.write({ token: chosen.token, year });
      setProgress({ step: ++step, failed: false });
      const check = await api.stateReturn.check({ token: chosen.token });
      setProgress({ step: ++step, failed: false });
      setResult({ token: chosen.token, written, check });
    } catch (error) {
      setProgress({ step, failed: true });
      toast(errorMessage(error), 'error');
    }
  }

  const busy = progress !== null && !progress.failed && progress.step < STEPS.length;
  const years = current === null ? [] : Array.from({ length: 8 }, (_, k) => current - k).filter((y) => y >= 2016);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Remontée annuelle à l’État</h1>
          <p className="subtitle">Les chiffres d’une année close pour le service des droits des femmes : tableau de données, classeur Excel et courrier du préfet</p>
        </div>
      </header>
      {tabs}
      <div className="two-columns">
        <div className="stack">
          <form className="card form" aria-label="Remontée annuelle" onSubmit={(e) => (e.preventDefault(), void write())} noValidate>
            <h2>Année de la remontée</h2>
            <Field label="Année" error={previewError ?? undefined} hint="Une année close : la remontée d’une année se fait à partir du 1er janvier suivant.">
              {(id, describedBy) => <CodeSelect id={id} aria-describedby={describedBy} codes={years} value={year} onChange={(y) => y !== null && setYear(y)} />}
            </Field>
            <p className="small muted">
              Le dossier que vous choisirez recevra quatre fichiers{preview ? ` : ${preview.files.join(', ')}` : ''}. Ils ne contiennent que des nombres : aucun nom,
              aucune référence de demande.
            </p>
            <div className="actions">
              <button type="submit" className="button primary" disabled={busy || preview === null}>
                <Icon name="download" size={18} />
                {busy ? 'Enregistrement en cours…' : 'Enregistrer la remontée…'}
              </button>
            </div>
            {progress && <Steps label="Avancement de l’enregistrement" steps={stepsAt(STEPS, progress.step, progress.failed)} />}
          </form>
          {result && <WrittenCard result={result} year={year} />}
        </div>
        <PreviewCard preview={previewError ? null : preview} error={previewError} />
      </div>
    </div>
  );
}

function WrittenCard({ result, year }: { result: { token: string; written: StateReturnWritten; check: StateReturnCheck }; year: number | null }) {
  const run = useRun();
  const { written, check } = result;
  return (
    <section className="card" aria-label="Remontée enregistrée" ref={showWhenWritten}>
      <h2>Remontée {year} enregistrée</h2>
      <p>
        Dans le dossier <span className="chosen-path">{written.folder}</span> :
      </p>
      <ul className="file-list">
        {written.files.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      {check.valid ? (
        <p className="check ok">
          <Icon name="check" size={18} /> Contrôle réussi : la remontée est conforme au format ({check.summary}). Vous pouvez l’envoyer.
        </p>
      ) : (
        <div className="check failed" role="alert">
          <p>
            <Icon name="alert" size={18} /> Le contrôle refuse la remontée écrite ({plural(check.errors.length, 'erreur')}) : ne l’envoyez pas, et signalez-le au
            support.
          </p>
          <ul>
            {check.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={() => void run(() => api.stateReturn.showFolder({ token: result.token }))}>
          <Icon name="folder" size={18} />
          Ouvrir le dossier
        </button>
      </div>
    </section>
  );
}

function PreviewCard({ preview, error }: { preview: StateReturnPreview | null; error: string | null }) {
  if (!preview)
    return (
      <section className="card muted-card" aria-label="Chiffres de la remontée">
        <h2>Chiffres de la remontée</h2>
        <p>{error ? 'Choisissez une année terminée pour voir ses chiffres.' : 'Calcul des chiffres de l’année…'}</p>
      </section>
    );
  const value = (v: number | null) => (v === null ? '—' : formatInteger(v));
  return (
    <section className="card state-return-preview" aria-label="Chiffres de la remontée">
      <h2>Chiffres de la remontée</h2>
      <p className="small muted">
        {preview.departementName} ({preview.departementCode}), région {preview.regionName}. Les mêmes chiffres que le bilan d’avancement de l’année, comparés à
        l’année précédente.
      </p>
      {preview.themes.map((t) => (
        <details key={t.theme} open={OPEN_THEMES.has(t.theme)}>
          <summary>
            {t.title} <span className="count">{t.lines.length}</span>
          </summary>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col" className="num">
                  {preview.year}
                </th>
                <th scope="col" className="num">
                  {preview.year - 1}
                </th>
              </tr>
            </thead>
            <tbody>
              {t.lines.map((l) => (
                <tr key={`${l.id}|${l.valueType}`}>
                  <th scope="row">
                    {l.label}
                    {l.valueType === 'cible' && <span className="muted"> (cible de l’année)</span>}
                  </th>
                  <td className="num">{value(l.now)}</td>
                  <td className="num">{value(l.before)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
