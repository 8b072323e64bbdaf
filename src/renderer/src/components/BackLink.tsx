import type { ReactNode } from 'react';
import { Icon } from './icons';

/** « ‹ Toutes les séances »: the way back from a record page to its list. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="back-link">
      <Icon name="back" size={16} />
      {children}
    </a>
  );
}
