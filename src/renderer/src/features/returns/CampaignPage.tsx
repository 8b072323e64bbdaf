import { Fragment, useCallback, useEffect, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import { returnRequestStates, returnRoles, type ReturnRequestState } from '../../../../shared/labels';
import type { CampaignDetail, PreparedFiles } from '../../../../shared/model/returns';
import { api, errorMessage } from '../../api';
import { BackLink } from '../../components/BackLink';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/icons';
import { LoadError } from '../../components/LoadError';
import { Writes } from '../../components/ReadOnly';
import { Stat } from '../../components/Stat';
import { useToast, useUndoableDelete } from '../../components/Toast';
import { focusIfCreated, navigate } from '../../router';
import { parisToday } from '../../../../shared/wallclock';
import { percent } from './format';
import { ReturnIntake } from './ReturnIntake';
import './returns.css';

const STATE_TONES: Record<ReturnRequestState, string> = {
  a_envoyer: 'state-waiting',
  envoye: 'state-sent',
  relance: 'state-reminded',
  repondu: 'state-answered',
  pris_en_compte: 'state-taken',
};

/** One campaign: where each structure stands, its files to send, reminders, and the answers to take in. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const [campaign, setCampaign] = useState<CampaignDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [reminding, setReminding] = useState(false);
  const toast = useToast();
  const undoableDelete = useUndoableDelete();

  const load = useCallback(() => api.returns.get({ id: campaignId }).then(setCampaign, (error) => setLoadError(errorMessage(error))), [campaignId]);
  useEffect(() => void load(), [load]);

  const back = <BackLink href="#/mesures/remontees">Campagnes de remontées</BackLink>;
  if (loadError) return <LoadError message={loadError} back={back} />;
  if (!campaign) return <div className="loading">Chargement…</div>;

  const sent = campaign.requests.some((r) => r.sentOn !== null);
  const unanswered = campaign.requests.filter((r) => r.answeredOn === null).length;

  async function write(action: () => Promise<PreparedFiles>, done: (p: PreparedFiles) => string) {
    setBusy(true);
    try {
      const prepared = await action();
      const missing = prepared.withoutRecipient.length ? ` Sans adresse électronique : ${prepared.withoutRecipient.join(', ')}.` : '';
      toast(done(prepared) + missing);
      await load();
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  const prepare = () =>
    write(
      () => api.returns.prepare({ id: campaign.id }),
      (p) => `${plural(p.workbooks, 'classeur et son message préparés', 'classeurs et leurs messages préparés')} dans le dossier de la campagne : ouvrez chaque message, vérifiez-le et envoyez-le.`,
    );
  const remind = () =>
    write(
      () => api.returns.remind({ id: campaign.id }),
      (p) => `${plural(p.workbooks, 'relance préparée', 'relances préparées')}, avec un classeur à jour, dans le dossier de la campagne.`,
    );

  async function showFolder() {
    try {
      await api.returns.showFolder({ id: campaign!.id });
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  }

  async function remove() {
    setDeleting(false);
    const id = campaign!.id;
    const done = await undoableDelete(() => api.returns.delete({ id }), 'Campagne supprimée ; les fiches et leur journal gardent les réponses prises en compte.', () =>
      navigate('mesures', 'remontees', id),
    );
    if (done) navigate('mesures', 'remontees');
  }

  return (
    <div className="page">
      {back}
      <header className="page-header">
        <div>
          <h1 ref={focusIfCreated} tabIndex={-1}>
            {campaign.name}
          </h1>
          <p className="subtitle">
            Période du {formatDate(campaign.periodFrom)} au {formatDate(campaign.periodTo)} · réponses attendues avant le {formatDate(campaign.deadlineOn)}
            {campaign.replyTo ? ` à ${campaign.replyTo}` : ''}
          </p>
        </div>
        <div className="toolbar campaign-toolbar">
          <Writes>
            <button type="button" className={`button${sent ? '' : ' primary'}`} onClick={() => void prepare()} disabled={busy}>
              <Icon name="mail" size={18} />
              {sent ? 'Préparer de nouveau les envois' : 'Préparer les classeurs et les messages'}
            </button>
          </Writes>
          {campaign.folder && (
            <button type="button" className="button" onClick={() => void showFolder()}>
              <Icon name="folder" size={18} />
              Ouvrir le dossier
            </button>
          )}
          <Writes>
            {sent && unanswered > 0 && (
              <button type="button" className="button" onClick={() => setReminding(true)} disabled={busy}>
                <Icon name="clock" size={18} />
                Relancer {plural(unanswered, 'structure sans réponse', 'structures sans réponse')}
              </button>
            )}
            <button type="button" className="button danger-outline" onClick={() => setDeleting(true)}>
              <Icon name="trash" size={18} />
              Supprimer
            </button>
          </Writes>
        </div>
      </header>

      <div className="stat-row">
        <Stat count={campaign.asked} one="structure interrogée" many="structures interrogées" />
        <Stat value={`${campaign.answered} sur ${campaign.asked}`} label={`réponses reçues (${percent(campaign.rate)})`} />
        <Stat count={campaign.takenIn} one="réponse prise en compte" many="réponses prises en compte" />
        <Stat count={campaign.toRemind} one="structure à relancer" many="structures à relancer" tone={campaign.toRemind > 0 && sent ? 'warning' : undefined} />
      </div>
      {campaign.fichesWithoutPilot > 0 && (
        <p className="notice">
          <Icon name="info" size={18} />
          {plural(campaign.fichesWithoutPilot, 'fiche choisie n’a', 'fiches choisies n’ont')} pas de structure pilote : personne n’est interrogé à leur sujet.
        </p>
      )}

      <Writes>
        <ReturnIntake campaignId={campaign.id} onTaken={() => void load()} />
      </Writes>

      <section className="card" aria-labelledby="campaign-structures">
        <div className="card-header">
          <h2 id="campaign-structures">Structures interrogées</h2>
          <span className="muted">{plural(campaign.fiches, 'fiche action', 'fiches actions')}</span>
        </div>
        <table className="table campaign-table">
          <thead>
            <tr>
              <th scope="col">Structure</th>
              <th scope="col">Rôle</th>
              <th scope="col" className="num">
                Fiches
              </th>
              <th scope="col">Destinataires</th>
              <th scope="col">Où en est la structure</th>
            </tr>
          </thead>
          <tbody>
            {campaign.requests.map((r) => (
              <tr key={r.id}>
                <td>{r.partnerId ? <a href={`#/partenaires/${r.partnerId}`}>{r.partnerName}</a> : r.partnerName}</td>
                <td className="nowrap">{r.roles.map((role) => returnRoles.labels[role]).join(', ')}</td>
                <td className="num">{r.fiches}</td>
                <td className="recipients">
                  {r.recipients.length ? (
                    r.recipients.map((address, i) => (
                      <Fragment key={address}>
                        {i > 0 && ', '}
                        {/* A long address breaks before its « @ » rather than inside its domain. */}
                        {address.slice(0, address.indexOf('@'))}
                        <wbr />
                        {address.slice(address.indexOf('@'))}
                      </Fragment>
                    ))
                  ) : (
                    <span className="badge warning">Aucune adresse</span>
                  )}
                </td>
                <td>
                  <span className={`state-badge ${STATE_TONES[r.state]}`}>{returnRequestStates.labels[r.state]}</span>
                  <ul className="request-dates">
                    {r.sentOn && <li>Envoyé le {formatDate(r.sentOn)}</li>}
                    {r.remindedOn && (
                      <li>
                        Relancé le {formatDate(r.remindedOn)}
                        {r.reminders > 1 ? ` (${r.reminders} fois)` : ''}
                      </li>
                    )}
                    {r.answeredOn && <li>Réponse reçue le {formatDate(r.answeredOn)}</li>}
                    {r.takenInOn && <li>Pris en compte le {formatDate(r.takenInOn)}</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ConfirmDialog
        open={reminding}
        title="Relancer les structures sans réponse ?"
        confirmLabel={`Relancer ${plural(unanswered, 'structure', 'structures')}`}
        onConfirm={() => {
          setReminding(false);
          void remind();
        }}
        onCancel={() => setReminding(false)}
      >
        <p>
          Pour {plural(unanswered, 'structure qui n’a pas répondu', 'structures qui n’ont pas répondu')}, Maillage écrit un classeur à jour et un message de relance
          prêt à envoyer dans le dossier « Relances du {parisToday(new Date())} » de la campagne, et note la relance d’aujourd’hui dans leur suivi. Rien n’est envoyé : vous ouvrez chaque message,
          le vérifiez et l’envoyez.
        </p>
      </ConfirmDialog>
      <ConfirmDialog open={deleting} title="Supprimer la campagne ?" confirmLabel="Supprimer la campagne" danger onConfirm={() => void remove()} onCancel={() => setDeleting(false)}>
        <p>
          La campagne « {campaign.name} » et le suivi de ses envois disparaissent ; les réponses déjà prises en compte restent dans les fiches, leur journal et leurs
          indicateurs. Les classeurs écrits sur le disque ne sont pas supprimés, mais ne pourront plus être pris en compte.
        </p>
      </ConfirmDialog>
    </div>
  );
}
