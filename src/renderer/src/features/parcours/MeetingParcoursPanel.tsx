import './parcours.css';
import { useEffect, useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { castingVotes, parcoursDecisions, parcoursOpinions, type CastingVote, type ParcoursOpinion } from '../../../../shared/labels';
import { LEGAL_REFERENCES, type Vote } from '../../../../shared/meeting-rules';
import type { ExaminedRequest, MeetingParcours } from '../../../../shared/model/parcours';
import { agrementWarning, parcoursKind } from '../../../../shared/parcours';
import { api, errorMessage } from '../../api';
import { PRIVACY_HINT } from '../../components/form';
import { Icon } from '../../components/icons';
import { useReadOnly, Writes } from '../../components/ReadOnly';
import { useRun, useToast } from '../../components/Toast';

type Run = (write: () => Promise<MeetingParcours>, done: string) => Promise<boolean>;

/** The vote of an avis, optional: pour, contre, abstention, and the chair's casting vote on a tie (R. 133-11). */
function VoteFields({ id, votes, onChange }: { id: string; votes: Vote; onChange: (v: Vote) => void }) {
  const count = (key: 'for' | 'against' | 'abstention', label: string) => (
    <label className="vote-count">
      {label}
      <input type="number" min={0} step={1} inputMode="numeric" value={votes[key]} onChange={(e) => onChange({ ...votes, [key]: Math.max(0, Number(e.target.value) || 0) })} />
    </label>
  );
  return (
    <fieldset className="vote">
      <legend className="visually-hidden">Vote</legend>
      {count('for', 'Pour')}
      {count('against', 'Contre')}
      {count('abstention', 'Abstentions')}
      {votes.for === votes.against && votes.for > 0 && (
        <label className="vote-count">
          Voix prépondérante
          <select id={`casting-${id}`} value={votes.casting ?? ''} onChange={(e) => onChange({ ...votes, casting: (e.target.value || null) as CastingVote | null })}>
            <option value="">—</option>
            {castingVotes.codes.map((c) => (
              <option key={c} value={c}>
                {castingVotes.labels[c]}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/** One avis per request, recorded from the examining meeting's page, with the members who take no part in it. */
function OpinionRow({ request, members, meetingId, run }: { request: ExaminedRequest; members: MeetingParcours['members']; meetingId: string; run: Run }) {
  const [opinion, setOpinion] = useState<ParcoursOpinion | ''>(request.opinion ?? '');
  const [reasons, setReasons] = useState(request.reasons ?? '');
  const [votes, setVotes] = useState<Vote | null>(request.votes);
  const [saving, setSaving] = useState(false);
  const changed = opinion !== (request.opinion ?? '') || reasons !== (request.reasons ?? '') || JSON.stringify(votes) !== JSON.stringify(request.votes);
  const locked = request.decision !== null;
  // A read-only commission shows the avis as they are, with nothing to change.
  const readOnly = useReadOnly();
  const warning = agrementWarning(request.agrement);
  const out = new Set(request.leftOut.map((l) => l.attendeeId));
  const declarable = members.filter((m) => !out.has(m.attendeeId));

  async function save() {
    setSaving(true);
    await run(() => api.parcours.recordOpinion({ id: request.id, meetingId, opinion: opinion as ParcoursOpinion, reasons, votes }), `Avis enregistré pour ${request.reference}.`);
    setSaving(false);
  }

  return (
    <tr>
      <th scope="row">
        <a href={`#/parcours/${request.id}`}>{request.reference}</a>
        <div className="muted">{parcoursKind(request.renewalNumber)}</div>
      </th>
      <td>
        {request.associationName}
        <div className="muted">reçue le {formatDate(request.receivedOn)}</div>
        {warning && <span className="badge warning">{warning}</span>}
      </td>
      <td>
        {locked ? (
          <span>
            {request.opinion ? parcoursOpinions.labels[request.opinion] : '—'} · décision : {parcoursDecisions.labels[request.decision!]}
          </span>
        ) : (
          <fieldset className="opinion-choice" disabled={readOnly}>
            <legend className="visually-hidden">Avis sur {request.reference}</legend>
            {parcoursOpinions.codes.map((c) => (
              <label key={c} className="checkbox">
                <input type="radio" name={`avis-${request.id}`} value={c} checked={opinion === c} onChange={() => setOpinion(c)} />
                {parcoursOpinions.labels[c]}
              </label>
            ))}
          </fieldset>
        )}
        {!request.valid && <p className="form-error">Quorum non atteint pour cette demande ({request.quorum.counted} sur {request.quorum.composition}, {request.quorum.required} requis) : pas d’avis valable.</p>}
        {!locked && !readOnly && (
          <label className="checkbox small">
            <input type="checkbox" checked={votes !== null} onChange={(e) => setVotes(e.target.checked ? { for: 0, against: 0, abstention: 0, casting: null } : null)} />
            Compter les voix ({request.quorum.counted} pouvant voter)
          </label>
        )}
        {votes && !locked && !readOnly && <VoteFields id={request.id} votes={votes} onChange={setVotes} />}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`motifs-${request.id}`}>
          Observations sur {request.reference}
        </label>
        <textarea id={`motifs-${request.id}`} rows={2} value={reasons} disabled={locked || readOnly} title={PRIVACY_HINT} placeholder="Observations (sans donnée d’identité)" onChange={(e) => setReasons(e.target.value)} />
        <ul className="left-out" aria-label={`Membres qui ne prennent pas part à l’avis sur ${request.reference}`}>
          {request.leftOut.map((l) => (
            <li key={l.attendeeId}>
              {l.name} ne prend pas part à l’avis ({l.reason === 'association' ? 'association qui présente la demande' : (l.note ?? 'intérêt déclaré')})
              {l.reason === 'declared' && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void run(() => api.parcours.withdrawInterest({ requestId: request.id, attendeeId: l.attendeeId }), `Déclaration d’intérêt retirée pour ${l.name}.`)}
                >
                  Retirer
                </button>
              )}
            </li>
          ))}
        </ul>
        {!locked && !readOnly && declarable.length > 0 && (
          <select
            aria-label={`Déclarer l’intérêt d’un membre dans ${request.reference}`}
            value=""
            onChange={(e) => {
              const member = members.find((m) => m.attendeeId === e.target.value);
              if (member) void run(() => api.parcours.declareInterest({ requestId: request.id, attendeeId: member.attendeeId, reason: null }), `${member.name} ne prend pas part à l’avis sur ${request.reference}.`);
            }}
          >
            <option value="">Déclarer un intérêt…</option>
            {declarable.map((m) => (
              <option key={m.attendeeId} value={m.attendeeId}>
                {m.name}
                {m.structure ? ` – ${m.structure}` : ''}
              </option>
            ))}
          </select>
        )}
        {/* Under the observations rather than in a fifth column, which ran out of the card at 1024 px. */}
        {!locked && !readOnly && (
          <div className="opinion-save">
            <button type="button" className="button primary" disabled={!opinion || !changed || saving} onClick={() => void save()}>
              {saving ? 'Enregistrement…' : 'Enregistrer l’avis'}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

export function MeetingParcoursPanel({ meetingId, onAgendaChanged }: { meetingId: string; onAgendaChanged: () => Promise<void> }) {
  const [data, setData] = useState<MeetingParcours | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const runCall = useRun();

  useEffect(() => {
    api.parcours.meeting({ meetingId }).then(setData, (e) => setError(errorMessage(e)));
  }, [meetingId]);

  const run: Run = (write, done) => runCall(async () => setData(await write()), done);

  const releve = () =>
    runCall(async () => {
      const saved = await api.parcours.releve({ meetingId });
      if (saved) toast(`Relevé d’avis enregistré : ${saved.path}`);
    });

  if (error) return <p className="form-error">{error}</p>;
  if (!data) return <div className="loading">Chargement…</div>;
  return (
    <div className="parcours-panel stack">
      <section className="card" aria-labelledby="examined-title">
        <div className="card-header">
          <h2 id="examined-title">Demandes examinées</h2>
          <div className="toolbar">
            <Writes>
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
            </Writes>
            <button type="button" className="button" onClick={releve}>
              <Icon name="download" size={17} />
              Relevé d’avis
            </button>
          </div>
        </div>
        <p className="muted">
          Siègent les membres de la commission, sauf ceux qui siègent au titre de la protection de l’enfance. Un membre de l’association qui présente une demande, ou qui déclare un intérêt, ne prend
          pas part à l’avis ni au quorum de ce point ({LEGAL_REFERENCES.interest}). Le relevé d’avis est en diffusion restreinte, adressé aux membres qui siègent.
        </p>
        {data.examined.length === 0 ? (
          <p className="muted">Aucune demande inscrite à cette séance. Inscrivez les demandes qui attendent un avis avec le bouton ci-dessus.</p>
        ) : (
          <table className="examined">
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Association</th>
                <th scope="col">Avis</th>
                <th scope="col">Observations et intérêts</th>
              </tr>
            </thead>
            <tbody>
              {data.examined.map((r) => (
                <OpinionRow key={`${r.id}-${r.opinion ?? ''}-${r.reasons ?? ''}-${JSON.stringify(r.votes)}`} request={r} members={data.members} meetingId={meetingId} run={run} />
              ))}
            </tbody>
          </table>
        )}
      </section>
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
    </div>
  );
}
