import { catalogueNodeKinds, partnerTypes } from '../../../shared/labels';
import type { CatalogueNode, Framework } from '../../../shared/model/measures';
import type { PartnerListItem } from '../../../shared/types';
import { foldText } from '../../../shared/search';
import type { PickerItem } from './SearchPicker';

/** « PLAN2021-A5 » is typed « A5 »: the code without its framework's prefix. */
export function shortCode(frameworkCode: string, code: string): string {
  return code.startsWith(`${frameworkCode}-`) ? code.slice(frameworkCode.length + 1) : code;
}

/** Every node a fiche can be attached to (not the retired), framework by framework, in tree order. */
export function measureItems(frameworks: readonly Framework[]): PickerItem[] {
  const items: PickerItem[] = [];
  const walk = (framework: Framework, nodes: CatalogueNode[]) => {
    for (const node of nodes) {
      if (node.retiredAt) continue;
      const kind = catalogueNodeKinds.labels[node.kind];
      items.push({
        id: node.id,
        // « Axe 2 » says its kind already (not « Axe 2 — Axe »); « A5 — Mesure » needs it.
        label: foldText(node.label).startsWith(foldText(kind)) ? node.label : `${node.label} — ${kind}`,
        detail: node.title,
        group: framework.shortTitle,
        keys: [node.label, shortCode(framework.code, node.code)],
      });
      walk(framework, node.children);
    }
  };
  for (const f of frameworks) walk(f, f.nodes);
  return items;
}

export function partnerItems(partners: readonly (Pick<PartnerListItem, 'id' | 'name'> & Partial<Pick<PartnerListItem, 'type' | 'commune'>>)[]): PickerItem[] {
  return partners.map((p) => ({ id: p.id, label: p.name, detail: [p.type && partnerTypes.labels[p.type], p.commune].filter(Boolean).join(' · ') || undefined }));
}

/** Fiches actions as the session and protocol pickers offer them: found by code (« FA-027 ») or by words of the title. */
export function actionItems(actions: readonly { id: string; code: string | null; label: string }[]): PickerItem[] {
  return actions.map((a) => ({ id: a.id, label: a.label, keys: a.code ? [a.code] : [] }));
}

/** Every node by id, for chips and the tree's side panel. */
export function nodesById(frameworks: readonly Framework[]): Map<string, { node: CatalogueNode; framework: Framework }> {
  const map = new Map<string, { node: CatalogueNode; framework: Framework }>();
  const walk = (framework: Framework, nodes: CatalogueNode[]) => {
    for (const node of nodes) {
      map.set(node.id, { node, framework });
      walk(framework, node.children);
    }
  };
  for (const f of frameworks) walk(f, f.nodes);
  return map;
}
