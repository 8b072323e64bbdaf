import { useState, type ReactNode } from 'react';
import { nounFor, plural } from '../../../shared/format';
import { identityList, type IdentityColumn, type TableFile } from '../../../shared/model/table-file';
import { errorMessage } from '../api';
import { Dialog } from './Dialog';
import { Icon } from './icons';
import './import-wizard.css';

type Step = 'file' | 'mapping' | 'preview' | 'done';
const STEPS: { id: Step; label: string }[] = [
  { id: 'file', label: 'Fichier' },
  { id: 'mapping', label: 'Colonnes' },
  { id: 'preview', label: 'Vérification' },
  { id: 'done', label: 'Résultat' },
];

/** Rows listed in the preview: beyond that, the counts say the rest. */
const MAX_LISTED = 300;


interface WizardRow {
  line: number;
  level: 'ok' | 'warning' | 'error';
  messages: { level: 'error' | 'warning'; text: string }[];
}

interface WizardPreview<R extends WizardRow> {
  rows: R[];
  errors: number;
}

interface ImportWizardProps<F extends string, R extends WizardRow, P extends WizardPreview<R>, S> {
  title: string;
  /** The first step: what files are read and how they should look. */
  intro: ReactNode;
  fields: readonly F[];
  fieldLabels: Record<F, string>;
  /** Fields without which the rows cannot be checked, and what to say while one is missing. */
  required: { fields: F[]; message: string };
  mappingHint: string;
  open: () => Promise<TableFile<F> | null>;
  preview: (token: string, mapping: (F | null)[]) => Promise<P>;
  commit: (token: string, mapping: (F | null)[]) => Promise<S>;
  discard: (token: string) => Promise<unknown>;
  /** Columns of the row report between « Ligne » and « Remarques ». */
  rowColumns: { header: string; value: (row: R) => ReactNode }[];
  /** Counts, warnings and choices above the row report. */
  summary: (preview: P) => ReactNode;
  /** The commit button's label; `nothing` disables it. */
  commitLabel: (preview: P) => { label: string; nothing: boolean };
  done: (summary: S) => ReactNode;
  /** A new preview was computed (choices made on the previous one may be reset). */
  onPreview?: () => void;
  onClose: () => void;
  onImported: () => void;
}

