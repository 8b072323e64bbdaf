const TABS = [
  { path: '', label: 'Bilan d’avancement' },
  { path: 'remontee-etat', label: 'Remontée annuelle à l’État' },
  { path: 'consolidation', label: 'Consolidation' },
] as const;

export type ReportsTab = (typeof TABS)[number]['path'];

/** The documents of Rapports: the bilan, the yearly return to the State, the consolidation of returns. */
export function ReportsTabs({ current }: { current: ReportsTab }) {
  return (
    <nav className="tabs" aria-label="Rapports">
      {TABS.map((t) => (
        <a key={t.path} href={`#/rapports${t.path ? `/${t.path}` : ''}`} className={t.path === current ? 'active' : undefined} aria-current={t.path === current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
