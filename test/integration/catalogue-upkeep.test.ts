/**
 * The rules of the catalogue's upkeep, through the router on a real commission: local sub-measures (their codes,
 * their place, when they may go), corrected wordings, and the import of updated frameworks (what is checked in the
 * file, what is updated, added, retired or removed, and what the history keeps).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogueImportReport, CatalogueNode, Framework } from '../../src/shared/model/measures';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;

beforeEach(async () => {
  t = createTestRouter({ now: '2026-03-05T10:00:00.000Z' });
  await t.call('app.createCommission', { departmentCode: '33', name: null });
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;
const MISSING = '5b0c7f3e-2f0a-4b8e-9d7c-1a2b3c4d5e6f';

function flatten(nodes: CatalogueNode[]): CatalogueNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

async function nodeByCode(code: string): Promise<CatalogueNode> {
  const node = (await t.call('catalogue.tree')).flatMap((f) => flatten(f.nodes)).find((n) => n.code === code);
  if (!node) throw new Error(`no node ${code}`);
  return node;
}

async function hasNode(code: string): Promise<boolean> {
  return (await t.call('catalogue.tree')).flatMap((f) => flatten(f.nodes)).some((n) => n.code === code);
}

/** The operations the change log holds for one node, oldest first. */
function changes(id: string): string[] {
  return db().prepare("SELECT op FROM change_log WHERE entity = 'catalogue_node' AND entity_id = ? ORDER BY rowid").pluck().all(id) as string[];
}

interface FileNode {
  code: string;
  parent: string | null;
  kind: string;
  label: string;
  title: string;
  source?: string;
  reconstructed?: boolean;
}
interface FrameworkFile {
  code: string;
  title: string;
  shortTitle: string;
  version: number;
  nodes: FileNode[];
}

function shipped(name: 'plan2021' | 'snsp2024'): FrameworkFile {
  return JSON.parse(readFileSync(`resources/catalogue/${name}.json`, 'utf8')) as FrameworkFile;
}

let files = 0;
/** Writes `content` to a file the next open dialog picks, and previews its import. */
async function preview(content: unknown, raw = false) {
  const path = join(t.dir, `catalogue-${++files}.json`);
  writeFileSync(path, raw ? (content as string) : JSON.stringify(content));
  t.os.queueOpenFile(path);
  return (await t.call('catalogue.previewImport'))!;
}

async function importFile(content: unknown): Promise<CatalogueImportReport['frameworks'][number][]> {
  const { token } = await preview(content);
  return (await t.call('catalogue.applyImport', { token })).frameworks;
}

async function refused(content: unknown, raw = false) {
  const path = join(t.dir, `refused-${++files}.json`);
  writeFileSync(path, raw ? (content as string) : JSON.stringify(content));
  t.os.queueOpenFile(path);
  return t.callError('catalogue.previewImport');
}

async function fiche(title: string, measureIds: string[]) {
  return t.call('actions.create', { title, measureIds });
}

describe('the tree', () => {
  it('counts every fiche of a measure, and says which wordings were reconstructed', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    await fiche('Repérage dans les hôtels', [a5.id]);
    await fiche('Maraudes numériques', [a5.id]);
    expect((await nodeByCode('PLAN2021-A5')).summary.count).toBe(2);
    expect((await nodeByCode('PLAN2021-P2')).summary.count).toBe(2);
    expect((await nodeByCode('SNSP2024-M17')).reconstructed).toBe(true);
    expect((await nodeByCode('SNSP2024-M15')).reconstructed).toBe(false);
  });

  it('corrects the wording of a measure of either framework, and says when a measure no longer exists', async () => {
    const m15 = await nodeByCode('SNSP2024-M15');
    const fixed = await t.call('catalogue.updateNode', { id: m15.id, label: 'Mesure 15', title: 'Sensibiliser les élèves du secondaire', shortTitle: '', pilot: null, sourceNote: null });
    expect(fixed).toMatchObject({ id: m15.id, code: 'SNSP2024-M15', title: 'Sensibiliser les élèves du secondaire', pilot: null });
    expect(changes(m15.id)).toEqual(['update']);

    const gone = 'Cette mesure n’existe plus dans le catalogue.';
    const input = { id: MISSING, label: 'X', title: 'Y', shortTitle: '', pilot: null, sourceNote: null };
    expect(await t.callError('catalogue.updateNode', input)).toMatchObject({ code: 'not_found', message: gone });
    expect(await t.callError('catalogue.addLocalMeasure', { parentId: MISSING, label: 'X', title: 'Y' })).toMatchObject({ code: 'not_found', message: gone });
    expect(await t.callError('catalogue.deleteLocalMeasure', { id: MISSING })).toMatchObject({ code: 'not_found', message: gone });
  });
});

