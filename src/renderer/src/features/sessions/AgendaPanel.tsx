import { useCallback, useEffect, useRef, useState } from 'react';
import { plural } from '../../../../shared/format';
import type { AgendaItem, Decision, FollowUp } from '../../../../shared/model/meetings';
import { api } from '../../api';
import { PRIVACY_HINT } from '../../components/form';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/icons';
import { AgendaItemDialog, DecisionDialog, FollowUpDialog } from './dialogs';
import { FollowUpLine } from './FollowUpsPanel';
import type { SessionContext } from './context';
import { useReadOnly, Writes } from '../../components/ReadOnly';

type Editing =
  | { kind: 'item'; item: AgendaItem | null }
  | { kind: 'decision'; decision: Decision | null; agendaItemId: string | null }
  | { kind: 'followUp'; followUp: FollowUp | null; decisionId: string | null };

type Deleting = { kind: 'item'; item: AgendaItem } | { kind: 'decision'; decision: Decision };

export function AgendaPanel({ ctx }: { ctx: SessionContext }) {
  const { meeting, apply, remove } = ctx;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const loose = meeting.decisions.filter((d) => d.agendaItemId === null);
  const total = meeting.agenda.reduce((sum, i) => sum + (i.durationMin ?? 0), 0);

  function confirmDelete() {
    const target = deleting!;
    setDeleting(null);
    if (target.kind === 'item') void remove(() => api.agenda.delete({ id: target.item.id }), 'Point retiré de l’ordre du jour.');
    else void remove(() => api.decisions.delete({ id: target.decision.id }), 'Décision supprimée.');
  }

  const decisionsOf = (itemId: string | null) => meeting.decisions.filter((d) => d.agendaItemId === itemId);
  const decisionBlock = (d: Decision) => (
    <DecisionBlock
      key={d.id}
      decision={d}
      followUps={meeting.followUps.filter((f) => f.decisionId === d.id)}
      ctx={ctx}
      onEdit={() => setEditing({ kind: 'decision', decision: d, agendaItemId: d.agendaItemId })}
      onDelete={() => setDeleting({ kind: 'decision', decision: d })}
      onAddFollowUp={() => setEditing({ kind: 'followUp', followUp: null, decisionId: d.id })}
      onEditFollowUp={(f) => setEditing({ kind: 'followUp', followUp: f, decisionId: f.decisionId })}
    />
  );

  return (
    <div className="stack">
      <div className="section-bar">
        <p className="muted">
          {plural(meeting.agenda.length, 'point', 'points', 'Aucun point')} à l’ordre du jour{total > 0 ? ` · durée prévue ${Math.floor(total / 60) > 0 ? `${Math.floor(total / 60)} h ` : ''}${String(total % 60).padStart(2, '0')} min` : ''}
        </p>
        <Writes>
          <button type="button" className="button primary" onClick={() => setEditing({ kind: 'item', item: null })}>
            <Icon name="plus" size={18} />
            Ajouter un point
          </button>
        </Writes>
      </div>
      {meeting.agenda.length === 0 && (
        <div className="card muted-card">
          <p>L’ordre du jour est vide. Ajoutez les points à traiter : ils figureront dans la convocation, puis dans le compte rendu avec leurs notes et leurs décisions.</p>
        </div>
      )}
      {meeting.agenda.map((item, index) => (
        <article key={item.id} className="card agenda-item" aria-label={`Point ${(index + 1)} : ${item.title}`}>
          <header className="agenda-header">
            <div>
              <h2>
                <span className="agenda-number">{(index + 1)}.</span> {item.title}
              </h2>
              <p className="muted small">
                {[item.presenter && `Présenté par ${item.presenter}`, item.durationMin !== null && `${item.durationMin} min`].filter(Boolean).join(' · ') || 'Intervenant et durée à préciser'}
              </p>
              {item.links.length > 0 && (
                <ul className="chips">
                  {item.links.map((l) => (
                    <li key={`${l.kind}-${l.id}`}>{`${l.kind === 'action' ? 'Fiche action' : 'Protocole'} : ${l.label}`}</li>
                  ))}
                </ul>
              )}
            </div>
            <Writes>
              <div className="row-actions">
                <button type="button" className="icon-button" disabled={index === 0} onClick={() => apply(() => api.agenda.move({ id: item.id, direction: 'up' }))} aria-label={`Monter le point ${(index + 1)}`} title="Monter">
                  <Icon name="up" size={18} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  disabled={index === meeting.agenda.length - 1}
                  onClick={() => apply(() => api.agenda.move({ id: item.id, direction: 'down' }))}
                  aria-label={`Descendre le point ${(index + 1)}`}
                  title="Descendre"
                >
                  <Icon name="down" size={18} />
                </button>
                <button type="button" className="icon-button" onClick={() => setEditing({ kind: 'item', item })} aria-label={`Modifier le point ${(index + 1)}`} title="Modifier">
                  <Icon name="edit" size={18} />
                </button>
                <button type="button" className="icon-button" onClick={() => setDeleting({ kind: 'item', item })} aria-label={`Supprimer le point ${(index + 1)}`} title="Supprimer">
                  <Icon name="trash" size={18} />
                </button>
              </div>
            </Writes>
          </header>
          {item.kind === 'suivi' && <EarlierFollowUps ctx={ctx} onEdit={(f) => setEditing({ kind: 'followUp', followUp: f, decisionId: f.decisionId })} />}
          <NotesEditor item={item} ctx={ctx} />
          <div className="decisions">
            {decisionsOf(item.id).map(decisionBlock)}
            <Writes>
              <button type="button" className="link-button" onClick={() => setEditing({ kind: 'decision', decision: null, agendaItemId: item.id })}>
                <Icon name="plus" size={16} />
                Ajouter une décision
              </button>
            </Writes>
          </div>
        </article>
      ))}
      {(loose.length > 0 || meeting.followUps.some((f) => f.decisionId === null)) && (
        <article className="card agenda-item" aria-label="Hors ordre du jour">
          <h2>Hors ordre du jour</h2>
          <div className="decisions">{loose.map(decisionBlock)}</div>
          {meeting.followUps
            .filter((f) => f.decisionId === null)
            .map((f) => (
              <FollowUpLine key={f.id} followUp={f} ctx={ctx} onEdit={() => setEditing({ kind: 'followUp', followUp: f, decisionId: null })} />
            ))}
        </article>
      )}
      {editing?.kind === 'item' && <AgendaItemDialog ctx={ctx} item={editing.item} onClose={() => setEditing(null)} />}
      {editing?.kind === 'decision' && <DecisionDialog ctx={ctx} decision={editing.decision} agendaItemId={editing.agendaItemId} onClose={() => setEditing(null)} />}
      {editing?.kind === 'followUp' && <FollowUpDialog ctx={ctx} followUp={editing.followUp} decisionId={editing.decisionId} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={deleting?.kind === 'item' ? 'Retirer ce point de l’ordre du jour ?' : 'Supprimer cette décision ?'}
        confirmLabel="Supprimer"
        danger
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        {deleting?.kind === 'item' && (
          <p>
            Le point <strong>« {deleting.item.title} »</strong> et ses notes seront supprimés.
            {decisionsOf(deleting.item.id).length > 0 && ` Ses ${plural(decisionsOf(deleting.item.id).length, 'décision')} restent dans la séance, classées hors ordre du jour.`}
          </p>
        )}
        {deleting?.kind === 'decision' && (
          <>
            <p>La décision « {deleting.decision.text} » sera supprimée ; ses suites à donner restent dans la séance.</p>
            {deleting.decision.journalEntryId && <p>L’entrée qu’elle a inscrite au journal de la fiche action sera retirée.</p>}
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** Typing pauses this long before the notes save themselves. */
const NOTES_SAVE_DELAY_MS = 800;

/**
 * Notes save themselves (after a pause in typing, when the field is left, when the page is left or
 * reloaded), so that typing during the session never waits on a button and nothing is lost.
 */
function NotesEditor({ item, ctx }: { item: AgendaItem; ctx: SessionContext }) {
  const readOnly = useReadOnly();
  const [notes, setNotes] = useState(item.notes ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const field = useRef<HTMLTextAreaElement>(null);
  const latest = useRef({ notes, saved: item.notes ?? '' });
  latest.current.notes = notes;
  // The saved text comes back while the secretary may still be typing: it must not overwrite her field.
  useEffect(() => {
    latest.current.saved = item.notes ?? '';
    if (document.activeElement !== field.current) setNotes(item.notes ?? '');
  }, [item.notes]);
  const unsaved = notes.trim() !== (item.notes ?? '');
  const { apply } = ctx;

  const save = useCallback(async () => {
    const text = latest.current.notes;
    const previous = latest.current.saved;
    if (text.trim() === previous) return;
    latest.current.saved = text.trim();
    setState('saving');
    const ok = await apply(() => api.agenda.setNotes({ id: item.id, notes: text }));
    if (!ok) latest.current.saved = previous;
    setState(ok ? 'saved' : 'idle');
  }, [apply, item.id]);

  useEffect(() => {
    if (!unsaved) return;
    const timer = setTimeout(() => void save(), NOTES_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [notes, unsaved, save]);

  // Leaving the page or reloading the window: the last words go out too.
  useEffect(() => {
    const flush = () => {
      const { notes: text, saved } = latest.current;
      if (text.trim() !== saved) void api.agenda.setNotes({ id: item.id, notes: text }).catch(() => undefined);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [item.id]);

  return (
    <div className="notes">
      <label htmlFor={`notes-${item.id}`}>Notes de séance</label>
      <textarea
        ref={field}
        id={`notes-${item.id}`}
        rows={notes.split('\n').length > 3 ? 6 : 3}
        placeholder="Ce qui a été présenté et discuté (une ligne vide sépare deux paragraphes du compte rendu)."
        value={notes}
        onChange={(e) => {
          setNotes(e.target.value);
          setState('idle');
        }}
        onBlur={() => void save()}
        readOnly={readOnly}
      />
      <div className="hint">{state === 'saving' ? 'Enregistrement…' : state === 'saved' && !unsaved ? 'Notes enregistrées.' : PRIVACY_HINT}</div>
    </div>
  );
}

function DecisionBlock({
  decision,
  followUps,
  ctx,
  onEdit,
  onDelete,
  onAddFollowUp,
  onEditFollowUp,
}: {
  decision: Decision;
  followUps: FollowUp[];
  ctx: SessionContext;
  onEdit: () => void;
  onDelete: () => void;
  onAddFollowUp: () => void;
  onEditFollowUp: (f: FollowUp) => void;
}) {
  return (
    <div className="decision" aria-label="Décision">
      <div className="decision-main">
        <div>
          <span className="decision-label">Décision</span> {decision.text}
          {decision.actionLabel && (
            <div className="muted small">
              Fiche action : {decision.actionLabel}
              {decision.journalEntryId && ' · inscrite au journal'}
            </div>
          )}
        </div>
        <Writes>
          <div className="row-actions">
            <button type="button" className="icon-button" onClick={onEdit} aria-label="Modifier la décision" title="Modifier">
              <Icon name="edit" size={17} />
            </button>
            <button type="button" className="icon-button" onClick={onDelete} aria-label="Supprimer la décision" title="Supprimer">
              <Icon name="trash" size={17} />
            </button>
          </div>
        </Writes>
      </div>
      {followUps.map((f) => (
        <FollowUpLine key={f.id} followUp={f} ctx={ctx} onEdit={() => onEditFollowUp(f)} />
      ))}
      <Writes>
        <button type="button" className="link-button small" onClick={onAddFollowUp}>
          <Icon name="plus" size={15} />
          Suite à donner
        </button>
      </Writes>
    </div>
  );
}

function EarlierFollowUps({ ctx, onEdit }: { ctx: SessionContext; onEdit: (f: FollowUp) => void }) {
  const list = ctx.meeting.earlierFollowUps;
  return (
    <div className="review">
      <h3>Suites des séances précédentes</h3>
      {list.length === 0 ? (
        <p className="muted small">Aucune suite en cours issue des séances précédentes.</p>
      ) : (
        list.map((f) => <FollowUpLine key={f.id} followUp={f} ctx={ctx} onEdit={() => onEdit(f)} showOrigin />)
      )}
    </div>
  );
}
