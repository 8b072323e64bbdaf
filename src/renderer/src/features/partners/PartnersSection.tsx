import { PartnerPage } from './PartnerPage';
import { PartnersGrid } from './PartnersGrid';

/** #/partenaires → the directory; #/partenaires/nouveau → a new structure; #/partenaires/<id> → one structure. */
export function PartnersSection({ route }: { route: string[] }) {
  const [target] = route;
  if (!target) return <PartnersGrid />;
  return <PartnerPage key={target} partnerId={target === 'nouveau' ? null : target} />;
}
