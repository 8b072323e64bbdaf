const TABS = [
  { path: '', label: 'Annuaire' },
  { path: 'cartographie', label: 'Cartographie' },
  { path: 'composition', label: 'Composition' },
  { path: 'rgpd', label: 'Contacts à reconfirmer' },
] as const;

/** The views of the partner network, and the composition of the commission drawn from it. */
export function PartnersTabs({ current }: { current: (typeof TABS)[number]['path'] }) {
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