describe('local sub-measures', () => {
  it('take the next free code under their parent and come after its other children', async () => {
    const p2 = await nodeByCode('PLAN2021-P2');
    const first = await t.call('catalogue.addLocalMeasure', { parentId: p2.id, label: 'P2.1', title: 'Veille départementale' });
    const second = await t.call('catalogue.addLocalMeasure', { parentId: p2.id, label: 'P2.2', title: 'Comité des hôteliers' });
    expect([first.code, second.code]).toEqual(['PLAN2021-P2-L1', 'PLAN2021-P2-L2']);
    const children = (await nodeByCode('PLAN2021-P2')).children.map((c) => c.code);
    expect(children.slice(-2)).toEqual(['PLAN2021-P2-L1', 'PLAN2021-P2-L2']);
    expect(children.slice(0, -2)).toEqual(['PLAN2021-A4', 'PLAN2021-A5', 'PLAN2021-A6', 'PLAN2021-A7']);
    await t.call('catalogue.deleteLocalMeasure', { id: first.id });
    // The freed number is taken again.
    expect((await t.call('catalogue.addLocalMeasure', { parentId: p2.id, label: 'P2.3', title: 'Autre' })).code).toBe('PLAN2021-P2-L1');
  });

  it('are deleted only without fiches and without sub-measures of their own, each step in the history', async () => {
    const a6 = await nodeByCode('PLAN2021-A6');
    const local = await t.call('catalogue.addLocalMeasure', { parentId: a6.id, label: 'A6.1', title: 'Veille locale' });
    const below = await t.call('catalogue.addLocalMeasure', { parentId: local.id, label: 'A6.1.1', title: 'Veille des annonces' });
    expect(below.code).toBe('PLAN2021-A6-L1-L1');
    expect(await t.callError('catalogue.deleteLocalMeasure', { id: local.id })).toMatchObject({
      code: 'conflict',
      message: 'Cette sous-mesure a elle-même des sous-mesures : supprimez-les d’abord.',
    });

    const one = await fiche('Veille', [below.id]);
    const two = await fiche('Signalements', [below.id]);
    expect(await t.callError('catalogue.deleteLocalMeasure', { id: below.id })).toMatchObject({
      code: 'conflict',
      message: 'Cette sous-mesure est rattachée à 2 fiches actions : rattachez-les ailleurs avant de la supprimer.',
    });
    await t.call('actions.delete', { id: one.id });
    await t.call('actions.delete', { id: two.id });
    expect(await t.call('catalogue.deleteLocalMeasure', { id: below.id })).toMatchObject({ id: below.id });
    expect(await t.call('catalogue.deleteLocalMeasure', { id: local.id })).toMatchObject({ id: local.id });
    expect(await hasNode('PLAN2021-A6-L1')).toBe(false);
    expect(changes(below.id)).toEqual(['create', 'delete']);
  });

  it('cannot be added under a measure retired from the national catalogue', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    await fiche('Repérage', [a5.id]);
    const plan = shipped('plan2021');
    plan.nodes = plan.nodes.filter((n) => n.code !== 'PLAN2021-A5');
    await importFile(plan);
    expect(await t.callError('catalogue.addLocalMeasure', { parentId: a5.id, label: 'A5.1', title: 'Repérage local' })).toMatchObject({
      code: 'conflict',
      message: 'Cette mesure a été retirée du catalogue national : on ne peut plus y ajouter de sous-mesure.',
    });
  });
});