/** Pick a file → match its columns → check every row → import in one go → summary. */
export function ImportWizard<F extends string, R extends WizardRow, P extends WizardPreview<R>, S>(props: ImportWizardProps<F, R, P, S>) {
  const { title, fields, fieldLabels, required } = props;
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<TableFile<F> | null>(null);
  const [mapping, setMapping] = useState<(F | null)[]>([]);
  const [preview, setPreview] = useState<P | null>(null);
  const [summary, setSummary] = useState<S | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);

  async function run<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
    setBusy(label);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  async function pickFile() {
    const opened = await run('Lecture du fichier…', props.open);
    if (!opened) return;
    if (file) void props.discard(file.token);
    setFile(opened);
    setMapping(opened.mapping);
    setStep('mapping');
  }

  async function check() {
    if (!file) return;
    const result = await run('Vérification des lignes…', () => props.preview(file.token, mapping));
    if (!result) return;
    setPreview(result);
    props.onPreview?.();
    setStep('preview');
  }

  async function commit() {
    if (!file) return;
    const result = await run('Import en cours…', () => props.commit(file.token, mapping));
    if (!result) return;
    setSummary(result);
    setStep('done');
    props.onImported();
  }

  function close() {
    if (file && step !== 'done') void props.discard(file.token);
    props.onClose();
  }

  const setColumn = (index: number, field: F | null) => setMapping((current) => current.map((f, i) => (i === index ? field : f === field && field !== null ? null : f)));
  const identity = new Map((file?.identityColumns ?? []).map((c) => [c.column, c]));
  const missing = required.fields.some((f) => !mapping.includes(f));
  const listedRows = preview ? preview.rows.filter((r) => showAll || r.level !== 'ok') : [];
  const outcome = preview ? props.commitLabel(preview) : null;

  const footer = (
    <>
      {busy && (
        <span className="busy" role="status">
          <span className="spinner" aria-hidden="true" />
          {busy}
        </span>
      )}
      {step === 'file' && (
        <button type="button" className="button" onClick={close}>
          Annuler
        </button>
      )}
      {step === 'mapping' && (
        <>
          <button type="button" className="button" onClick={() => setStep('file')} disabled={!!busy}>
            Retour
          </button>
          <button type="button" className="button primary" onClick={check} disabled={!!busy || missing}>
            Vérifier les données
          </button>
        </>
      )}
      {step === 'preview' && preview && outcome && (
        <>
          <button type="button" className="button" onClick={() => setStep('mapping')} disabled={!!busy}>
            Retour aux colonnes
          </button>
          <button type="button" className="button primary" onClick={commit} disabled={!!busy || preview.errors > 0 || outcome.nothing}>
            {preview.errors > 0 ? 'Import impossible : corrigez les erreurs' : outcome.label}
          </button>
        </>
      )}
      {step === 'done' && (
        <button type="button" className="button primary" onClick={props.onClose} autoFocus>
          Fermer
        </button>
      )}
    </>
  );

  return (
    <Dialog title={title} open onClose={close} width={step === 'file' ? 640 : 980} footer={footer}>
      <ol className="stepper" aria-label="Étapes de l’import">
        {STEPS.map((s, i) => {
          const current = STEPS.findIndex((x) => x.id === step);
          return (
            <li key={s.id} className={i === current ? 'current' : i < current ? 'done' : undefined} aria-current={i === current ? 'step' : undefined}>
              <span className="step-number">{i < current ? <Icon name="check" size={14} /> : i + 1}</span>
              {s.label}
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      {step === 'file' && (
        <div className="import-file">
          {props.intro}
          <button type="button" className="button primary" onClick={pickFile} disabled={!!busy} autoFocus>
            <Icon name="upload" size={18} />
            Choisir un fichier…
          </button>
        </div>
      )}

      {step === 'mapping' && file && (
        <>
          <p>
            <strong>{file.fileName}</strong> · {file.formatLabel} · en-têtes en ligne {file.headerLine} · {plural(file.rowCount, 'ligne')} de données
          </p>
          <p className="muted">{props.mappingHint}</p>
          <FileWarnings warnings={file.warnings} />
          {identity.size > 0 && <IdentityNotice columns={[...identity.values()]} />}
          <table className="data-table mapping-table">
            <thead>
              <tr>
                <th>Colonne du fichier</th>
                <th>Exemples</th>
                <th>Champ dans Maillage</th>
              </tr>
            </thead>
            <tbody>
              {file.headers.map((header, i) => (
                <tr key={i} className={mapping[i] ? undefined : 'unmapped'}>
                  <td className="cell-strong">{header}</td>
                  <td className="samples">
                    {identity.has(i) ? (
                      <span className="muted">(non lue)</span>
                    ) : (
                      file.samples
                        .map((r) => r[i])
                        .filter(Boolean)
                        .map((v, k) => <span key={k}>{v}</span>)
                    )}
                  </td>
                  <td>
                    {identity.has(i) ? (
                      <span className="identity-column">
                        <Icon name="shield" size={16} />
                        Jamais importée : {identity.get(i)!.reason ?? 'identifie une personne'}
                      </span>
                    ) : (
                      <>
                        <select
                          aria-label={`Champ pour la colonne « ${header} »`}
                          aria-describedby={file.freeText?.[i] ? `free-text-${i}` : undefined}
                          value={mapping[i] ?? ''}
                          onChange={(e) => setColumn(i, (e.target.value || null) as F | null)}
                        >
                          <option value="">Ne pas importer</option>
                          {fields.map((f) => (
                            <option key={f} value={f}>
                              {fieldLabels[f]}
                            </option>
                          ))}
                        </select>
                        {file.freeText?.[i] && mapping[i] !== file.freeText[i] && (
                          <span className="hint free-text-hint" id={`free-text-${i}`}>
                            Texte libre (« {fieldLabels[file.freeText[i]!]} ») : à choisir vous-même, si aucune valeur ne nomme ni ne décrit une personne.
                          </span>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {missing && <p className="form-error">{required.message}</p>}
        </>
      )}

      {step === 'preview' && preview && (
        <>
          <FileWarnings warnings={file?.warnings ?? []} />
          {props.summary(preview)}
          {preview.errors > 0 && (
            <p className="form-error" role="alert">
              {plural(preview.errors, 'ligne est en erreur', 'lignes sont en erreur')} : l’import est tout ou rien, rien ne sera enregistré tant{' '}
              {nounFor(preview.errors, 'qu’elle n’est pas corrigée', 'qu’elles ne sont pas corrigées')} dans le fichier.
            </p>
          )}
          <div className="card-header">
            <h3>{showAll ? 'Toutes les lignes' : 'Lignes à regarder'}</h3>
            <label className="checkbox">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
              Afficher toutes les lignes
            </label>
          </div>
          {listedRows.length === 0 ? (
            <p className="ok-line">
              <Icon name="check" size={18} /> Toutes les lignes sont correctes.
            </p>
          ) : (
            <table className="data-table report-table">
              <thead>
                <tr>
                  <th>Ligne</th>
                  {props.rowColumns.map((c) => (
                    <th key={c.header}>{c.header}</th>
                  ))}
                  <th>Remarques</th>
                </tr>
              </thead>
              <tbody>
                {listedRows.slice(0, MAX_LISTED).map((r) => (
                  <tr key={r.line} className={`level-${r.level}`}>
                    <td className="line-number">{r.line}</td>
                    {props.rowColumns.map((c) => (
                      <td key={c.header}>{c.value(r)}</td>
                    ))}
                    <td>
                      {r.messages.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <ul className="messages">
                          {r.messages.map((m, k) => (
                            <li key={k}>
                              <span className={`tag tag-${m.level}`}>{m.level === 'error' ? 'Erreur' : 'Attention'}</span>
                              {m.text}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {listedRows.length > MAX_LISTED && <p className="muted">… et {plural(listedRows.length - MAX_LISTED, 'autre ligne', 'autres lignes')}.</p>}
        </>
      )}

      {step === 'done' && summary && (
        <div className="import-done">
          <p className="ok-line">
            <Icon name="check" size={20} /> Import terminé.
          </p>
          {props.done(summary)}
        </div>
      )}
    </Dialog>
  );
}

/** « Colonnes ignorées car elles identifient une personne : Nom, Infos (ressemble à un IBAN, ligne 4) » */
export function IdentityNotice({ columns }: { columns: IdentityColumn[] }) {
  return (
    <p className="banner banner-info identity-notice" role="note">
      <Icon name="shield" size={18} />
      <span>
        {columns.length > 1 ? 'Colonnes ignorées car elles identifient une personne' : 'Colonne ignorée car elle identifie une personne'} : {identityList(columns)}. Le registre est
        anonyme : leur contenu n’est ni lu ni enregistré.
      </span>
    </p>
  );
}

/** What the reading said about the whole file (its encoding, characters removed), until the import ends. */
function FileWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="banner banner-warning file-warnings" role="status">
      <Icon name="alert" size={18} />
      <ul className="plain-list">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
