import './parcours.css';
import { ParcoursFiguresPage } from './ParcoursFigures';
import { ParcoursGrid } from './ParcoursGrid';
import { ParcoursPage } from './ParcoursPage';
import { RetentionPage } from './RetentionPage';

/**
 * #/parcours → the register; #/parcours/nouvelle → a new request; #/parcours/chiffres → the figures;
 * #/parcours/conservation → requests closed more than five years ago; #/parcours/<id> → one request.
 */
export function ParcoursSection({ route }: { route: string[] }) {
  const [target] = route;
  if (!target) return <ParcoursGrid />;
  if (target === 'chiffres') return <ParcoursFiguresPage />;
  if (target === 'conservation') return <RetentionPage />;
  return <ParcoursPage key={target} requestId={target === 'nouvelle' ? null : target} />;
}