describe('importing an updated framework', () => {
  it('puts new nodes under their parents and leaves the others where they were', async () => {
    const plan = shipped('plan2021');
    plan.nodes.push({ code: 'PLAN2021-A16', parent: 'PLAN2021-P5', kind: 'mesure', label: 'Action 16', title: 'Évaluer le plan' });
    const [report] = await importFile(plan);
    expect(report).toMatchObject({ isNew: false, added: ['PLAN2021-A16'], updated: [], retired: [], removed: [] });
    const p5 = await nodeByCode('PLAN2021-P5');
    expect(p5.children.map((c) => c.code)).toEqual(['PLAN2021-A16']);
    expect(p5.parentId).toBeNull();
    expect((await nodeByCode('PLAN2021-A4')).parentId).toBe((await nodeByCode('PLAN2021-P2')).id);
    expect((await nodeByCode('PLAN2021-A1')).parentId).toBe((await nodeByCode('PLAN2021-P1')).id);
    const a16 = await nodeByCode('PLAN2021-A16');
    expect(changes(a16.id)).toEqual(['create']);
  });

  it('retires a measure still used once, and brings it back as an update', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    await fiche('Repérage', [a5.id]);
    const without = shipped('plan2021');
    without.nodes = without.nodes.filter((n) => n.code !== 'PLAN2021-A5');
    expect((await importFile(without))[0]).toMatchObject({ retired: ['PLAN2021-A5'], updated: [] });
    const retiredAt = (await nodeByCode('PLAN2021-A5')).retiredAt;
    expect(retiredAt).toBe('2026-03-05T10:00:00.000Z');

    t.clock.set('2026-04-01T10:00:00.000Z');
    expect((await importFile(without))[0]).toMatchObject({ retired: ['PLAN2021-A5'], updated: [] });
    expect((await nodeByCode('PLAN2021-A5')).retiredAt).toBe(retiredAt);
    expect(changes(a5.id)).toEqual(['update']);

    expect((await importFile(shipped('plan2021')))[0]).toMatchObject({ updated: ['PLAN2021-A5'], retired: [] });
    expect((await nodeByCode('PLAN2021-A5')).retiredAt).toBeNull();
    expect(changes(a5.id)).toEqual(['update', 'update']);
  });

  it('removes a whole axis no fiche uses, its measures before their objectives and the axis last', async () => {
    const strategy = shipped('snsp2024');
    const axis = strategy.nodes.filter((n) => n.code === 'SNSP2024-AXE4' || n.code.startsWith('SNSP2024-AXE4-') || /^SNSP2024-M(1[5-9]|2\d)$/.test(n.code));
    expect(axis.length).toBeGreaterThan(12);
    const m15 = await nodeByCode('SNSP2024-M15');
    strategy.nodes = strategy.nodes.filter((n) => !axis.includes(n));
    const [report] = await importFile(strategy);
    expect(report!.retired).toEqual([]);
    expect([...report!.removed].sort()).toEqual(axis.map((n) => n.code).sort());
    expect(report!.removed.at(-1)).toBe('SNSP2024-AXE4');
    expect(await hasNode('SNSP2024-AXE4')).toBe(false);
    expect(changes(m15.id)).toEqual(['delete']);
  });

  it('adds a framework of its own after the national ones', async () => {
    const [report] = await importFile({
      code: 'DEP33',
      title: 'Plan départemental de la Gironde',
      shortTitle: 'Plan 33',
      version: 1,
      nodes: [
        { code: 'DEP33-AXE1', parent: null, kind: 'axe', label: 'Axe 1', title: 'Prévenir' },
        { code: 'DEP33-M1', parent: 'DEP33-AXE1', kind: 'mesure', label: 'Mesure 1', title: 'Former les hôteliers' },
      ],
    });
    expect(report).toMatchObject({ code: 'DEP33', isNew: true, added: ['DEP33-AXE1', 'DEP33-M1'] });
    const tree: Framework[] = await t.call('catalogue.tree');
    expect(tree.map((f) => f.code)).toEqual(['PLAN2021', 'SNSP2024', 'DEP33']);
    expect(tree[2]).toMatchObject({ shortTitle: 'Plan 33', version: 1 });
    expect(tree[2]!.nodes[0]!.children.map((n) => n.code)).toEqual(['DEP33-M1']);
  });

  it('refuses the whole import when the commission changed since the preview, and writes nothing', async () => {
    const strategy = shipped('snsp2024');
    strategy.nodes.push({ code: 'PLAN2021-A6-L1', parent: 'SNSP2024-AXE4', kind: 'mesure', label: 'M', title: 'Mesure ajoutée' });
    const { token, report } = await preview(strategy);
    expect(report.frameworks[0]!.added).toEqual(['PLAN2021-A6-L1']);
    // Meanwhile a local sub-measure takes that code.
    await t.call('catalogue.addLocalMeasure', { parentId: (await nodeByCode('PLAN2021-A6')).id, label: 'A6.1', title: 'Veille locale' });
    const before = db().prepare('SELECT count(*) FROM change_log').pluck().get();
    await t.callError('catalogue.applyImport', { token });
    expect(db().prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before);
    expect((await nodeByCode('PLAN2021-A6-L1')).isLocal).toBe(true);
  });

  it('exports the catalogue without the retired measures, in its own format', async () => {
    await fiche('Repérage', [(await nodeByCode('PLAN2021-A5')).id]);
    const without = shipped('plan2021');
    without.nodes = without.nodes.filter((n) => n.code !== 'PLAN2021-A5');
    await importFile(without);
    const out = join(t.dir, 'export.json');
    t.os.queueSaveFile(out);
    await t.call('catalogue.export');
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { format: string; frameworks: { nodes: { code: string }[] }[] };
    expect(exported.format).toBe('maillage-catalogue');
    const codes = exported.frameworks[0]!.nodes.map((n) => n.code);
    expect(codes).toContain('PLAN2021-A4');
    expect(codes).not.toContain('PLAN2021-A5');
  });
});

