import { useState } from 'react';
import { plural } from '../../../../shared/format';
import {
  importFieldLabels,
  importFields,
  type DuplicateAction,
  type ImportField,
  type ImportFile,
  type ImportPreview,
  type ImportSummary,
} from '../../../../shared/model/partner-import';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/icons';
import './import.css';

type Step = 'file' | 'mapping' | 'preview' | 'done';
const STEPS: { id: Step; label: string }[] = [
  { id: 'file', label: 'Fichier' },
  { id: 'mapping', label: 'Colonnes' },
  { id: 'preview', label: 'Vérification' },
  { id: 'done', label: 'Résultat' },
];

/** Rows listed in the preview: beyond that, the counts say the rest. */
const MAX_LISTED = 300;

/** Pick a file → match its columns → check every row → import in one go → summary. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<ImportFile | null>(null);
  const [mapping, setMapping] = useState<(ImportField | null)[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<DuplicateAction>('skip');
  const [choices, setChoices] = useState<Record<number, DuplicateAction>>({});
  const [summary, setSummary] = useState<ImportSummary | null>(null);
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
    const opened = await run('Lecture du fichier…', () => api.partnerImport.open());
    if (!opened) return;
    if (file) void api.partnerImport.discard({ token: file.token });
    setFile(opened);
    setMapping(opened.mapping);
    setStep('mapping');
  }

  async function check() {
    if (!file) return;
    const result = await run('Vérification des lignes…', () => api.partnerImport.preview({ token: file.token, mapping }));
    if (!result) return;
    setPreview(result);
    setChoices({});
    setStep('preview');
  }

  async function commit() {
    if (!file) return;
    const result = await run('Import en cours…', () =>
      api.partnerImport.commit({
        token: file.token,
        mapping,
        onDuplicate,
        choices: Object.entries(choices).map(([line, action]) => ({ line: Number(line), action })),
      }),
    );
    if (!result) return;
    setSummary(result);
    setStep('done');
    onImported();
  }

  function close() {
    if (file && step !== 'done') void api.partnerImport.discard({ token: file.token });
    onClose();
  }

  const setColumn = (index: number, field: ImportField | null) =>
    setMapping((current) => current.map((f, i) => (i === index ? field : f === field && field !== null ? null : f)));

  const newGroups = preview ? preview.groups.filter((g) => !g.duplicateOf) : [];
  const duplicateGroups = preview ? preview.groups.filter((g) => g.duplicateOf) : [];
  const actionFor = (line: number) => choices[line] ?? onDuplicate;
  const listedRows = preview ? preview.rows.filter((r) => showAll || r.level !== 'ok') : [];

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
          <button type="button" className="button primary" onClick={check} disabled={!!busy || !mapping.includes('name')}>
            Vérifier les données
          </button>
        </>
      )}
      {step === 'preview' && preview && (
        <>
          <button type="button" className="button" onClick={() => setStep('mapping')} disabled={!!busy}>
            Retour aux colonnes
          </button>
          <button type="button" className="button primary" onClick={commit} disabled={!!busy || preview.errors > 0}>
            {preview.errors > 0 ? 'Import impossible : corrigez les erreurs' : `Importer ${plural(preview.groups.length, 'structure')}`}
          </button>
        </>
      )}
      {step === 'done' && (
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          Fermer
        </button>
      )}
    </>
  );

  return (
    <Dialog title="Importer des partenaires" open onClose={close} width={step === 'file' ? 640 : 980} footer={footer}>
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
          <p>Choisissez la liste de partenaires à importer, telle que vous l’avez dans Excel :</p>
          <ul className="plain-list">
            <li>un classeur Excel <strong>.xlsx</strong> (un titre ou des lignes vides au-dessus des en-têtes ne gênent pas) ;</li>
            <li>
              un fichier <strong>CSV</strong> enregistré par Excel (séparateur point-virgule ou virgule, accents compris).
            </li>
          </ul>
          <p className="muted">
            Une ligne par structure, ou une ligne par contact en répétant le nom de la structure. Rien n’est enregistré avant la dernière
            étape.
          </p>
          <button type="button" className="button primary" onClick={pickFile} disabled={!!busy} autoFocus>
            <Icon name="upload" size={18} />
            Choisir un fichier…
          </button>
        </div>
      )}

      {step === 'mapping' && file && (
        <>
          <p>
            <strong>{file.fileName}</strong> · {file.formatLabel} · en-têtes en ligne {file.headerLine} · {plural(file.rowCount, 'ligne')} de
            données
          </p>
          <p className="muted">Vérifiez à quoi correspond chaque colonne ; « Ne pas importer » laisse une colonne de côté. Seul le nom de la structure est obligatoire.</p>
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
                    {file.samples
                      .map((r) => r[i])
                      .filter(Boolean)
                      .map((v, k) => (
                        <span key={k}>{v}</span>
                      ))}
                  </td>
                  <td>
                    <select aria-label={`Champ pour la colonne « ${header} »`} value={mapping[i] ?? ''} onChange={(e) => setColumn(i, (e.target.value || null) as ImportField | null)}>
                      <option value="">Ne pas importer</option>
                      {importFields.map((f) => (
                        <option key={f} value={f}>
                          {importFieldLabels[f]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!mapping.includes('name') && <p className="form-error">Indiquez quelle colonne contient le nom des structures.</p>}
        </>
      )}

      {step === 'preview' && preview && (
        <>
          <div className="stat-row">
            <Stat value={newGroups.length} label="structures nouvelles" />
            <Stat value={preview.groups.reduce((n, g) => n + g.contacts, 0)} label="contacts" />
            <Stat value={preview.duplicates} label="doublons probables" tone={preview.duplicates ? 'warning' : undefined} />
            <Stat value={preview.warnings} label="lignes avec avertissement" tone={preview.warnings ? 'warning' : undefined} />
            <Stat value={preview.errors} label="lignes en erreur" tone={preview.errors ? 'error' : undefined} />
          </div>
          {preview.errors > 0 && (
            <p className="form-error" role="alert">
              {plural(preview.errors, 'ligne est en erreur', 'lignes sont en erreur')} : l’import est tout ou rien, rien ne sera enregistré tant qu’elles ne sont pas corrigées dans le
              fichier.
            </p>
          )}
          {duplicateGroups.length > 0 && (
            <section className="duplicates" aria-label="Doublons probables">
              <div className="card-header">
                <h3>Structures déjà dans l’annuaire</h3>
                <label className="inline-field">
                  Pour toutes :
                  <select value={onDuplicate} onChange={(e) => {
                    setOnDuplicate(e.target.value as DuplicateAction);
                    setChoices({});
                  }}>
                    <option value="skip">Ignorer la ligne du fichier</option>
                    <option value="merge">Fusionner (compléter la fiche existante)</option>
                  </select>
                </label>
              </div>
              <table className="data-table">
                <tbody>
                  {duplicateGroups.slice(0, MAX_LISTED).map((g) => (
                    <tr key={g.line}>
                      <td className="line-number">Ligne {g.line}</td>
                      <td>
                        <strong>{g.name}</strong>
                        {g.commune ? ` (${g.commune})` : ''} ressemble à « {g.duplicateOf!.name} »{g.duplicateOf!.commune ? ` (${g.duplicateOf!.commune})` : ''} : {g.duplicateOf!.reason}.
                      </td>
                      <td>
                        <select
                          aria-label={`Que faire de « ${g.name} » ?`}
                          value={actionFor(g.line)}
                          onChange={(e) => setChoices((c) => ({ ...c, [g.line]: e.target.value as DuplicateAction }))}
                        >
                          <option value="skip">Ignorer</option>
                          <option value="merge">Fusionner</option>
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="hint">Fusionner complète les champs vides de la fiche existante, ajoute ses domaines et les contacts qu’elle n’a pas encore ; rien n’est effacé.</p>
            </section>
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
                  <th>Structure</th>
                  <th>Contact</th>
                  <th>Remarques</th>
                </tr>
              </thead>
              <tbody>
                {listedRows.slice(0, MAX_LISTED).map((r) => (
                  <tr key={r.line} className={`level-${r.level}`}>
                    <td className="line-number">{r.line}</td>
                    <td>{r.structure || <em className="muted">(vide)</em>}</td>
                    <td>{r.contact}</td>
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
          <ul className="plain-list">
            <li>{plural(summary.partnersCreated, 'structure créée', 'structures créées')}</li>
            <li>{plural(summary.contactsCreated, 'contact ajouté', 'contacts ajoutés')}</li>
            {summary.partnersMerged > 0 && <li>{plural(summary.partnersMerged, 'structure complétée', 'structures complétées')} (fusion)</li>}
            {summary.partnersSkipped > 0 && <li>{plural(summary.partnersSkipped, 'doublon ignoré', 'doublons ignorés')}</li>}
            {summary.warnings > 0 && <li>{plural(summary.warnings, 'ligne importée avec avertissement', 'lignes importées avec avertissement')}</li>}
          </ul>
        </div>
      )}
    </Dialog>
  );
}

function Stat({ value, label, tone }: { value: number; label: string; tone?: 'warning' | 'error' }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <span className="stat-value">{value.toLocaleString('fr-FR')}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
