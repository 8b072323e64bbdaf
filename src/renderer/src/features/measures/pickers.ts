import { catalogueNodeKinds } from '../../../../shared/labels';
import type { CatalogueNode, Framework } from '../../../../shared/model/measures';
import type { PartnerListItem } from '../../../../shared/types';
import { partnerTypes } from '../../../../shared/labels';
import type { PickerItem } from './SearchPicker';

/** Every node a fiche can be attached to (not the retired), framework by framework, in tree order. */
export function measureItems(frameworks: readonly Framework[]): PickerItem[] {
  const items: PickerItem[] = [];
  const walk = (framework: Framework, nodes: CatalogueNode[]) => {
    for (const node of nodes) {
      if (node.retiredAt) continue;
      items.push({ id: node.id, label: `${node.label} — ${catalogueNodeKinds.labels[node.kind]}`, detail: node.title, group: framework.shortTitle });
      walk(framework, node.children);
    }
  };
  for (const f of frameworks) walk(f, f.nodes);
  return items;
}

export function partnerItems(partners: readonly PartnerListItem[]): PickerItem[] {
  return partners.map((p) => ({ id: p.id, label: p.name, detail: [partnerTypes.labels[p.type], p.commune].filter(Boolean).join(' · ') }));
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
