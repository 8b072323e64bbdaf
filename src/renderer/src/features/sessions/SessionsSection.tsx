import { SessionPage } from './SessionPage';
import { SessionsList } from './SessionsList';
import './sessions.css';

/** #/seances → the sessions; #/seances/<id>/<tab> → one session. */
export function SessionsSection({ route }: { route: string[] }) {
  const [id, tab] = route;
  if (!id) return <SessionsList />;
  return <SessionPage key={id} meetingId={id} tab={tab} />;
}
