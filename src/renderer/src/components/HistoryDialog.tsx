import { useEffect, useState } from 'react';
import { formatDateTime, plural } from '../../../shared/format';
import type { HistoryEntry, HistoryOp } from '../../../shared/model/history';
import { api, errorMessage } from '../api';
import { Dialog } from './Dialog';
import { EmptyState } from './EmptyState';
import './HistoryDialog.css';

const OP_LABELS: Record<HistoryOp, string> = { create: 'Création', update: 'Modification', delete: 'Suppression' };

interface HistoryDialogProps {
  /** Kind of record, as recorded in the change log: partner, contact, meeting… */
  entity: string;
  id: string;
  /** What the dialog is about: « Historique – Amicale du Nid ». */
  title: string;
  onClose: () => void;
}

/**
 * « Historique » of one record (and of the records it holds): when, what, before → after, with
 * the changed fields highlighted. Reusable for any record whose changes are in the change log.
 */
export function HistoryDialog({ entity, id, title, onClose }: HistoryDialogProps) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showUnchanged, setShowUnchanged] = useState(false);

  useEffect(() => {
    api.history.forRecord({ entity, id }).then(setEntries, (e) => setError(errorMessage(e)));
  }, [entity, id]);

  return (
    <Dialog title={`Historique – ${title}`} open onClose={onClose} width={760}>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!error && entries === null && <p className="muted">Chargement de l’historique…</p>}
      {entries !== null && entries.length === 0 && (
        <EmptyState icon="history" title="Aucune modification enregistrée">
          Chaque création, modification ou suppression sera consignée ici, avec sa date et les valeurs avant et après.
        </EmptyState>
      )}
      {entries !== null && entries.length > 0 && (
        <>
          <div className="history-toolbar">
            <span className="muted">
              {plural(entries.length, 'événement')}, du plus récent au plus ancien
            </span>
            <label className="checkbox">
              <input type="checkbox" checked={showUnchanged} onChange={(e) => setShowUnchanged(e.target.checked)} />
              Afficher aussi les champs inchangés
            </label>
          </div>
          {/* Focusable so that the keyboard can scroll a long history. */}
          <ol className="history" aria-label="Historique" tabIndex={0}>
            {entries.map((entry) => (
              <HistoryItem key={entry.seq} entry={entry} showUnchanged={showUnchanged} />
            ))}
          </ol>
        </>
      )}
    </Dialog>
  );
}

function HistoryItem({ entry, showUnchanged }: { entry: HistoryEntry; showUnchanged: boolean }) {
  const changes = entry.op === 'update' && !showUnchanged ? entry.changes.filter((c) => c.changed) : entry.changes;
  const isUpdate = entry.op === 'update';
  return (
    <li className={`history-entry op-${entry.op}`}>
      <header>
        <span className={`history-op op-${entry.op}`}>{entry.undoesDeletion ? 'Suppression annulée' : OP_LABELS[entry.op]}</span>
        {entry.subject !== null && (
          <span className="history-subject">
            {entry.entityLabel} : <strong>{entry.subject}</strong>
          </span>
        )}
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </header>
      {changes.length === 0 ? (
        <p className="muted small">Aucun champ modifié.</p>
      ) : (
        <table className="table history-changes">
          <thead>
            <tr>
              <th scope="col">Champ</th>
              {isUpdate ? (
                <>
                  <th scope="col">Avant</th>
                  <th scope="col">Après</th>
                </>
              ) : (
                <th scope="col">{entry.op === 'create' ? 'Valeur' : 'Valeur supprimée'}</th>
              )}
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field} className={isUpdate && c.changed ? 'changed' : undefined}>
                <th scope="row">{c.label}</th>
                {isUpdate ? (
                  <>
                    <td className="before">{c.before ?? <span className="muted">(vide)</span>}</td>
                    <td className="after">{c.after ?? <span className="muted">(vide)</span>}</td>
                  </>
                ) : (
                  <td>{(entry.op === 'create' ? c.after : c.before) ?? <span className="muted">(vide)</span>}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
