import { parcoursDecisions, parcoursEndReasons, parcoursOpinions, parcoursStates } from '../../../../shared/labels';
import type { ParcoursDeadlineKind, ParcoursListItem } from '../../../../shared/model/parcours';
import { lowerFirst } from '../../../../shared/text';

export const deadlineLabels: Record<ParcoursDeadlineKind, string> = {
  end_passed: 'Fin prévue passée : sortie à enregistrer',
  renewal_due: 'Renouvellement à demander',
  awaiting_opinion: 'Avis attendu',
  awaiting_decision: 'Décision attendue',
};

/** « Autorisé », « Avis favorable », « Ajourné »…: where the request stands, in one word or two. */
export function outcomeLabel(r: Pick<ParcoursListItem, 'opinion' | 'decision'>): string {
  if (r.decision) return parcoursDecisions.labels[r.decision];
  if (r.opinion) return `Avis ${lowerFirst(parcoursOpinions.labels[r.opinion])}`;
  return '—';
}

export function stateLabel(r: Pick<ParcoursListItem, 'state' | 'endReason'>): string {
  return r.state === 'termine' && r.endReason ? `${parcoursStates.labels.termine} – ${lowerFirst(parcoursEndReasons.labels[r.endReason])}` : parcoursStates.labels[r.state];
}
