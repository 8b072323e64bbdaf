import { EmptyState } from '../../components/EmptyState';
import { sections, type SectionId } from '../../sections';

/** What each section not yet built will hold: said plainly, never shown with made-up content. */
const plans: Partial<Record<SectionId, string>> = {
  protocoles:
    'Le registre des protocoles et conventions (signataires, dates, échéances de renouvellement, fichier signé) arrive dans une prochaine version.',
};

export function PlannedSection({ section }: { section: SectionId }) {
  const meta = sections.find((s) => s.id === section)!;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{meta.label}</h1>
      </header>
      <EmptyState icon={meta.icon} title="Cette rubrique n’est pas encore disponible">
        <p>{plans[section]}</p>
        <p>
          Vous pouvez dès maintenant constituer l’annuaire de vos partenaires dans <a href="#/partenaires">Partenaires</a> et renseigner la
          commission dans <a href="#/parametres">Paramètres</a>.
        </p>
      </EmptyState>
    </div>
  );
}
