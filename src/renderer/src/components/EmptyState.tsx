import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons';
import './EmptyState.css';

export function EmptyState({ icon, title, children, action }: { icon: IconName; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <div className="empty-icon">
        <Icon name={icon} size={36} />
      </div>
      <h2>{title}</h2>
      <div className="empty-text">{children}</div>
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
