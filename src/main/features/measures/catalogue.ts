import { randomUUID } from 'node:crypto';
import plan2021 from '../../../../resources/catalogue/plan2021.json';
import snsp2024 from '../../../../resources/catalogue/snsp2024.json';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { plural } from '../../../shared/format';
import type { ActionStatus, CatalogueNodeKind, Meteo } from '../../../shared/labels';
import type { CatalogueImportReport, CatalogueNode, Framework } from '../../../shared/model/measures';
import { summarizeActions } from '../../../shared/progress';
import {
  catalogueBundleFile,
  catalogueFrameworkFile,
  type CatalogueFrameworkFile,
  type catalogueNodeUpdate,
  type localMeasureCreate,
} from '../../../shared/schemas/actions';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { stableId } from './stable-id';

export interface CatalogueFile {
  code: string;
  title: string;
  shortTitle: string;
  presentedOn: string | null;
  description: string | null;
  version: number;
  nodes: {
    code: string;
    parent: string | null;
    kind: CatalogueNodeKind;
    label: string;
    title: string;
    shortTitle?: string;
    pilot?: string;
    source: string;
    reconstructed: boolean;
  }[];
}

/** The national frameworks shipped with Maillage, preloaded in every new commission. */
export const shippedCatalogue: readonly CatalogueFile[] = [plan2021 as CatalogueFile, snsp2024 as CatalogueFile];

