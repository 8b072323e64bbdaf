/**
 * What the secretary wrote under the « bilan chiffré » item of each past plenary: the register's figures for
 * the twelve months before the session, as they stood on its day. Written once the register is in, from the
 * same computation as the Parcours page and the bilan, so that the minutes never give other figures.
 */
import { formatDate, formatInteger, plural } from '../../../shared/format';
import { computeFigures } from '../../../shared/parcours';
import type { Db } from '../../db/connection';
import { figureRows } from '../parcours/parcours';
import { addDays, addMonths, type Day } from './calendar';
import { sessionData } from './data';

export function writeParcoursFigureNotes(db: Db, today: Day): void {
  const items = db
    .prepare(`SELECT a.id, substr(m.starts_at, 1, 10) AS day FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.title = ? AND substr(m.starts_at, 1, 10) < ?`)
    .all(sessionData.agenda.parcoursFigures.title, today) as { id: string; day: Day }[];
  if (items.length === 0) return;
  const rows = figureRows(db);
  const update = db.prepare('UPDATE agenda_items SET notes = ? WHERE id = ?');
  for (const { id, day } of items) {
    const to = addDays(day, -1);
    const from = addMonths(day, -12);
    const f = computeFigures(rows, from, to, day);
    update.run(
      [
        `Demandes reçues du ${formatDate(from)} au ${formatDate(to)} : ${plural(f.firstRequests, 'première demande', 'premières demandes')}, ${plural(f.renewals, 'renouvellement')}.`,
        `Avis rendus : ${plural(f.favourableOpinions, 'favorable')}, ${plural(f.unfavourableOpinions, 'défavorable')}, ${plural(f.adjournedOpinions, 'ajourné')}. Autorisations préfectorales : ${formatInteger(f.authorisations)}.`,
        `Personnes en parcours de sortie au ${formatDate(to)} : ${formatInteger(f.inProgressAtEnd)}.`,
      ].join('\n\n'),
      id,
    );
  }
}
