import { randomUUID } from 'node:crypto';
import { parisToday } from '../../../shared/wallclock';
import type { Db } from '../connection';
import catalogue from './0002-catalogue.json';
import type { Migration } from './index';

/**
 * The reference content a State official would recognise, applied to files of the first schema.
 *
 * - The 2021 plan has 13 actions: the « A14 » and « A15 » the first catalogue reconstructed from
 *   the sentence describing Priorité 5 do not exist. Fiches attached to them are attached to the
 *   priority itself, with a journal entry saying why; local sub-measures under them move to the
 *   priority too; then the nodes go.
 * - National nodes take the corrected wording (official wording of the condensed actions, axes 1–3
 *   as the official summary words them, M15's pilot in its own field, source notes saying what is
 *   official, condensed or inferred) — except a field the commission corrected itself, which stays.
 * - The météo follows PILOTE's scale: values move by rank (nuageux → couvert, couvert → nuage) in
 *   fiches, journal entries and the change log's snapshots, so that history keeps its meaning.
 *
 * The corrected catalogue is frozen beside this file (0002-catalogue.json): later catalogue
 * changes must not alter what this migration did.
 */

interface FrozenNode {
  label: string;
  title: string;
  source: string;
  reconstructed: boolean;
}
interface FrozenFramework {
  title: string;
  shortTitle: string;
  description: string;
}
interface Frozen {
  frameworks: Record<string, { before: FrozenFramework; after: FrozenFramework & { version: number } }>;
  nodes: Record<string, { before: FrozenNode | null; after: FrozenNode & { shortTitle: string | null; pilot: string | null } }>;
  removed: Record<string, { label: string; attachTo: string }>;
}
const frozen = catalogue as Frozen;

/** The first schema's météo codes, by rank on PILOTE's scale. */
const METEO_BY_RANK: Record<string, string> = { nuageux: 'couvert', couvert: 'nuage' };

interface NodeRow {
  id: string;
  framework_id: string;
  parent_id: string | null;
  code: string;
  label: string;
  title: string;
  short_title: string | null;
  pilot: string | null;
  source_note: string | null;
  reconstructed: number;
  is_local: number;
}

/** What the history shows of a catalogue node (the service's CatalogueNode, without its figures). */
function nodeSnapshot(row: NodeRow & { kind: string; retired_at: string | null }) {
  return {
    id: row.id,
    code: row.code,
    parentId: row.parent_id,
    kind: row.kind,
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

function remapMeteos(db: Db): void {
  const rank = `CASE meteo WHEN 'nuageux' THEN 'couvert' WHEN 'couvert' THEN 'nuage' ELSE meteo END`;
  db.prepare(`UPDATE actions SET meteo = ${rank} WHERE meteo IN ('nuageux', 'couvert')`).run();
  db.prepare(`UPDATE journal_entries SET meteo = ${rank} WHERE meteo IN ('nuageux', 'couvert')`).run();

  // Snapshots hold météos as a fiche's or an entry's « meteo », also inside a fiche's journal list.
  const remap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(remap);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, key === 'meteo' && typeof v === 'string' ? (METEO_BY_RANK[v] ?? v) : remap(v)]),
    );
  };
  const rows = db
    .prepare(`SELECT seq, before, after FROM change_log WHERE before LIKE '%"meteo":"%' OR after LIKE '%"meteo":"%'`)
    .all() as { seq: number; before: string | null; after: string | null }[];
  const update = db.prepare('UPDATE change_log SET before = ?, after = ? WHERE seq = ?');
  const rewrite = (json: string | null) => (json === null ? null : JSON.stringify(remap(JSON.parse(json))));
  for (const row of rows) update.run(rewrite(row.before), rewrite(row.after), row.seq);
}

