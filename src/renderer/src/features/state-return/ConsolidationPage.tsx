import { useState, type ReactNode } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import type { ConsolidationFound, ConsolidationWritten } from '../../../../shared/model/state-return';
import { api, errorMessage } from '../../api';
import { Field } from '../../components/form';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { showWhenWritten, Steps, stepsAt } from './Steps';
import './state-return.css';

const READ_STEPS = ['Choix du dossier', 'Lecture et contrôle de chaque remontée'] as const;
const WRITE_STEPS = ['Choix du fichier', 'Écriture de la synthèse Word (avec la carte) et du classeur Excel'] as const;

/**
 * Consolidation of yearly returns, for a regional délégation or the national service: a folder of
 * returns read and checked (what was kept, set aside and why, duplicates, départements missing),
 * then the Word synthesis with its map and the workbook written. It needs no commission: it is
 * reached from Rapports and from the welcome screen (`header` says where the user is).
 */
export function ConsolidationPage({ header }: { header: ReactNode }) {
  const toast = useToast();
  const [found, setFound] = useState<ConsolidationFound | null>(null);
  const [mapIndicator, setMapIndicator] = useState<string | null>(null);
  const [reading, setReading] = useState<{ step: number; failed: boolean } | null>(null);
  const [writing, setWriting] = useState<{ step: number; failed: boolean } | null>(null);
  const [written, setWritten] = useState<ConsolidationWritten | null>(null);

  async function choose() {
    let step = 0;
    setReading({ step, failed: false });
    try {
      const chosen = await api.consolidation.pickFolder();
      if (!chosen) {
        setReading(null);
        return;
      }
      setFound(null);
      setWritten(null);
      setWriting(null);
      setReading({ step: ++step, failed: false });
      const result = await api.consolidation.read({ token: chosen.token });
      setReading({ step: ++step, failed: false });
      setFound(result);
      setMapIndicator(result.defaultMap);
    } catch (error) {
      setReading({ step, failed: true });
      toast(errorMessage(error), 'error');
    }
  }

  async function write() {
    if (!found || !mapIndicator) return;
    let step = 0;
    setWriting({ step, failed: false });
    setWritten(null);
    try {
      const target = await api.consolidation.pickTarget({ token: found.token });
      if (!target) {
        setWriting(null);
        return;
      }
      setWriting({ step: ++step, failed: false });
      const result = await api.consolidation.write({ token: found.token, mapIndicator });
      setWriting({ step: ++step, failed: false });
      setWritten(result);
    } catch (error) {
      setWriting({ step, failed: true });
      toast(errorMessage(error), 'error');
    }
  }

  const busyReading = reading !== null && !reading.failed && reading.step < READ_STEPS.length;
  const busyWriting = writing !== null && !writing.failed && writing.step < WRITE_STEPS.length;

  return (
    <div className="page">
      {header}
      {/* One column, in the order of the work: the folder, what it holds, then the files written from it. */}
      <div className="stack">
        <section className="card" aria-label="Dossier des remontées">
          <h2>Dossier des remontées</h2>
          <p>
            Choisissez le dossier où vous avez rangé les remontées reçues des départements (un sous-dossier par département, ou les fichiers côte à côte) :
            chaque <code>datapackage.json</code> et chaque tableau CSV trouvé dans le dossier et ses sous-dossiers est contrôlé.
          </p>
          <div className="actions">
            <button type="button" className="button primary" onClick={() => void choose()} disabled={busyReading || busyWriting}>
              <Icon name="folder" size={18} />
              {found ? 'Choisir un autre dossier…' : 'Choisir le dossier des remontées…'}
            </button>
          </div>
          {reading && <Steps label="Avancement de la lecture" steps={stepsAt(READ_STEPS, reading.step, reading.failed)} />}
        </section>
        {found && <FoundCard found={found} />}
        {found && (
          <form className="card form" aria-label="Synthèse et classeur" onSubmit={(e) => (e.preventDefault(), void write())} noValidate>
            <h2>Synthèse et classeur</h2>
            <Field label="Chiffre de la carte" hint="La carte des départements est teintée selon ce chiffre (cinq gris, lisibles en noir et blanc).">
              {(id, describedBy) => (
                <select id={id} aria-describedby={describedBy} value={mapIndicator ?? ''} onChange={(e) => setMapIndicator(e.target.value)}>
                  {found.mapChoices.map((group) => (
                    <optgroup key={group.title} label={group.title}>
                      {group.indicators.map((i) => (
                        <option key={i.id} value={i.id}>
                          {i.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
            <p className="small muted">Le classeur Excel est enregistré à côté de la synthèse, sous le même nom.</p>
            <div className="actions">
              <button type="submit" className="button primary" disabled={busyWriting || busyReading}>
                <Icon name="download" size={18} />
                {busyWriting ? 'Enregistrement en cours…' : 'Enregistrer la synthèse et le classeur…'}
              </button>
            </div>
            {writing && <Steps label="Avancement de l’enregistrement" steps={stepsAt(WRITE_STEPS, writing.step, writing.failed)} />}
          </form>
        )}
        {found && written && <WrittenCard token={found.token} written={written} />}
      </div>
    </div>
  );
}

function WrittenCard({ token, written }: { token: string; written: ConsolidationWritten }) {
  const run = useRun();
  return (
    <section className="card" aria-label="Consolidation enregistrée" ref={showWhenWritten}>
      <h2>Consolidation enregistrée</h2>
      <p>La synthèse s’est ouverte dans votre traitement de texte.</p>
      <ul className="file-list">
        <li className="chosen-path">{written.synthesis}</li>
        <li className="chosen-path">{written.workbook}</li>
      </ul>
      <div className="actions">
        <button type="button" className="button" onClick={() => void run(() => api.consolidation.showFolder({ token }))}>
          <Icon name="folder" size={18} />
          Ouvrir le dossier
        </button>
      </div>
    </section>
  );
}

function FoundCard({ found }: { found: ConsolidationFound }) {
  return (
    <section className="card consolidation-found" aria-label="Remontées trouvées">
      <h2>
        Remontées {found.year} – {found.scope}
      </h2>
      <p>
        {plural(found.filesExamined, 'fichier examiné', 'fichiers examinés')} dans <span className="chosen-path">{found.folder}</span> :{' '}
        {plural(found.accepted.length, 'remontée retenue', 'remontées retenues')}, {plural(found.setAside.length, 'fichier écarté', 'fichiers écartés', 'aucun fichier écarté')},{' '}
        {plural(found.missing.length, 'département sans remontée', 'départements sans remontée', 'aucun département sans remontée')}.
      </p>
      <h3>Retenues</h3>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Département</th>
            <th scope="col">Fichier</th>
            <th scope="col">Établie le</th>
          </tr>
        </thead>
        <tbody>
          {found.accepted.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                {r.name} ({r.code})
              </th>
              <td className="file-cell">{r.file}</td>
              <td className="nowrap">{r.createdOn ? formatDate(r.createdOn) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {found.duplicates.length > 0 && (
        <>
          <h3>En double</h3>
          <ul className="reason-list">
            {found.duplicates.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      )}
      <h3>Écartés</h3>
      {found.setAside.length === 0 ? (
        <p className="muted">Aucun fichier écarté : chaque remontée trouvée est conforme au format.</p>
      ) : (
        <ul className="reason-list">
          {found.setAside.map((s) => (
            <li key={s.file}>
              <span className="file-cell">{s.file}</span>
              <ul>
                {s.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h3>Sans remontée</h3>
      {found.missing.length === 0 ? (
        <p className="muted">Tous les départements du périmètre ont transmis leur remontée.</p>
      ) : (
        <p>{found.missing.map((d) => `${d.name} (${d.code})`).join(', ')}.</p>
      )}
    </section>
  );
}
