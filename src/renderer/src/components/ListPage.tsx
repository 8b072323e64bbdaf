import type { ReactNode } from 'react';
import { formatInteger, plural } from '../../../shared/format';

/** How a register names what it lists: « structure(s) », shown « affichée(s) », « Aucune structure ». */
export interface ListNoun {
  one: string;
  many: string;
  /** « affichée », « affichés »…: agreed with the noun. */
  shownOne: string;
  shownMany: string;
  none: string;
}

/**
 * The count under a register's title: « 2 000 structures » (with `detail`: « 2 000 structures · 5 000 contacts »),
 * or, once searched or filtered, « 3 structures affichées sur 2 000 ».
 */
export function listCount(noun: ListNoun, total: number, shown: number | null, filtered: boolean, detail?: string): string {
  if (shown === null || (shown === total && !filtered)) return [plural(total, noun.one, noun.many, noun.none), total > 0 ? detail : undefined].filter(Boolean).join(' · ');
  return `${plural(shown, `${noun.one} ${noun.shownOne}`, `${noun.many} ${noun.shownMany}`, `${noun.none} ${noun.shownOne}`)} sur ${formatInteger(total)}`;
}

/**
 * The page of a register: its tabs, title, count and toolbar, the reason it could not be read, and either
 * what it lists or, for an empty register, what to do first.
 */
export function ListPage({ title, tabs, subtitle, toolbar, notice, loadError, empty, children, dialogs, grid = true }: {
  title: string;
  tabs?: ReactNode;
  subtitle: ReactNode;
  toolbar?: ReactNode;
  /** What must be read before anything is written (the parcours register's privacy rule), empty or not. */
  notice?: ReactNode;
  loadError: string | null;
  /** Shown in place of the list when the register holds nothing yet. */
  empty: ReactNode | null;
  children: ReactNode;
  /** Its dialogs (an import…), open whether the register is empty or not. */
  dialogs?: ReactNode;
  /** The page holds a grid that takes the window's remaining height. */
  grid?: boolean;
}) {
  return (
    <div className={grid ? 'page page-grid' : 'page'}>
      {tabs}
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="subtitle">{subtitle}</p>
        </div>
        {toolbar && <div className="toolbar">{toolbar}</div>}
      </header>
      {notice}
      {loadError && <p className="form-error">{loadError}</p>}
      {empty ?? children}
      {dialogs}
    </div>
  );
}
