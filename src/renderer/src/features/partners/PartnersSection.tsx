import { CompositionPage } from '../composition/CompositionPage';
import { StaleContactsPage } from './Gdpr';
import { NetworkMapPage } from './NetworkMapPage';
import { PartnerPage } from './PartnerPage';
import { PartnersGrid } from './PartnersGrid';
import './partners.css';

/**
 * #/partenaires → the directory; /cartographie → the map of the network; /composition → the commission's
 * seats and members; /rgpd → contacts to reconfirm;
 * /nouveau → a new structure; /<id> → one structure.
 */
export function PartnersSection({ route }: { route: string[] }) {
  const [target] = route;
  if (!target) return <PartnersGrid />;
  if (target === 'cartographie') return <NetworkMapPage />;
  if (target === 'composition') return <CompositionPage />;
  if (target === 'rgpd') return <StaleContactsPage />;
  return <PartnerPage key={target} partnerId={target === 'nouveau' ? null : target} />;
}
