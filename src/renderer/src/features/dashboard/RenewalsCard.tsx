import { Icon } from '../../components/icons';

/** Protocols due for review or renewal. Filled by the Protocoles feature; until then it says so. */
export function RenewalsCard() {
  return (
    <section className="card dash-card" aria-label="Protocoles à renouveler">
      <h2>
        <Icon name="protocols" size={18} /> Protocoles à renouveler
      </h2>
      <p className="muted">Aucun protocole à renouveler n’est suivi pour l’instant. Les conventions arrivant à échéance s’afficheront ici.</p>
    </section>
  );
}