/** Inserts shipped frameworks into an empty commission (one transaction with the caller's); ids derive from codes. */
export function loadCatalogue(db: Db, now: Date, files: readonly CatalogueFile[] = shippedCatalogue): void {
  const at = now.toISOString();
  const insertFramework = db.prepare(
    `INSERT INTO frameworks (id, code, title, short_title, presented_on, description, catalogue_version, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNode = db.prepare(
    `INSERT INTO catalogue_nodes (id, framework_id, parent_id, code, kind, label, title, short_title, pilot, source_note, reconstructed, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      insertNode.run(nodeId, frameworkId, parentId, node.code, node.kind, node.label, node.title, node.shortTitle ?? null, node.pilot ?? null, node.source, node.reconstructed ? 1 : 0, order, at, at);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The tree with its fiches, and its upkeep

interface FrameworkRow {
  id: string;
  code: string;
  title: string;
  short_title: string;
  presented_on: string | null;
  description: string | null;
  catalogue_version: number;
}

interface NodeRow {
  id: string;
  framework_id: string;
  parent_id: string | null;
  code: string;
  kind: string;
  label: string;
  title: string;
  short_title: string | null;
  pilot: string | null;
  source_note: string | null;
  reconstructed: number;
  is_local: number;
  retired_at: string | null;
  sort_order: number;
}

type ActionStateRow = { id: string; status: ActionStatus; meteo: Meteo | null; progress: number };

/**
 * Both frameworks as trees; each node sums up the fiches attached to it or below it (a fiche
 * attached to two measures of one priority counts once for the priority).
 */
export function catalogueTree(db: Db): Framework[] {
  const frameworks = db.prepare('SELECT * FROM frameworks ORDER BY sort_order, code').all() as FrameworkRow[];
  const nodes = db.prepare('SELECT * FROM catalogue_nodes ORDER BY sort_order, code').all() as NodeRow[];
  const actions = new Map((db.prepare('SELECT id, status, meteo, progress FROM actions').all() as ActionStateRow[]).map((a) => [a.id, a]));
  const attached = new Map<string, string[]>();
  for (const link of db.prepare('SELECT node_id, action_id FROM action_measures').all() as { node_id: string; action_id: string }[]) {
    const list = attached.get(link.node_id);
    if (list) list.push(link.action_id);
    else attached.set(link.node_id, [link.action_id]);
  }
  const childrenOf = new Map<string | null, NodeRow[]>();
  for (const node of nodes) {
    const key = node.parent_id ?? `root:${node.framework_id}`;
    const list = childrenOf.get(key);
    if (list) list.push(node);
    else childrenOf.set(key, [node]);
  }
  const summarize = (ids: Set<string>) => summarizeActions([...ids].map((id) => actions.get(id)!).filter(Boolean));

  // Returns the node and the ids of the fiches of its subtree, so that parents merge sets, not counts.
  const build = (row: NodeRow): [CatalogueNode, Set<string>] => {
    const ids = new Set(attached.get(row.id));
    const children = (childrenOf.get(row.id) ?? []).map((child) => {
      const [node, childIds] = build(child);
      for (const id of childIds) ids.add(id);
      return node;
    });
    return [{ ...toCatalogueNode(row), summary: summarize(ids), children }, ids];
  };

  return frameworks.map((f) => {
    const all = new Set<string>();
    const roots = (childrenOf.get(`root:${f.id}`) ?? []).map((row) => {
      const [node, ids] = build(row);
      for (const id of ids) all.add(id);
      return node;
    });
    return {
      id: f.id,
      code: f.code,
      title: f.title,
      shortTitle: f.short_title,
      presentedOn: f.presented_on,
      description: f.description,
      version: f.catalogue_version,
      summary: summarize(all),
      nodes: roots,
    };
  });
}

function toCatalogueNode(row: NodeRow): Omit<CatalogueNode, 'summary' | 'children'> {
  return {
    id: row.id,
    code: row.code,
    parentId: row.parent_id,
    kind: row.kind as CatalogueNodeKind,
    label: row.label,
    title: row.title,
    shortTitle: row.short_title,
    pilot: row.pilot,
    sourceNote: row.source_note,
    reconstructed: row.reconstructed === 1,
    isLocal: row.is_local === 1,
    retiredAt: row.retired_at,
  };
}

function nodeRow(db: Db, id: string): NodeRow {
  const row = db.prepare('SELECT * FROM catalogue_nodes WHERE id = ?').get(id) as NodeRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette mesure n’existe plus dans le catalogue.');
  return row;
}

/** One node as the tree shows it, with the fiches of its subtree. */
function findNode(db: Db, id: string): CatalogueNode {
  const search = (nodes: CatalogueNode[]): CatalogueNode | undefined => {
    for (const node of nodes) {
      if (node.id === id) return node;
      const found = search(node.children);
      if (found) return found;
    }
    return undefined;
  };
  for (const framework of catalogueTree(db)) {
    const found = search(framework.nodes);
    if (found) return found;
  }
  throw new ApiError('not_found', 'Cette mesure n’existe plus dans le catalogue.');
}

/** Corrects a wording: the catalogue's reconstructed wordings are meant to be fixed by users. */
export function updateCatalogueNode(db: Db, input: z.output<typeof catalogueNodeUpdate>, now: Date): CatalogueNode {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = toCatalogueNode(nodeRow(db, input.id));
    db.prepare(
      'UPDATE catalogue_nodes SET label = @label, title = @title, short_title = @shortTitle, pilot = @pilot, source_note = @sourceNote, updated_at = @at WHERE id = @id',
    ).run({ ...input, at });
    const after = findNode(db, input.id);
    recordChange(db, at, 'catalogue_node', input.id, 'update', before, toCatalogueNode(nodeRow(db, input.id)));
    return after;
  })();
}

/** A sub-measure of the commission's own under a national node; its code follows its parent's. */
export function addLocalMeasure(db: Db, input: z.output<typeof localMeasureCreate>, now: Date): CatalogueNode {
  const at = now.toISOString();
  return db.transaction(() => {
    const parent = nodeRow(db, input.parentId);
    if (parent.retired_at) throw new ApiError('conflict', 'Cette mesure a été retirée du catalogue national : on ne peut plus y ajouter de sous-mesure.');
    const taken = new Set(db.prepare('SELECT code FROM catalogue_nodes WHERE code LIKE ?').pluck().all(`${parent.code}-L%`) as string[]);
    let n = 1;
    while (taken.has(`${parent.code}-L${n}`)) n++;
    const id = randomUUID();
    const order = (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 FROM catalogue_nodes').pluck().get() as number) ?? 0;
    db.prepare(
      `INSERT INTO catalogue_nodes (id, framework_id, parent_id, code, kind, label, title, source_note, reconstructed, is_local, sort_order, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'sous_mesure', ?, ?, ?, 0, 1, ?, ?, ?)`,
    ).run(id, parent.framework_id, parent.id, `${parent.code}-L${n}`, input.label, input.title, 'Sous-mesure locale ajoutée par la commission.', order, at, at);
    const created = findNode(db, id);
    recordChange(db, at, 'catalogue_node', id, 'create', null, toCatalogueNode(nodeRow(db, id)));
    return created;
  })();
}

export function deleteLocalMeasure(db: Db, id: string, now: Date): { id: string } {
  const at = now.toISOString();
  return db.transaction(() => {
    const row = nodeRow(db, id);
    if (row.is_local !== 1) throw new ApiError('conflict', 'Seules les sous-mesures locales peuvent être supprimées ; une mesure nationale se corrige.');
    const fiches = db.prepare('SELECT count(*) FROM action_measures WHERE node_id = ?').pluck().get(id) as number;
    if (fiches > 0)
      throw new ApiError('conflict', `Cette sous-mesure est rattachée à ${plural(fiches, 'fiche action', 'fiches actions')} : rattachez-les ailleurs avant de la supprimer.`);
    if (db.prepare('SELECT count(*) FROM catalogue_nodes WHERE parent_id = ?').pluck().get(id))
      throw new ApiError('conflict', 'Cette sous-mesure a elle-même des sous-mesures : supprimez-les d’abord.');
    db.prepare('DELETE FROM catalogue_nodes WHERE id = ?').run(id);
    recordChange(db, at, 'catalogue_node', id, 'delete', toCatalogueNode(row), null);
    return { id };
  })();
}

// ---------------------------------------------------------------------------------------------
// Import and export of catalogue files

/**
 * Reads a catalogue JSON (one framework, or the export's « frameworks » list) and checks it as a
 * whole: schema, unique codes, parents listed before their children, codes not used by another
 * framework. Every problem is reported with the node it concerns.
 */
export function parseCatalogueFile(db: Db, content: string): CatalogueFrameworkFile[] {
  let json: unknown;
  try {
    json = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    throw new ApiError('validation', 'Ce fichier n’est pas un catalogue Maillage : son contenu n’est pas du JSON valide.');
  }
  const isBundle = typeof json === 'object' && json !== null && 'frameworks' in json;
  const parsed = isBundle ? catalogueBundleFile.safeParse(json) : catalogueFrameworkFile.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 50).map((issue) => ({ path: issue.path.map(String).join('.'), message: describeIssue(json, issue.path, issue.message) }));
    throw new ApiError('validation', `Catalogue refusé, rien n’a été importé : ${details[0]!.message}`, details);
  }
  const files = 'frameworks' in parsed.data ? parsed.data.frameworks : [parsed.data];
  const problems: { path: string; message: string }[] = [];
  const frameworkOfCode = new Map(
    (db.prepare('SELECT n.code, f.code AS framework FROM catalogue_nodes n JOIN frameworks f ON f.id = n.framework_id').all() as { code: string; framework: string }[]).map((r) => [
      r.code,
      r.framework,
    ]),
  );
  const seenFrameworks = new Set<string>();
  const seenCodes = new Set<string>();
  files.forEach((file, f) => {
    if (seenFrameworks.has(file.code)) problems.push({ path: `frameworks.${f}.code`, message: `Le cadre ${file.code} figure deux fois dans le fichier.` });
    seenFrameworks.add(file.code);
    const before = new Set<string>();
    file.nodes.forEach((node, n) => {
      const where = `Nœud n° ${n + 1} (${node.code}) du cadre ${file.code}`;
      const path = isBundle ? `frameworks.${f}.nodes.${n}` : `nodes.${n}`;
      if (seenCodes.has(node.code)) problems.push({ path, message: `${where} : ce code figure deux fois.` });
      if (node.parent !== null && !before.has(node.parent))
        problems.push({ path, message: `${where} : son parent ${node.parent} doit figurer avant lui dans le fichier.` });
      const owner = frameworkOfCode.get(node.code);
      if (owner && owner !== file.code) problems.push({ path, message: `${where} : ce code appartient déjà au cadre ${owner}.` });
      seenCodes.add(node.code);
      before.add(node.code);
    });
  });
  if (problems.length > 0) throw new ApiError('validation', `Catalogue refusé, rien n’a été importé : ${problems[0]!.message}`, problems.slice(0, 50));
  return files;
}

