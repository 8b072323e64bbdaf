import ExcelJS from 'exceljs';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogueNode, Framework } from '../../src/shared/model/measures';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;

beforeEach(async () => {
  t = createTestRouter({ now: '2026-03-05T10:00:00.000Z' });
  await t.call('app.createCommission', { departmentCode: '33', name: null });
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;

function flatten(nodes: CatalogueNode[]): CatalogueNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

async function nodeByCode(code: string): Promise<CatalogueNode> {
  const tree = await t.call('catalogue.tree');
  const node = tree.flatMap((f) => flatten(f.nodes)).find((n) => n.code === code);
  if (!node) throw new Error(`no node ${code}`);
  return node;
}

async function partner(name: string) {
  return t.call('partners.create', { name, type: 'association_sortie' });
}

describe('fiches actions through the router', () => {
  it('creates a fiche attached to A5, and the tree counts it on A5, Priorité 2 and the plan', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    const m16 = await nodeByCode('SNSP2024-M16');
    const pilot = await partner('Amicale du Nid');
    const helper = await partner('CIDFF');
    const created = await t.call('actions.create', {
      title: 'Repérage dans les hôtels de Bordeaux',
      measureIds: [a5.id, m16.id, a5.id],
      pilotPartnerId: pilot.id,
      partnerIds: [helper.id, pilot.id],
      startsOn: '2026-01-15',
      endsOn: '2026-12-31',
      budget: '12 500,50',
      status: 'en_cours',
      meteo: 'couvert',
      meteoReason: 'Deux hôtels sur cinq seulement ont répondu.',
      progress: 20,
    });
    expect(created.code).toBe('FA-001');
    expect(created.budget).toBe(12500.5);
    expect(created.measures.map((m) => m.code)).toEqual(['PLAN2021-A5', 'SNSP2024-M16']);
    expect(created.pilot?.name).toBe('Amicale du Nid');
    // The pilot is not also a contributor.
    expect(created.partners.map((p) => p.name)).toEqual(['CIDFF']);
    // The first journal entry holds the initial state, dated from the start.
    expect(created.journal).toHaveLength(1);
    expect(created.journal[0]).toMatchObject({ entryOn: '2026-01-15', status: 'en_cours', meteo: 'couvert', progress: 20 });

    const tree = await t.call('catalogue.tree');
    const plan = tree.find((f) => f.code === 'PLAN2021')!;
    const p2 = plan.nodes.find((n) => n.code === 'PLAN2021-P2')!;
    expect(plan.summary).toMatchObject({ count: 1, status: 'en_cours', meteo: 'couvert', progress: 20 });
    expect(p2.summary.count).toBe(1);
    expect(p2.children.find((n) => n.code === 'PLAN2021-A5')!.summary.count).toBe(1);
    expect(p2.children.find((n) => n.code === 'PLAN2021-A4')!.summary.count).toBe(0);
    expect(tree.find((f) => f.code === 'SNSP2024')!.summary.count).toBe(1);

    const changes = db().prepare("SELECT op FROM change_log WHERE entity = 'action'").pluck().all();
    expect(changes).toEqual(['create']);
  });

  it('follows the latest journal entry and goes back when it is deleted', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    const fiche = await t.call('actions.create', { title: 'Maraudes numériques', measureIds: [a5.id], startsOn: '2026-01-01', meteo: 'soleil' });
    expect(fiche).toMatchObject({ status: 'a_lancer', meteo: 'soleil', progress: 0 });

    let detail = await t.call('journal.create', { actionId: fiche.id, entryOn: '2026-02-10', text: 'Lancement avec la brigade.', status: 'en_cours', progress: 30 });
    expect(detail).toMatchObject({ status: 'en_cours', meteo: 'soleil', progress: 30 });
    // An older entry does not override a newer one.
    detail = await t.call('journal.create', { actionId: fiche.id, entryOn: '2026-01-20', text: 'Réunion préparatoire.', status: 'suspendue', meteo: 'orage', meteoReason: 'Pas de financement.' });
    expect(detail).toMatchObject({ status: 'en_cours', meteo: 'orage', meteoReason: 'Pas de financement.', progress: 30 });
    expect(detail.journal.map((e) => e.entryOn)).toEqual(['2026-02-10', '2026-01-20', '2026-01-01']);

    const latest = detail.journal[0]!;
    detail = await t.call('journal.update', { id: latest.id, entryOn: '2026-02-10', text: 'Lancement avec la brigade.', status: 'realisee', progress: 100 });
    expect(detail).toMatchObject({ status: 'realisee', progress: 100 });
    detail = await t.call('journal.delete', { id: latest.id });
    expect(detail).toMatchObject({ status: 'suspendue', meteo: 'orage', progress: 0 });

    const list = await t.call('actions.list');
    expect(list[0]).toMatchObject({ status: 'suspendue', meteo: 'orage', lastEntryOn: '2026-01-20' });
  });

  it('refuses bad input with French messages and writes nothing', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    const before = db().prepare('SELECT count(*) FROM change_log').pluck().get();
    const noMeasure = await t.callError('actions.create', { title: 'Sans mesure', measureIds: [] });
    expect(noMeasure.details?.[0]).toEqual({ path: 'measureIds', message: 'Rattachez la fiche à au moins une mesure ou un axe d’un cadre national.' });
    const dates = await t.callError('actions.create', { title: 'Dates', measureIds: [a5.id], startsOn: '2026-05-01', endsOn: '2026-04-01' });
    expect(dates.details).toEqual([{ path: 'endsOn', message: 'La date de fin précède la date de début.' }]);
    const budget = await t.callError('actions.create', { title: 'Budget', measureIds: [a5.id], budget: 'beaucoup' });
    expect(budget.details?.[0]?.message).toBe('Montant invalide (exemple : 12 500,50).');
    const progress = await t.callError('actions.create', { title: 'Avancement', measureIds: [a5.id], progress: 140 });
    expect(progress.details?.[0]?.path).toBe('progress');
    const unknown = await t.callError('actions.create', { title: 'Mesure inconnue', measureIds: ['5b0c7f3e-2f0a-4b8e-9d7c-1a2b3c4d5e6f'] });
    expect(unknown.code).toBe('not_found');
    expect(db().prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before);
    expect(db().prepare('SELECT count(*) FROM actions').pluck().get()).toBe(0);
  });

  it('flags an indicator behind its straight path, and the dashboard lists it', async () => {
    const a4 = await nodeByCode('PLAN2021-A4');
    const fiche = await t.call('actions.create', { title: 'Former les professionnels', measureIds: [a4.id], status: 'en_cours', endsOn: '2026-03-20' });
    let detail = await t.call('indicators.create', {
      actionId: fiche.id,
      name: 'Professionnels formés',
      unit: 'personnes',
      baseline: 0,
      baselineOn: '2026-01-01',
      target: '100',
      targetOn: '2026-12-31',
    });
    const indicator = detail.indicators[0]!;
    expect(indicator.assessment.kind).toBe('no_value');
    // On 1 July the path stands near 50: 30 is behind.
    detail = await t.call('indicators.addValue', { indicatorId: indicator.id, measuredOn: '2026-07-01', value: '30' });
    expect(detail.indicators[0]!.assessment).toMatchObject({ kind: 'behind', latest: { value: 30 } });
    const board = await t.call('dashboard.get');
    expect(board.indicatorsBehind.map((i) => i.name)).toEqual(['Professionnels formés']);
    expect(board.endingSoon.map((a) => a.title)).toEqual(['Former les professionnels']);
    expect(board.overdue).toEqual([]);
    expect(board.frameworks.find((f) => f.code === 'PLAN2021')!.summary.byStatus.en_cours).toBe(1);

    detail = await t.call('indicators.addValue', { indicatorId: indicator.id, measuredOn: '2026-08-01', value: 70 });
    expect(detail.indicators[0]!.assessment.kind).toBe('on_track');
    expect((await t.call('dashboard.get')).indicatorsBehind).toEqual([]);

    const bad = await t.callError('indicators.create', { actionId: fiche.id, name: 'Sans échéance', target: 10 });
    expect(bad.details).toEqual([{ path: 'targetOn', message: 'Indiquez à quelle date la cible doit être atteinte.' }]);

    // After its end date the fiche is overdue.
    t.clock.set('2026-03-25T10:00:00Z');
    expect((await t.call('dashboard.get')).overdue.map((a) => a.title)).toEqual(['Former les professionnels']);
    expect((await t.call('actions.list'))[0]!.overdue).toBe(true);
  });

  it('exports the fiches shown to CSV (; and BOM) and to .xlsx with real dates', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    const first = await t.call('actions.create', { title: 'Repérage ; hôtels « Bordeaux »', measureIds: [a5.id], startsOn: '2026-01-15', budget: 1500.5 });
    const second = await t.call('actions.create', { title: '=Formule piégée', measureIds: [a5.id] });
    const csv = join(t.dir, 'export.csv');
    t.os.queueSaveFile(csv);
    expect(await t.call('actions.export', { format: 'csv', ids: [second.id, first.id] })).toEqual({ path: csv, count: 2 });
    expect(t.os.openedPaths).toEqual([csv]);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFRéférence;Intitulé;')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[1]).toMatch(/^FA-002;'=Formule piégée;/);
    expect(lines[2]).toContain('"Repérage ; hôtels « Bordeaux »"');
    expect(lines[2]).toContain(';15/01/2026;');
    expect(lines[2]).toContain(';1500,50;');

    const xlsx = join(t.dir, 'export.xlsx');
    t.os.queueSaveFile(xlsx);
    await t.call('actions.export', { format: 'xlsx', ids: [first.id] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('Fiches actions')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Référence');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const start = sheet.getRow(2).getCell(9);
    expect(start.value).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(start.numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(2).getCell(12).value).toBe(1500.5);

    t.os.queueSaveFile(null);
    expect(await t.call('actions.export', { format: 'csv', ids: [first.id] })).toBeNull();
  });
});

