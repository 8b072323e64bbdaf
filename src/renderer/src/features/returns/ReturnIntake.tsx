import { useMemo, useState, type DragEvent } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import type { ReturnApplyReport, ReturnFilePreview, ReturnLine, ReturnPreview } from '../../../../shared/model/returns';
import { MAX_RETURN_FILE_BYTES } from '../../../../shared/schemas/returns';
import { api, errorMessage } from '../../api';
import { Icon } from '../../components/icons';
import { useToast } from '../../components/Toast';

type Choice = 'structure' | 'maillage';

/** A file's bytes as base64, which the bridge carries as text. */
function base64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`Lecture de ${file.name} impossible`));
    reader.readAsDataURL(file);
  });
}

const isWorkbook = (name: string) => name.toLowerCase().endsWith('.xlsx') && !name.startsWith('~$') && !name.startsWith('.');

/** The files of a drop: files as they are, folders for the workbooks they hold (not their sub-folders). */
async function droppedFiles(event: DragEvent): Promise<File[]> {
  const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));
  const files: File[] = [];
  for (const entry of entries) {
    if (entry.isFile) files.push(await fileOf(entry as FileSystemFileEntry));
    else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const inner of batch) if (inner.isFile) files.push(await fileOf(inner as FileSystemFileEntry));
      }
    }
  }
  return files;
}

