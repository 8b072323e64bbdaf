import type { ReactNode } from 'react';
import { Icon } from './icons';
import { Writes } from './ReadOnly';

interface PanelCardProps {
  /** The heading, also the name of the region for screen readers. */
  title: string;
  /** How many items the card lists: shown beside the title; none shows `empty` in place of the list. */
  count: number;
  /** The button that adds one (« Nouvelle entrée », « Ajouter un contact »), left out when the commission is read-only. */
  add: { label: string; onClick: () => void; primary?: boolean };
  /** What to write when there is nothing yet, and what to do about it. */
  empty: ReactNode;
  /** The list, drawn when there is something to list. */
  children: ReactNode;
  /** The card's dialogs (add, edit, confirm), kept mounted whatever the count. */
  dialogs?: ReactNode;
  className?: string;
}

/** A card listing the parts of a record (a fiche's journal and indicators, a structure's contacts): heading, count, add button, list or why it is empty. */
export function PanelCard({ title, count, add, empty, children, dialogs, className }: PanelCardProps) {
  return (
    <section className={className ? `card ${className}` : 'card'} aria-label={title}>
      <div className="card-header">
        <h2>
          {title} <span className="count">{count}</span>
        </h2>
        <Writes>
          <button type="button" className={add.primary ? 'button primary' : 'button'} onClick={add.onClick}>
            <Icon name="plus" size={18} />
            {add.label}
          </button>
        </Writes>
      </div>
      {count === 0 ? <p className="muted">{empty}</p> : children}
      {dialogs}
    </section>
  );
}