function correctCatalogue(db: Db, now: string): void {
  const log = db.prepare('INSERT INTO change_log (at, entity, entity_id, op, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  const record = (entity: string, id: string, op: 'create' | 'update' | 'delete', before: unknown, after: unknown) =>
    log.run(now, entity, id, op, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after));
  const nodeByCode = db.prepare('SELECT * FROM catalogue_nodes WHERE code = ?');
  const nodeById = db.prepare('SELECT * FROM catalogue_nodes WHERE id = ?');
  type FullRow = NodeRow & { kind: string; retired_at: string | null };

  // Wording: a field still as the first catalogue shipped it takes the corrected value; a field the
  // commission changed (through a catalogue import, say) stays theirs.
  for (const [code, { before, after }] of Object.entries(frozen.frameworks)) {
    const row = db.prepare('SELECT title, short_title, description FROM frameworks WHERE code = ?').get(code) as
      | { title: string; short_title: string; description: string | null }
      | undefined;
    if (!row) continue;
    const title = row.title === before.title ? after.title : row.title;
    const shortTitle = row.short_title === before.shortTitle ? after.shortTitle : row.short_title;
    const description = row.description === before.description ? after.description : row.description;
    if (title === row.title && shortTitle === row.short_title && description === row.description) continue;
    db.prepare('UPDATE frameworks SET title = ?, short_title = ?, description = ?, catalogue_version = max(catalogue_version, ?) WHERE code = ?').run(
      title,
      shortTitle,
      description,
      after.version,
      code,
    );
  }

  // Nodes likewise; the condensed form only goes with the official title it condenses.
  for (const [code, { before, after }] of Object.entries(frozen.nodes)) {
    const row = nodeByCode.get(code) as FullRow | undefined;
    if (!row || row.is_local === 1) continue;
    const untouched = (field: 'label' | 'title' | 'source', value: string | null) => before !== null && value === before[field];
    const label = untouched('label', row.label) ? after.label : row.label;
    const titleUpdated = untouched('title', row.title);
    const title = titleUpdated ? after.title : row.title;
    const shortTitle = title === after.title ? after.shortTitle : row.short_title;
    const source = untouched('source', row.source_note) ? after.source : row.source_note;
    const reconstructed = titleUpdated ? (after.reconstructed ? 1 : 0) : row.reconstructed;
    const pilot = after.pilot ?? row.pilot;
    if (label === row.label && title === row.title && shortTitle === row.short_title && source === row.source_note && reconstructed === row.reconstructed && pilot === row.pilot)
      continue;
    db.prepare('UPDATE catalogue_nodes SET label = ?, title = ?, short_title = ?, pilot = ?, source_note = ?, reconstructed = ?, updated_at = ? WHERE id = ?').run(
      label,
      title,
      shortTitle,
      pilot,
      source,
      reconstructed,
      now,
      row.id,
    );
    record('catalogue_node', row.id, 'update', nodeSnapshot(row), nodeSnapshot(nodeById.get(row.id) as FullRow));
  }

  // The invented actions: their fiches and local sub-measures go to the priority, then they go.
  // A fiche on both gets one journal entry naming both.
  const today = parisToday(new Date(now));
  const measuresOf = (actionId: string) =>
    db
      .prepare('SELECT n.id, n.code, n.label, n.title FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id WHERE am.action_id = ? ORDER BY n.sort_order, n.code')
      .all(actionId);
  const removedNodes: { removed: FullRow; target: FullRow }[] = [];
  const fiches = new Map<string, { target: FullRow; codes: string[]; nodeIds: string[] }>();
  for (const [code, { attachTo }] of Object.entries(frozen.removed)) {
    const removed = nodeByCode.get(code) as FullRow | undefined;
    const target = nodeByCode.get(attachTo) as FullRow | undefined;
    if (!removed || removed.is_local === 1 || !target) continue;
    removedNodes.push({ removed, target });
    for (const actionId of db.prepare('SELECT action_id FROM action_measures WHERE node_id = ?').pluck().all(removed.id) as string[]) {
      const fiche = fiches.get(actionId) ?? { target, codes: [], nodeIds: [] };
      fiche.codes.push(code.slice(code.lastIndexOf('-') + 1));
      fiche.nodeIds.push(removed.id);
      fiches.set(actionId, fiche);
    }
  }
  for (const [actionId, { target, codes, nodeIds }] of fiches) {
    const measuresBefore = measuresOf(actionId);
    for (const nodeId of nodeIds) db.prepare('DELETE FROM action_measures WHERE action_id = ? AND node_id = ?').run(actionId, nodeId);
    db.prepare('INSERT OR IGNORE INTO action_measures (action_id, node_id) VALUES (?, ?)').run(actionId, target.id);
    db.prepare('UPDATE actions SET updated_at = ? WHERE id = ?').run(now, actionId);
    record('action', actionId, 'update', { measures: measuresBefore }, { measures: measuresOf(actionId) });
    const which = codes.length === 1 ? `l’action ${codes[0]} n’existe` : `les actions ${codes.slice(0, -1).join(', ')} et ${codes.at(-1)} n’existent`;
    const text = `Rattachement corrigé : ${which} pas dans le plan de 2021. La fiche est rattachée à la ${target.label.toLowerCase()} « ${target.title} ».`;
    const entryId = randomUUID();
    db.prepare(
      `INSERT INTO journal_entries (id, action_id, entry_on, text, status, meteo, meteo_reason, progress, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)`,
    ).run(entryId, actionId, today, text, now, now);
    const entry = { id: entryId, actionId, entryOn: today, text, status: null, meteo: null, meteoReason: null, progress: null, createdAt: now, updatedAt: now };
    record('journal_entry', entryId, 'create', null, entry);
  }
  for (const { removed, target } of removedNodes) {
    for (const child of db.prepare('SELECT * FROM catalogue_nodes WHERE parent_id = ?').all(removed.id) as FullRow[]) {
      db.prepare('UPDATE catalogue_nodes SET parent_id = ?, updated_at = ? WHERE id = ?').run(target.id, now, child.id);
      record('catalogue_node', child.id, 'update', nodeSnapshot(child), nodeSnapshot(nodeById.get(child.id) as FullRow));
    }
    db.prepare('DELETE FROM catalogue_nodes WHERE id = ?').run(removed.id);
    record('catalogue_node', removed.id, 'delete', nodeSnapshot(removed), null);
  }
}

const migration: Migration = {
  name: 'plan-2021-and-pilote',
  up(db) {
    db.exec(`
      ALTER TABLE catalogue_nodes ADD COLUMN short_title TEXT;
      ALTER TABLE catalogue_nodes ADD COLUMN pilot TEXT;
    `);
    remapMeteos(db);
    // A new commission has no catalogue yet at this point: it gets the shipped one after migrating.
    correctCatalogue(db, new Date().toISOString());
  },
};
export default migration;