describe('catalogue upkeep', () => {
  it('corrects a wording, adds and deletes a local sub-measure', async () => {
    const a6 = await nodeByCode('PLAN2021-A6');
    expect(a6.shortTitle).toBe('Agir sur les réseaux sociaux (maraudes numériques, repérage, modération et signalement)');
    const fixed = await t.call('catalogue.updateNode', {
      id: a6.id,
      label: 'Action 6',
      title: 'Agir sur les réseaux sociaux',
      shortTitle: '',
      pilot: 'Ministère de l’Intérieur',
      sourceNote: 'Vérifié',
    });
    expect(fixed).toMatchObject({ title: 'Agir sur les réseaux sociaux', shortTitle: null, pilot: 'Ministère de l’Intérieur', sourceNote: 'Vérifié' });
    const local = await t.call('catalogue.addLocalMeasure', { parentId: a6.id, label: 'A6.1', title: 'Veille départementale' });
    expect(local).toMatchObject({ code: 'PLAN2021-A6-L1', kind: 'sous_mesure', isLocal: true });
    const fiche = await t.call('actions.create', { title: 'Comité', measureIds: [local.id] });
    expect((await nodeByCode('PLAN2021-A6')).summary.count).toBe(1);
    expect((await t.callError('catalogue.deleteLocalMeasure', { id: local.id })).message).toContain('rattachée à 1 fiche action');
    expect((await t.callError('catalogue.deleteLocalMeasure', { id: a6.id })).code).toBe('conflict');
    await t.call('actions.delete', { id: fiche.id });
    await t.call('catalogue.deleteLocalMeasure', { id: local.id });
    expect(db().prepare("SELECT count(*) FROM catalogue_nodes WHERE is_local = 1").pluck().get()).toBe(0);
  });

  it('deletes only local sub-measures: a national measure without fiches or sub-measures stays', async () => {
    const a1 = await nodeByCode('PLAN2021-A1');
    expect(a1).toMatchObject({ isLocal: false, children: [], summary: { count: 0 } });
    const refused = await t.callError('catalogue.deleteLocalMeasure', { id: a1.id });
    expect(refused).toMatchObject({ code: 'conflict', message: 'Seules les sous-mesures locales peuvent être supprimées ; une mesure nationale se corrige.' });
    expect((await nodeByCode('PLAN2021-A1')).id).toBe(a1.id);
    expect(db().prepare("SELECT count(*) FROM change_log WHERE entity = 'catalogue_node'").pluck().get()).toBe(0);
  });

  it('imports an updated catalogue: updated, added, retired while used, removed otherwise', async () => {
    const a5 = await nodeByCode('PLAN2021-A5');
    const a6 = await nodeByCode('PLAN2021-A6');
    await t.call('actions.create', { title: 'Repérage', measureIds: [a5.id] });
    const local = await t.call('catalogue.addLocalMeasure', { parentId: a6.id, label: 'A6.1', title: 'Veille locale' });

    const file = JSON.parse(readFileSync('resources/catalogue/plan2021.json', 'utf8')) as { version: number; nodes: { code: string; title: string; parent: string | null }[] };
    file.version = 2;
    file.nodes = file.nodes.filter((n) => !['PLAN2021-A5', 'PLAN2021-A6', 'PLAN2021-A7'].includes(n.code));
    // Bidi and zero-width characters a file may carry are removed as it is read.
    file.nodes.find((n) => n.code === 'PLAN2021-A4')!.title = 'Former tous les\u200B professionnels de première\u202E ligne';
    file.nodes.push({ code: 'PLAN2021-A16', parent: 'PLAN2021-P5', title: 'Évaluer le plan', kind: 'mesure', label: 'Action 16', source: 'Test', reconstructed: false } as never);
    const path = join(t.dir, 'plan2021-v2.json');
    writeFileSync(path, JSON.stringify(file));

    const before = db().prepare('SELECT count(*) FROM catalogue_nodes').pluck().get();
    t.os.queueOpenFile(path);
    const preview = await t.call('catalogue.previewImport');
    expect(preview!.fileName).toBe('plan2021-v2.json');
    expect(preview!.report.frameworks[0]).toMatchObject({
      code: 'PLAN2021',
      isNew: false,
      added: ['PLAN2021-A16'],
      updated: ['PLAN2021-A4'],
      retired: ['PLAN2021-A5', 'PLAN2021-A6'],
      removed: ['PLAN2021-A7'],
    });
    // The preview wrote nothing.
    expect(db().prepare('SELECT count(*) FROM catalogue_nodes').pluck().get()).toBe(before);
    expect((await nodeByCode('PLAN2021-A4')).title).toBe('Développer la formation des professionnels');

    await t.call('catalogue.applyImport', { token: preview!.token });
    expect((await nodeByCode('PLAN2021-A4')).title).toBe('Former tous les professionnels de première ligne');
    expect((await nodeByCode('PLAN2021-A5')).retiredAt).not.toBeNull();
    expect((await nodeByCode('PLAN2021-A6-L1')).isLocal).toBe(true);
    expect(db().prepare("SELECT count(*) FROM catalogue_nodes WHERE code = 'PLAN2021-A7'").pluck().get()).toBe(0);
    expect(db().prepare("SELECT catalogue_version FROM frameworks WHERE code = 'PLAN2021'").pluck().get()).toBe(2);
    expect((await t.callError('catalogue.applyImport', { token: preview!.token })).code).toBe('not_found');
    // A retired measure cannot take new fiches.
    const refused = await t.callError('actions.create', { title: 'Nouvelle', measureIds: [(await nodeByCode('PLAN2021-A5')).id] });
    expect(refused.message).toContain('retirée du catalogue national');
    expect(local.code).toBe('PLAN2021-A6-L1');
  });

  it('refuses a broken catalogue with a report per node, and round-trips its own export', async () => {
    const broken = { code: 'PLAN2021', title: 'Plan', shortTitle: 'Plan', nodes: [{ code: 'X1', parent: 'NOPE', kind: 'mesure', label: 'X', title: 'Y' }, { code: 'X2', parent: null, kind: 'truc', label: 'X', title: '' }] };
    const path = join(t.dir, 'broken.json');
    writeFileSync(path, JSON.stringify(broken));
    t.os.queueOpenFile(path);
    const error = await t.callError('catalogue.previewImport');
    expect(error.code).toBe('validation');
    expect(error.details!.map((d) => d.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Nœud n° 2 \(X2\) : Type de nœud inconnu/), expect.stringMatching(/^Nœud n° 2 \(X2\) : Intitulé manquant/)]),
    );
    writeFileSync(path, JSON.stringify({ ...broken, nodes: [broken.nodes[0]] }));
    t.os.queueOpenFile(path);
    expect((await t.callError('catalogue.previewImport')).message).toContain('son parent NOPE doit figurer avant lui');
    writeFileSync(path, '{ pas du json');
    t.os.queueOpenFile(path);
    expect((await t.callError('catalogue.previewImport')).message).toContain('pas du JSON valide');
    // A file of gigabytes is refused from its size, never read.
    truncateSync(path, 1_900_000_000);
    t.os.queueOpenFile(path);
    expect((await t.callError('catalogue.previewImport')).message).toBe('Ce fichier est bien trop gros pour être un catalogue de mesures.');

    const a6 = await nodeByCode('PLAN2021-A6');
    await t.call('catalogue.addLocalMeasure', { parentId: a6.id, label: 'A6.1', title: 'Veille locale' });
    const out = join(t.dir, 'catalogue.json');
    t.os.queueSaveFile(out);
    await t.call('catalogue.export');
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { frameworks: Framework[] };
    expect(exported.frameworks.map((f) => f.code)).toEqual(['PLAN2021', 'SNSP2024']);
    t.os.queueOpenFile(out);
    const preview = await t.call('catalogue.previewImport');
    for (const f of preview!.report.frameworks) expect(f).toMatchObject({ added: [], updated: [], retired: [], removed: [] });
    // 5 priorities, 13 actions and the local sub-measure; the short titles and the pilot go and come back.
    expect(preview!.report.frameworks[0]!.unchanged).toBe(19);
    const m15 = exported.frameworks[1]!.nodes.find((n) => n.code === 'SNSP2024-M15') as unknown as { pilot: string };
    expect(m15.pilot).toBe('Éducation nationale – DGESCO');
  });
});
