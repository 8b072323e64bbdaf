import { useState, type ReactNode } from 'react';
import { HistoryDialog } from './HistoryDialog';
import { Icon } from './icons';
import { Writes } from './ReadOnly';

interface RecordToolbarProps {
  /** The record whose « Historique » opens: its kind in the change log, its id and its name. */
  history: { entity: string; id: string; title: string };
  /** « Supprimer la structure », « Supprimer »… */
  deleteLabel: string;
  /** Asks for confirmation: the page owns the confirmation dialog, which says what is lost. */
  onDelete: () => void;
  /** The page's own actions, shown first. */
  children?: ReactNode;
}

/** The header toolbar of a record page: its own actions, then « Historique » and the delete button (none when read-only). */
export function RecordToolbar({ history, deleteLabel, onDelete, children }: RecordToolbarProps) {
  const [showHistory, setShowHistory] = useState(false);
  return (
    <div className="toolbar">
      {children}
      <button type="button" className="button" onClick={() => setShowHistory(true)}>
        <Icon name="history" size={18} />
        Historique
      </button>
      <Writes>
        <button type="button" className="button danger-outline" onClick={onDelete}>
          <Icon name="trash" size={18} />
          {deleteLabel}
        </button>
      </Writes>
      {showHistory && <HistoryDialog entity={history.entity} id={history.id} title={history.title} onClose={() => setShowHistory(false)} />}
    </div>
  );
}