/** « Nœud n° 4 (PLAN2021-A4) : Intitulé manquant. » rather than « nodes.3.title ». */
function describeIssue(json: unknown, path: PropertyKey[], message: string): string {
  const nodesAt = path.indexOf('nodes');
  if (nodesAt >= 0 && typeof path[nodesAt + 1] === 'number') {
    const index = path[nodesAt + 1] as number;
    let container: unknown = json;
    for (const key of path.slice(0, nodesAt + 2)) container = (container as Record<PropertyKey, unknown> | undefined)?.[key];
    const code = (container as { code?: unknown } | undefined)?.code;
    return `Nœud n° ${index + 1}${typeof code === 'string' ? ` (${code})` : ''} : ${message}`;
  }
  return path.length > 0 ? `${path.map(String).join('.')} : ${message}` : message;
}

const FIELD_COLUMNS = ['parent_code', 'kind', 'label', 'title', 'short_title', 'pilot', 'source_note', 'reconstructed', 'is_local'] as const;

/**
 * Applies catalogue files: same code → updated, new code → added, code gone from the file → kept
 * as retired while fiches (or local sub-measures) point to it, deleted otherwise. Local
 * sub-measures absent from the file are the commission's own and stay. With `dryRun` the
 * transaction is rolled back: the report says what would happen.
 */
