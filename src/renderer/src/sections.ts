import type { IconName } from './components/icons';

export const sections = [
  { id: 'tableau-de-bord', label: 'Tableau de bord', icon: 'dashboard' },
  { id: 'mesures', label: 'Mesures', icon: 'measures' },
  { id: 'partenaires', label: 'Partenaires', icon: 'partners' },
  { id: 'protocoles', label: 'Protocoles', icon: 'protocols' },
  { id: 'seances', label: 'Séances', icon: 'sessions' },
  { id: 'parcours', label: 'Parcours de sortie', icon: 'shield' },
  { id: 'rapports', label: 'Rapports', icon: 'reports' },
  { id: 'parametres', label: 'Paramètres', icon: 'settings' },
] as const satisfies readonly { id: string; label: string; icon: IconName }[];

export type SectionId = (typeof sections)[number]['id'];

export function isSection(id: string | undefined): id is SectionId {
  return sections.some((s) => s.id === id);
}
