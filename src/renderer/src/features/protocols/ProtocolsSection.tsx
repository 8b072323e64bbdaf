import { ProtocolPage } from './ProtocolPage';
import { ProtocolsGrid } from './ProtocolsGrid';
import './protocols.css';

/** #/protocoles → the register; #/protocoles/nouveau → a new protocol; #/protocoles/<id> → one protocol. */
export function ProtocolsSection({ route }: { route: string[] }) {
  const [target] = route;
  if (!target) return <ProtocolsGrid />;
  return <ProtocolPage key={target} protocolId={target === 'nouveau' ? null : target} />;
}
