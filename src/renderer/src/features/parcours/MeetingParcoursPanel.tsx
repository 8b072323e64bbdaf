import './parcours.css';
import { useCallback, useEffect, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import { parcoursDecisions, parcoursOpinions, type ParcoursOpinion } from '../../../../shared/labels';
import type { ExaminedRequest, MeetingParcours } from '../../../../shared/model/parcours';
import { parcoursKind } from '../../../../shared/parcours';
import { api, errorMessage } from '../../api';
import { PRIVACY_HINT } from '../../components/form';
import { Icon } from '../../components/icons';
import { useToast } from '../../components/Toast';

/** One avis per request, recorded from the examining meeting's page. */
function OpinionRow({ request, onSave }: { request: ExaminedRequest; onSave: (opinion: ParcoursOpinion, reasons: string) => Promise<void> }) {
  const [opinion, setOpinion] = useState<ParcoursOpinion | ''>(request.opinion ?? '');
  const [reasons, setReasons] = useState(request.reasons ?? '');
  const [saving, setSaving] = useState(false);
  const changed = opinion !== (request.opinion ?? '') || reasons !== (request.reasons ?? '');
  const locked = request.decision !== null;
  return (
    <tr>
      <th scope="row">
        <a href={`#/parcours/${request.id}`}>{request.reference}</a>
        <div className="muted">{parcoursKind(request.renewalNumber)}</div>
      </th>
      <td>
        {request.associationName}
        <div className="muted">reçue le {formatDate(request.receivedOn)}</div>
      </td>
      <td>
        {locked ? (
          <span>
            {request.opinion ? parcoursOpinions.labels[request.opinion] : '—'} · décision : {parcoursDecisions.labels[request.decision!]}
          </span>
        ) : (
          <fieldset className="opinion-choice">
            <legend className="visually-hidden">Avis sur {request.reference}</legend>
            {parcoursOpinions.codes.map((c) => (
              <label key={c} className="checkbox">
                <input type="radio" name={`avis-${request.id}`} value={c} checked={opinion === c} onChange={() => setOpinion(c)} />
                {parcoursOpinions.labels[c]}
              </label>
            ))}
          </fieldset>
        )}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`motifs-${request.id}`}>
          Observations sur {request.reference}
        </label>
        <textarea id={`motifs-${request.id}`} rows={2} value={reasons} disabled={locked} title={PRIVACY_HINT} placeholder="Observations (sans donnée d’identité)" onChange={(e) => setReasons(e.target.value)} />
      </td>
      <td>
        {!locked && (
          <button
            type="button"
            className="button primary"
            disabled={!opinion || !changed || saving}
            onClick={async () => {
              setSaving(true);
              await onSave(opinion as ParcoursOpinion, reasons);
              setSaving(false);
            }}
          >
            {saving ? 'Enregistrement…' : 'Enregistrer l’avis'}
          </button>
        )}
      </td>
    </tr>
  );
}

export function MeetingParcoursPanel({ meetingId, onAgendaChanged }: { meetingId: string; onAgendaChanged: () => Promise<void> }) {
  const [data, setData] = useState<MeetingParcours | null>(null);
  const [minors, setMinors] = useState('');
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();

  // The count being typed survives the other writes of the panel (an avis recorded meanwhile).
  const load = useCallback((d: MeetingParcours) => {
    setData(d);
    setMinors(String(d.minorsSituations));
  }, []);

  useEffect(() => {
    api.parcours.meeting({ meetingId }).then(load, (e) => setError(errorMessage(e)));
  }, [meetingId, load]);

  async function run(write: () => Promise<MeetingParcours>, done: string) {
    try {
      setData(await write());
      toast(done);
      return true;
    } catch (e) {
      toast(errorMessage(e), 'error');
      return false;
    }
  }

  async function releve() {
    try {
      const saved = await api.parcours.releve({ meetingId });
      if (saved) toast(`Relevé d’avis enregistré : ${saved.path}`);
    } catch (e) {
      toast(errorMessage(e), 'error');
    }
  }

  if (error) return <p className="form-error">{error}</p>;
  if (!data) return <div className="loading">Chargement…</div>;
  const minorsValue = Number(minors);
  return (
    <div className="parcours-panel stack">
      <section className="card" aria-labelledby="examined-title">
        <div className="card-header">
          <h2 id="examined-title">Demandes examinées</h2>
          <div className="toolbar">
            <button
              type="button"
              className="button"
              disabled={data.waiting.length === 0}
              onClick={async () => {
                if (await run(() => api.parcours.fillAgenda({ meetingId }), 'Demandes inscrites à l’ordre du jour.')) await onAgendaChanged();
              }}
            >
              <Icon name="plus" size={18} />
              Inscrire les demandes en attente ({data.waiting.length})
            </button>
            <button type="button" className="button" onClick={releve}>
              <Icon name="download" size={17} />
              Relevé d’avis
            </button>
          </div>
        </div>
        <p className="muted">Les membres de la protection de l’enfance ne sont pas invités à l’examen des demandes. Le relevé d’avis est en diffusion restreinte, adressé aux seuls membres présents.</p>
        {data.examined.length === 0 ? (
          <p className="muted">Aucune demande inscrite à cette séance. Inscrivez les demandes qui attendent un avis avec le bouton ci-dessus.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Association</th>
                <th scope="col">Avis</th>
                <th scope="col">Observations</th>
                <th scope="col">
                  <span className="visually-hidden">Enregistrer</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.examined.map((r) => (
                <OpinionRow
                  key={`${r.id}-${r.opinion ?? ''}-${r.reasons ?? ''}`}
                  request={r}
                  onSave={async (opinion, reasons) => {
                    await run(() => api.parcours.recordOpinion({ id: r.id, meetingId, opinion, reasons }), `Avis enregistré pour ${r.reference}.`);
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="two-columns">
        <section className="card" aria-labelledby="due-title">
          <h2 id="due-title">Renouvellements à prévoir avant la séance suivante</h2>
          {data.renewalsDue.length === 0 ? (
            <p className="muted">Aucun parcours ne se termine d’ici la prochaine séance d’examen sans renouvellement demandé.</p>
          ) : (
            <ul className="renewals">
              {data.renewalsDue.map((r) => (
                <li key={r.id}>
                  <a href={`#/parcours/${r.id}`}>{r.reference}</a>
                  <span className="renewal-when">fin le {formatDate(r.date)}</span>
                  <span className="muted renewal-who">{r.associationName} : renouvellement à demander</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="minors-title">
          <h2 id="minors-title">Mineurs</h2>
          <form
            className="minors"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => api.parcours.setMinors({ meetingId, count: minorsValue }), 'Nombre enregistré.');
            }}
          >
            <div className="field">
              <label htmlFor="minors-count">Situations individuelles de mineurs coordonnées</label>
              <input id="minors-count" type="number" min={0} step={1} inputMode="numeric" value={minors} onChange={(e) => setMinors(e.target.value)} />
            </div>
            <button type="submit" className="button" disabled={minors === '' || !Number.isInteger(minorsValue) || minorsValue < 0 || minorsValue === data.minorsSituations}>
              Enregistrer
            </button>
          </form>
          <p className="muted">Un nombre seulement ({plural(data.minorsSituations, 'situation enregistrée', 'situations enregistrées')}) : aucune situation n’est décrite ici.</p>
        </section>
      </div>
    </div>
  );
}
