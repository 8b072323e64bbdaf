import { useState } from 'react';
import type { CommissionSummary } from '../../shared/types';
import { Icon } from './components/icons';
import { sections, type SectionId } from './sections';

/** Kept in the renderer's storage, like the grids' columns: a preference of this computer, not of the commission. */
const COLLAPSED_KEY = 'maillage.sidebar.collapsed';

function loadCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === 'true';
  } catch {
    return false;
  }
}

/**
 * The sections, as a full menu or, on a small screen, a rail of icons that leaves the page its width.
 * Folded, each link keeps its name for screen readers and shows it beside the icon on hover or focus.
 */
export function Sidebar({ commission, section, onSearch, onHelp }: { commission: CommissionSummary; section: SectionId; onSearch: () => void; onHelp: () => void }) {
  const [collapsed, setCollapsed] = useState(loadCollapsed);

  function toggle() {
    const next = !collapsed;
    setCollapsed(next);
    try {
      localStorage.setItem(COLLAPSED_KEY, String(next));
    } catch {
      // Not remembered (storage unavailable): the menu still folds for this run.
    }
  }

  return (
    <nav className={collapsed ? 'sidebar collapsed' : 'sidebar'} aria-label="Sections">
      <div className="brand">
        <div className="brand-text">
          <span className="brand-name">Maillage</span>
          <span className="brand-commission" title={commission.name}>
            {commission.departmentCode} · {commission.departmentName}
          </span>
        </div>
        <button
          type="button"
          className="sidebar-toggle"
          aria-label="Menu latéral complet"
          aria-expanded={!collapsed}
          aria-controls="sidebar-sections"
          title={collapsed ? 'Afficher le menu complet' : 'Réduire le menu aux icônes'}
          onClick={toggle}
        >
          <Icon name={collapsed ? 'sidebar-expand' : 'sidebar-collapse'} />
        </button>
      </div>
      <ul id="sidebar-sections">
        {sections.map((s) => (
          <li key={s.id}>
            <a
              href={`#/${s.id}`}
              className={s.id === section ? 'active' : undefined}
              aria-current={s.id === section ? 'page' : undefined}
            >
              <Icon name={s.icon} />
              <span className="sidebar-label">{s.label}</span>
            </a>
          </li>
        ))}
      </ul>
      <ul className="sidebar-tools">
        <li>
          <button type="button" className="sidebar-tool" onClick={onSearch} aria-keyshortcuts="Control+K">
            <Icon name="search" />
            <span className="sidebar-label">Rechercher</span>
            <kbd aria-hidden="true">Ctrl K</kbd>
          </button>
        </li>
        <li>
          <button type="button" className="sidebar-tool" onClick={onHelp} aria-keyshortcuts="F1">
            <Icon name="help" />
            <span className="sidebar-label">Aide</span>
            <kbd aria-hidden="true">F1</kbd>
          </button>
        </li>
      </ul>
      <div className="sidebar-footer" title={commission.filePath}>
        <Icon name="folder" size={16} />
        <span>{commission.filePath.split(/[\\/]/).pop()}</span>
      </div>
    </nav>
  );
}
