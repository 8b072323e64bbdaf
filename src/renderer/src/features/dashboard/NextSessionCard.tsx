import { Icon } from '../../components/icons';

/** The next session of the commission. Filled by the Séances feature; until then it says so. */
export function NextSessionCard() {
  return (
    <section className="card dash-card" aria-label="Prochaine séance">
      <h2>
        <Icon name="sessions" size={18} /> Prochaine séance
      </h2>
      <p className="muted">Aucune séance programmée pour l’instant. La date, le lieu et l’ordre du jour de la prochaine séance s’afficheront ici.</p>
    </section>
  );
}
