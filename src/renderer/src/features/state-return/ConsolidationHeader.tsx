/** The heading of the consolidation screen, in Rapports and on its own from the welcome screen. */
export function ConsolidationHeader({ children }: { children?: React.ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>Consolidation des remontées annuelles</h1>
        <p className="subtitle">Pour une délégation régionale ou le service national : les remontées des départements réunies en une synthèse Word et un classeur</p>
      </div>
      {children}
    </header>
  );
}