describe('checking a catalogue file', () => {
  const prefix = 'Catalogue refusé, rien n’a été importé : ';

  it('reads a file that starts with a byte order mark, and only there', async () => {
    const { report } = await preview(`\uFEFF${JSON.stringify(shipped('plan2021'))}`, true);
    expect(report.frameworks[0]).toMatchObject({ code: 'PLAN2021', added: [], updated: [], removed: [] });
    expect((await refused(`{\uFEFF"code": "X"}`, true)).message).toBe('Ce fichier n’est pas un catalogue Maillage : son contenu n’est pas du JSON valide.');
  });

  it('refuses what is not a framework, naming the field at fault', async () => {
    for (const [content, got] of [['42', 'nombre reçu'], ['null', 'null reçu'], ['"catalogue"', 'chaîne de caractères reçu']]) {
      const error = await refused(content, true);
      expect(error).toMatchObject({ code: 'validation', message: `${prefix}Entrée invalide : objet attendu, ${got}` });
    }
    const noTitle = await refused({ ...shipped('plan2021'), title: '' });
    expect(noTitle.message).toBe(`${prefix}title : Le titre du cadre est obligatoire.`);
    expect(noTitle.details).toEqual([{ path: 'title', message: 'title : Le titre du cadre est obligatoire.' }]);
    const empty = await refused({ ...shipped('plan2021'), nodes: [] });
    expect(empty.message).toBe(`${prefix}nodes : Le cadre ne contient aucune mesure.`);
    const noCode = await refused({ ...shipped('plan2021'), nodes: [{ parent: null, kind: 'axe', label: 'Axe', title: 'Axe' }] });
    expect(noCode.message).toBe(`${prefix}Nœud n° 1 : Code manquant.`);
  });

  it('reports at most 50 problems, each with the node it concerns', async () => {
    const nodes = Array.from({ length: 60 }, (_, i) => ({ code: `X-${i}`, parent: null, kind: 'axe', label: 'X', title: '' }));
    const schema = await refused({ code: 'X', title: 'X', shortTitle: 'X', nodes });
    expect(schema.details).toHaveLength(50);
    expect(schema.details![0]).toEqual({ path: 'nodes.0.title', message: 'Nœud n° 1 (X-0) : Intitulé manquant.' });
    expect(schema.message).toBe(`${prefix}Nœud n° 1 (X-0) : Intitulé manquant.`);

    const twice = Array.from({ length: 60 }, () => ({ code: 'X-1', parent: null, kind: 'axe', label: 'X', title: 'X' }));
    const rules = await refused({ code: 'X', title: 'X', shortTitle: 'X', nodes: twice });
    expect(rules.details).toHaveLength(50);
    expect(rules.details![0]).toEqual({ path: 'nodes.1', message: 'Nœud n° 2 (X-1) du cadre X : ce code figure deux fois.' });
    expect(rules.message).toBe(`${prefix}Nœud n° 2 (X-1) du cadre X : ce code figure deux fois.`);
  });

  it('refuses a framework twice in one file, and a code that belongs to another framework', async () => {
    const plan = shipped('plan2021');
    const twice = await refused({ frameworks: [plan, plan] });
    expect(twice.details![0]).toEqual({ path: 'frameworks.1.code', message: 'Le cadre PLAN2021 figure deux fois dans le fichier.' });

    const strategy = shipped('snsp2024');
    strategy.nodes.push({ code: 'PLAN2021-A1', parent: 'SNSP2024-AXE4', kind: 'mesure', label: 'M', title: 'Mesure' });
    const taken = await refused({ frameworks: [strategy] });
    const at = strategy.nodes.length - 1;
    expect(taken.details).toEqual([
      { path: `frameworks.0.nodes.${at}`, message: `Nœud n° ${at + 1} (PLAN2021-A1) du cadre SNSP2024 : ce code appartient déjà au cadre PLAN2021.` },
    ]);
  });
});
