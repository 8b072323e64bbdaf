import { useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { followUpStatuses, type FollowUpStatus } from '../../../../shared/labels';
import type { FollowUp } from '../../../../shared/model/meetings';
import { parisToday } from '../../../../shared/wallclock';
import { lowerFirst } from '../../../../shared/text';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/icons';
import { useRun } from '../../components/Toast';
import { FollowUpDialog } from './dialogs';
import { followUpOwner, sessionLabel } from './labels';
import type { SessionContext } from './context';
import { useReadOnly, Writes } from '../../components/ReadOnly';

/** One follow-up: what, who, when, and its state, changeable in place. */
export function FollowUpLine({ followUp: f, ctx, onEdit, showOrigin }: { followUp: FollowUp; ctx: SessionContext; onEdit: () => void; showOrigin?: boolean }) {
  const run = useRun();
  const readOnly = useReadOnly();
  const overdue = f.status !== 'close' && f.dueOn !== null && f.dueOn < parisToday(new Date());
  const setStatus = (status: FollowUpStatus) =>
    run(async () => {
      await api.followUps.setStatus({ id: f.id, status });
      await ctx.reload();
    }, status === 'close' ? 'Suite à donner close.' : 'État enregistré.');
  return (
    <div className={`follow-up${f.status === 'close' ? ' closed' : ''}`} aria-label={`Suite à donner : ${f.text}`}>
      <div className="follow-up-text">
        <div>{f.text}</div>
        <div className="muted small">
          {followUpOwner(f)}
          {' · '}
          <span className={overdue ? 'overdue' : undefined}>{f.dueOn ? `échéance ${formatDate(f.dueOn)}${overdue ? ' (dépassée)' : ''}` : 'sans échéance'}</span>
          {showOrigin && ` · ${lowerFirst(sessionLabel({ kind: f.meetingKind, startsAt: f.meetingStartsAt }))}`}
          {f.status === 'close' && f.closedOn && ` · close le ${formatDate(f.closedOn)}`}
        </div>
      </div>
      <CodeSelect
        aria-label={`État de « ${f.text} »`}
        codes={followUpStatuses.codes}
        labels={followUpStatuses.labels}
        value={f.status}
        disabled={readOnly}
        onChange={(status) => status && void setStatus(status)}
      />
      <Writes>
        <button type="button" className="icon-button" onClick={onEdit} aria-label={`Modifier « ${f.text} »`} title="Modifier">
          <Icon name="edit" size={17} />
        </button>
      </Writes>
    </div>
  );
}

export function FollowUpsPanel({ ctx }: { ctx: SessionContext }) {
  const { meeting, remove } = ctx;
  const [editing, setEditing] = useState<FollowUp | 'new' | null>(null);
  const [deleting, setDeleting] = useState<FollowUp | null>(null);
  return (
    <div className="stack">
      <section className="card" aria-label="Suites décidées lors de cette séance">
        <div className="card-header">
          <h2>
            Décidées lors de cette séance <span className="count">{meeting.followUps.length}</span>
          </h2>
          <Writes>
            <button type="button" className="button primary" onClick={() => setEditing('new')}>
              <Icon name="plus" size={18} />
              Ajouter une suite à donner
            </button>
          </Writes>
        </div>
        {meeting.followUps.length === 0 ? (
          <p className="muted">Aucune suite à donner pour l’instant. Ajoutez-les sous chaque décision, dans l’ordre du jour, ou ici.</p>
        ) : (
          meeting.followUps.map((f) => (
            <div key={f.id} className="follow-up-row">
              <FollowUpLine followUp={f} ctx={ctx} onEdit={() => setEditing(f)} />
              <Writes>
                <button type="button" className="icon-button" onClick={() => setDeleting(f)} aria-label={`Supprimer « ${f.text} »`} title="Supprimer">
                  <Icon name="trash" size={17} />
                </button>
              </Writes>
            </div>
          ))
        )}
      </section>
      <section className="card" aria-label="Suites des séances précédentes">
        <h2>
          Issues des séances précédentes <span className="count">{meeting.earlierFollowUps.length}</span>
        </h2>
        <p className="muted small">Les suites encore ouvertes à la date de la séance ; elles figurent au point « Suivi des décisions » du compte rendu.</p>
        {meeting.earlierFollowUps.length === 0 ? (
          <p className="muted">Aucune suite en cours issue des séances précédentes.</p>
        ) : (
          meeting.earlierFollowUps.map((f) => <FollowUpLine key={f.id} followUp={f} ctx={ctx} onEdit={() => setEditing(f)} showOrigin />)
        )}
      </section>
      {editing && <FollowUpDialog ctx={ctx} followUp={editing === 'new' ? null : editing} decisionId={null} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Supprimer cette suite à donner ?"
        confirmLabel="Supprimer"
        danger
        onConfirm={() => {
          const f = deleting!;
          setDeleting(null);
          void remove(() => api.followUps.delete({ id: f.id }), 'Suite à donner supprimée.');
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>« {deleting?.text} » sera supprimée : elle ne sera plus suivie ni reprise dans les comptes rendus.</p>
      </ConfirmDialog>
    </div>
  );
}