/** Taking answers in: workbooks dropped or chosen, their preview per structure and per fiche, the secretary's choices. */
export function ReturnIntake({ campaignId, onTaken }: { campaignId: string; onTaken: () => void }) {
  const toast = useToast();
  const [preview, setPreview] = useState<ReturnPreview | null>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [declined, setDeclined] = useState<Set<string>>(new Set());
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [report, setReport] = useState<ReturnApplyReport | null>(null);

  async function take(files: File[]) {
    const workbooks = files.filter((f) => isWorkbook(f.name) && f.size <= MAX_RETURN_FILE_BYTES);
    setSkipped(files.filter((f) => !workbooks.includes(f)).map((f) => f.name));
    if (workbooks.length === 0) {
      toast('Aucun classeur .xlsx de moins de 10 Mo parmi ces fichiers.', 'error');
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      const result = await api.returns.preview({ campaignId, files: await Promise.all(workbooks.map(async (f) => ({ name: f.name, base64: await base64(f) }))) });
      setPreview(result);
      setDeclined(new Set());
      setChoices({});
      onTaken();
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  const ready = useMemo(() => preview?.files.filter((f) => f.outcome === 'ready') ?? [], [preview]);
  const conflicts = ready.flatMap((f) => f.fiches.flatMap((fiche) => fiche.lines.filter((l) => l.conflict).map((l) => `${f.key}/${l.id}`)));
  const undecided = conflicts.filter((key) => !choices[key]).length;

  async function apply() {
    if (!preview) return;
    setBusy(true);
    try {
      const files = ready.map((f) => {
        const lines = f.fiches.flatMap((fiche) => fiche.lines);
        return {
          key: f.key,
          accepted: lines.filter((l) => !l.conflict && !declined.has(`${f.key}/${l.id}`)).map((l) => l.id),
          choices: Object.fromEntries(lines.filter((l) => l.conflict).map((l) => [l.id, choices[`${f.key}/${l.id}`]!])),
        };
      });
      const result = await api.returns.apply({ token: preview.token, files });
      setReport(result);
      setPreview(null);
      const taken = result.files.filter((f) => f.outcome !== 'refused').length;
      toast(`${plural(taken, 'classeur pris en compte', 'classeurs pris en compte')}${taken < result.files.length ? ` ; ${result.files.length - taken} non pris (raison ci-dessous)` : ''}.`);
      onTaken();
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="intake-title">
      <div className="card-header">
        <h2 id="intake-title">Réponses reçues</h2>
      </div>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void droppedFiles(e).then(take);
        }}
      >
        <Icon name="upload" size={28} />
        <p>Déposez ici les classeurs renvoyés par les structures : un ou plusieurs fichiers, ou un dossier.</p>
        <div className="actions">
          <label className="button primary file-button">
            Choisir des classeurs…
            <input type="file" accept=".xlsx" multiple disabled={busy} onChange={(e) => void take([...(e.target.files ?? [])]).finally(() => (e.target.value = ''))} />
          </label>
          <label className="button file-button">
            Choisir un dossier…
            <input
              type="file"
              disabled={busy}
              // The folder picker of Chromium and Electron; React does not know the attribute.
              {...{ webkitdirectory: '' }}
              onChange={(e) => void take([...(e.target.files ?? [])]).finally(() => (e.target.value = ''))}
            />
          </label>
        </div>
        <p className="muted">Chaque classeur est vérifié avant que rien ne soit écrit : vous voyez ce qui changera et choisissez.</p>
      </div>
      {busy && <p className="loading">Vérification des classeurs…</p>}
      {skipped.length > 0 && <p className="muted">Ignorés (ce ne sont pas des classeurs .xlsx de moins de 10 Mo) : {skipped.join(', ')}.</p>}

      {report && <ApplyReport report={report} />}

      {preview && (
        <div className="intake-preview">
          {preview.files.map((file) => (
            <FilePreview
              key={file.key}
              file={file}
              declined={declined}
              choices={choices}
              onToggle={(key, on) => setDeclined((set) => (on ? new Set([...set].filter((k) => k !== key)) : new Set([...set, key])))}
              onChoose={(key, choice) => setChoices((c) => ({ ...c, [key]: choice }))}
            />
          ))}
          <div className="intake-footer">
            {undecided > 0 && (
              <p className="form-error" role="status">
                {plural(undecided, 'conflit reste', 'conflits restent')} à trancher : choisissez pour chacun la valeur à garder.
              </p>
            )}
            <button type="button" className="button" onClick={() => setPreview(null)}>
              Annuler
            </button>
            <button type="button" className="button" onClick={() => setDeclined(new Set())} disabled={ready.length === 0}>
              Tout accepter
            </button>
            <button type="button" className="button primary" onClick={() => void apply()} disabled={busy || ready.length === 0 || undecided > 0}>
              Prendre en compte {plural(ready.length, 'classeur', 'classeurs')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

const OUTCOMES: Record<ReturnFilePreview['outcome'], { label: string; tone: string }> = {
  ready: { label: 'À prendre en compte', tone: '' },
  refused: { label: 'Refusé', tone: 'danger' },
  already: { label: 'Déjà pris en compte', tone: 'warning' },
};

function FilePreview(props: {
  file: ReturnFilePreview;
  declined: Set<string>;
  choices: Record<string, Choice>;
  onToggle: (key: string, on: boolean) => void;
  onChoose: (key: string, choice: Choice) => void;
}) {
  const { file } = props;
  const outcome = OUTCOMES[file.outcome];
  const lines = file.fiches.reduce((n, f) => n + f.lines.length, 0);
  return (
    <article className="intake-file" aria-label={`${file.structure ?? file.fileName} – ${outcome.label}`}>
      <header className="intake-file-header">
        <h3>{file.structure ?? file.fileName}</h3>
        <span className={`badge ${outcome.tone}`}>{outcome.label}</span>
        <span className="muted">
          {file.fileName}
          {file.madeOn ? ` · classeur préparé le ${formatDate(file.madeOn)}` : ''}
          {file.outcome === 'ready' ? ` · ${plural(lines, 'modification', 'modifications')}` : ''}
        </span>
      </header>
      {file.reason && <p className={file.outcome === 'refused' ? 'form-error' : 'notice'}>{file.reason}</p>}
      {file.warnings.map((w) => (
        <p key={w} className="notice">
          <Icon name="info" size={18} />
          {w}
        </p>
      ))}
      {file.outcome === 'ready' && lines === 0 && file.problems.length === 0 && <p className="muted">La structure n’a rien changé : le classeur sera noté comme pris en compte.</p>}
      {file.outcome === 'ready' &&
        file.fiches.map((fiche) => (
          <table key={fiche.actionId} className="table intake-lines">
            <caption>
              <a href={`#/mesures/fiches/${fiche.actionId}`}>
                {fiche.code ? `${fiche.code} – ` : ''}
                {fiche.title}
              </a>
            </caption>
            <thead>
              <tr>
                <th scope="col">Prendre</th>
                <th scope="col">Élément</th>
                <th scope="col">Dans Maillage</th>
                <th scope="col">Selon la structure</th>
              </tr>
            </thead>
            <tbody>
              {fiche.lines.map((line) => (
                <LineRow key={line.id} fileKey={file.key} line={line} {...props} />
              ))}
            </tbody>
          </table>
        ))}
      {file.problems.length > 0 && (
        <table className="table intake-problems">
          <caption>{plural(file.problems.length, 'valeur ne peut pas être prise', 'valeurs ne peuvent pas être prises')}</caption>
          <thead>
            <tr>
              <th scope="col">Feuille</th>
              <th scope="col" className="num">
                Ligne
              </th>
              <th scope="col">Colonne</th>
              <th scope="col">Problème</th>
            </tr>
          </thead>
          <tbody>
            {file.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.sheet}</td>
                <td className="num">{p.row}</td>
                <td>{p.column}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function LineRow({ fileKey, line, declined, choices, onToggle, onChoose }: { fileKey: string; line: ReturnLine; declined: Set<string>; choices: Record<string, Choice>; onToggle: (key: string, on: boolean) => void; onChoose: (key: string, choice: Choice) => void }) {
  const key = `${fileKey}/${line.id}`;
  const note = line.note ? <span className="line-note">{line.note}</span> : null;
  if (line.conflict) {
    const name = `conflict-${key}`;
    return (
      <tr className="conflict-row">
        <td>
          <span className="badge warning">Conflit</span>
        </td>
        <th scope="row">{line.label}</th>
        <td colSpan={2}>
          <p className="conflict-text">
            Le classeur montrait « {line.conflict.whenMade ?? '—'} » ; Maillage a changé depuis.
          </p>
          <fieldset className="conflict-choice">
            <legend className="visually-hidden">{`${line.label} : valeur à garder`}</legend>
            <label className="checkbox">
              <input type="radio" name={name} checked={choices[key] === 'maillage'} onChange={() => onChoose(key, 'maillage')} />
              Garder « {line.before ?? '—'} » (Maillage)
            </label>
            <label className="checkbox">
              <input type="radio" name={name} checked={choices[key] === 'structure'} onChange={() => onChoose(key, 'structure')} />
              Prendre « {line.after} » (la structure)
            </label>
          </fieldset>
          {note}
        </td>
      </tr>
    );
  }
  const taken = !declined.has(key);
  return (
    <tr className={taken ? undefined : 'declined-row'}>
      <td>
        <input type="checkbox" aria-label={`Prendre : ${line.label}`} checked={taken} onChange={(e) => onToggle(key, e.target.checked)} />
      </td>
      <th scope="row">{line.label}</th>
      <td>{line.before ?? <span className="muted">Ajouté au journal</span>}</td>
      <td className="line-after">
        {line.after}
        {note}
      </td>
    </tr>
  );
}

function ApplyReport({ report }: { report: ReturnApplyReport }) {
  return (
    <ul className="apply-report">
      {report.files.map((f) => (
        <li key={f.key} className={f.outcome === 'refused' ? 'form-error' : undefined}>
          <strong>{f.structure ?? f.fileName}</strong> :{' '}
          {f.outcome === 'taken'
            ? `pris en compte (${plural(f.journalEntries, 'entrée de journal', 'entrées de journal')}, ${plural(f.indicatorValues, 'valeur d’indicateur', 'valeurs d’indicateurs')}).`
            : f.reason}
        </li>
      ))}
    </ul>
  );
}
