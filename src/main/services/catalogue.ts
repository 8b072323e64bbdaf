import plan2021 from '../../../resources/catalogue/plan2021.json';
import snsp2024 from '../../../resources/catalogue/snsp2024.json';
import type { CatalogueNodeKind } from '../../shared/labels';
import type { Db } from '../db/connection';
import { stableId } from './stable-id';

export interface CatalogueFile {
  code: string;
  title: string;
  shortTitle: string;
  presentedOn: string | null;
  description: string | null;
  version: number;
  nodes: { code: string; parent: string | null; kind: CatalogueNodeKind; label: string; title: string; source: string; reconstructed: boolean }[];
}

/** The national frameworks shipped with Maillage, preloaded in every new commission. */
export const shippedCatalogue: readonly CatalogueFile[] = [plan2021 as CatalogueFile, snsp2024 as CatalogueFile];

/** Inserts shipped frameworks into an empty commission (one transaction with the caller's); ids derive from codes. */
export function loadCatalogue(db: Db, now: string, files: readonly CatalogueFile[] = shippedCatalogue): void {
  const insertFramework = db.prepare(
    `INSERT INTO frameworks (id, code, title, short_title, presented_on, description, catalogue_version, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNode = db.prepare(
    `INSERT INTO catalogue_nodes (id, framework_id, parent_id, code, kind, label, title, source_note, reconstructed, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  files.forEach((file, index) => {
    const frameworkId = stableId(file.code);
    insertFramework.run(frameworkId, file.code, file.title, file.shortTitle, file.presentedOn, file.description, file.version, index);
    const idsByCode = new Map<string, string>();
    file.nodes.forEach((node, order) => {
      const nodeId = stableId(node.code);
      idsByCode.set(node.code, nodeId);
      const parentId = node.parent === null ? null : idsByCode.get(node.parent);
      if (parentId === undefined) throw new Error(`Catalogue ${file.code}: parent ${node.parent} must come before ${node.code}`);
      insertNode.run(nodeId, frameworkId, parentId, node.code, node.kind, node.label, node.title, node.source, node.reconstructed ? 1 : 0, order, now, now);
    });
  });
}