export function importCatalogue(db: Db, files: readonly CatalogueFrameworkFile[], now: Date, dryRun: boolean): CatalogueImportReport {
  const at = now.toISOString();
  const report: CatalogueImportReport = { frameworks: [] };
  const run = db.transaction(() => {
    for (const file of files) report.frameworks.push(importFramework(db, file, at));
    if (dryRun) throw ROLLBACK;
  });
  try {
    run();
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return report;
}

const ROLLBACK = Symbol('rollback');

function importFramework(db: Db, file: CatalogueFrameworkFile, at: string): CatalogueImportReport['frameworks'][number] {
  const entry = { code: file.code, title: file.title, isNew: false, added: [] as string[], updated: [] as string[], retired: [] as string[], removed: [] as string[], unchanged: 0 };
  let frameworkId = db.prepare('SELECT id FROM frameworks WHERE code = ?').pluck().get(file.code) as string | undefined;
  if (frameworkId) {
    db.prepare('UPDATE frameworks SET title = ?, short_title = ?, presented_on = ?, description = ?, catalogue_version = ? WHERE id = ?').run(
      file.title,
      file.shortTitle,
      file.presentedOn,
      file.description,
      file.version,
      frameworkId,
    );
  } else {
    entry.isNew = true;
    // National records get the id every commission gives them (see stable-id.ts).
    frameworkId = stableId(file.code);
    const order = db.prepare('SELECT coalesce(max(sort_order), -1) + 1 FROM frameworks').pluck().get() as number;
    db.prepare(
      'INSERT INTO frameworks (id, code, title, short_title, presented_on, description, catalogue_version, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(frameworkId, file.code, file.title, file.shortTitle, file.presentedOn, file.description, file.version, order);
  }

  const existing = new Map(
    (
      db
        .prepare(
          `SELECT n.*, p.code AS parent_code FROM catalogue_nodes n LEFT JOIN catalogue_nodes p ON p.id = n.parent_id WHERE n.framework_id = ?`,
        )
        .all(frameworkId) as (NodeRow & { parent_code: string | null })[]
    ).map((r) => [r.code, r]),
  );
  const idOfCode = new Map([...existing.values()].map((r) => [r.code, r.id]));
  const inFile = new Set(file.nodes.map((n) => n.code));

  file.nodes.forEach((node, order) => {
    const parentId = node.parent === null ? null : idOfCode.get(node.parent)!;
    const values = {
      parent_code: node.parent,
      kind: node.kind,
      label: node.label,
      title: node.title,
      short_title: node.shortTitle,
      pilot: node.pilot,
      source_note: node.source,
      reconstructed: node.reconstructed ? 1 : 0,
      is_local: node.local ? 1 : 0,
    };
    const row = existing.get(node.code);
    if (row) {
      const changed = FIELD_COLUMNS.some((column) => row[column] !== values[column]) || row.retired_at !== null;
      db.prepare(
        `UPDATE catalogue_nodes SET parent_id = ?, kind = ?, label = ?, title = ?, short_title = ?, pilot = ?, source_note = ?, reconstructed = ?, is_local = ?,
           retired_at = NULL, sort_order = ?, updated_at = CASE WHEN ? THEN ? ELSE updated_at END WHERE id = ?`,
      ).run(parentId, node.kind, node.label, node.title, node.shortTitle, node.pilot, node.source, values.reconstructed, values.is_local, order, changed ? 1 : 0, at, row.id);
      if (changed) {
        entry.updated.push(node.code);
        recordChange(db, at, 'catalogue_node', row.id, 'update', toCatalogueNode(row), toCatalogueNode(nodeRow(db, row.id)));
      } else entry.unchanged++;
    } else {
      const id = node.local ? randomUUID() : stableId(node.code);
      idOfCode.set(node.code, id);
      db.prepare(
        `INSERT INTO catalogue_nodes (id, framework_id, parent_id, code, kind, label, title, short_title, pilot, source_note, reconstructed, is_local, sort_order, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, frameworkId, parentId, node.code, node.kind, node.label, node.title, node.shortTitle, node.pilot, node.source, values.reconstructed, values.is_local, order, at, at);
      entry.added.push(node.code);
      recordChange(db, at, 'catalogue_node', id, 'create', null, toCatalogueNode(nodeRow(db, id)));
    }
  });

  // Nodes gone from the file (the commission's own sub-measures aside), deepest first so that a
  // parent is only deleted once its children are.
  const gone = [...existing.values()].filter((r) => !inFile.has(r.code) && r.is_local === 0);
  const depth = (row: NodeRow): number => (row.parent_id ? 1 + depth(nodeRow(db, row.parent_id)) : 0);
  gone.sort((a, b) => depth(b) - depth(a));
  const used = db.prepare('SELECT EXISTS (SELECT 1 FROM action_measures WHERE node_id = ?) OR EXISTS (SELECT 1 FROM catalogue_nodes WHERE parent_id = ?)').pluck();
  for (const row of gone) {
    if (used.get(row.id, row.id)) {
      if (row.retired_at === null) {
        db.prepare('UPDATE catalogue_nodes SET retired_at = ?, updated_at = ? WHERE id = ?').run(at, at, row.id);
        recordChange(db, at, 'catalogue_node', row.id, 'update', toCatalogueNode(row), toCatalogueNode(nodeRow(db, row.id)));
      }
      entry.retired.push(row.code);
    } else {
      db.prepare('DELETE FROM catalogue_nodes WHERE id = ?').run(row.id);
      recordChange(db, at, 'catalogue_node', row.id, 'delete', toCatalogueNode(row), null);
      entry.removed.push(row.code);
    }
  }
  return entry;
}

/** The whole catalogue in the import format: national nodes, local sub-measures, not the retired. */
export function exportCatalogue(db: Db): { format: string; frameworks: CatalogueFrameworkFile[] } {
  const rows = db.prepare('SELECT * FROM catalogue_nodes ORDER BY sort_order, code').all() as NodeRow[];
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const frameworks = (db.prepare('SELECT * FROM frameworks ORDER BY sort_order, code').all() as FrameworkRow[]).map((f) => {
    const kept = new Set<string>();
    const nodes: CatalogueFrameworkFile['nodes'] = [];
    // Parents before children, and nothing under a retired node.
    const visit = (parentId: string | null) => {
      for (const row of rows) {
        if (row.framework_id !== f.id || row.parent_id !== parentId || row.retired_at !== null) continue;
        kept.add(row.id);
        nodes.push({
          code: row.code,
          parent: parentId === null ? null : codeOf.get(parentId)!,
          kind: row.kind as CatalogueNodeKind,
          label: row.label,
          title: row.title,
          shortTitle: row.short_title,
          pilot: row.pilot,
          source: row.source_note,
          reconstructed: row.reconstructed === 1,
          local: row.is_local === 1,
        });
        visit(row.id);
      }
    };
    visit(null);
    return {
      code: f.code,
      title: f.title,
      shortTitle: f.short_title,
      presentedOn: f.presented_on,
      description: f.description,
      version: f.catalogue_version,
      nodes,
    };
  });
  return { format: 'maillage-catalogue', frameworks };
}
