import { actionStatuses, meteoText } from '../../../shared/labels';
import type { ActionListItem } from '../../../shared/model/measures';
import type { TabularColumn } from '../../spreadsheets/writer';

/** The columns of a fiches actions export, in the order of the grid. */
export const actionColumns: TabularColumn<ActionListItem>[] = [
  { header: 'Référence', width: 12, value: (a) => a.code },
  { header: 'Intitulé', width: 60, value: (a) => a.title },
  { header: 'Mesures nationales', width: 45, value: (a) => a.measuresText },
  { header: 'Pilote', width: 35, value: (a) => a.pilotName },
  { header: 'Structures contributrices', width: 45, value: (a) => a.partnersText },
  { header: 'Statut', width: 14, value: (a) => actionStatuses.labels[a.status] },
  { header: 'Météo', width: 32, value: (a) => (a.meteo ? meteoText(a.meteo) : null) },
  { header: 'Avancement (%)', type: 'integer', width: 16, value: (a) => a.progress },
  { header: 'Début', type: 'date', width: 12, value: (a) => a.startsOn },
  { header: 'Fin', type: 'date', width: 12, value: (a) => a.endsOn },
  { header: 'En retard', width: 11, value: (a) => (a.overdue ? 'Oui' : 'Non') },
  { header: 'Budget', type: 'euros', width: 14, value: (a) => a.budget },
  { header: 'Dernière entrée du journal', type: 'date', width: 16, value: (a) => a.lastEntryOn },
];

/** The fiches whose ids are given, in that order (the grid's filtering and sorting). */
export function pickActions(all: readonly ActionListItem[], ids: readonly string[]): ActionListItem[] {
  const byId = new Map(all.map((a) => [a.id, a]));
  return ids.map((id) => byId.get(id)).filter((a): a is ActionListItem => a !== undefined);
}
