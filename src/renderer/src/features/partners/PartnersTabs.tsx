const TABS = [
  { path: '', label: 'Annuaire' },
  { path: 'cartographie', label: 'Cartographie' },
  { path: 'rgpd', label: 'Contacts à reconfirmer' },
] as const;

/** The three views of the partner network. */
export function PartnersTabs({ current }: { current: '' | 'cartographie' | 'rgpd' }) {
  return (
    <nav className="tabs" aria-label="Vues du réseau">
      {TABS.map((t) => (
        <a key={t.path} href={`#/partenaires${t.path ? `/${t.path}` : ''}`} className={t.path === current ? 'active' : undefined} aria-current={t.path === current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
