/**
 * Migration 0002 on a commission of the released first schema, made the way Maillage made it: the
 * first catalogue (test/fixtures/catalogue-v1, as shipped, with the invented A14 and A15), fiches on
 * A14 and A15, a local sub-measure under A14, a wording the commission corrected, and météos of
 * the first scale in fiches, journal entries and the change log. Opened through the app's own path.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { LATEST_VERSION, migrate } from '../../src/main/db/migrate';
import { catalogueTree } from '../../src/main/features/measures/catalogue';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { recordHistory } from '../../src/main/commission-file/history';
import { CommissionSession } from '../../src/main/commission-file/session';
import { stableId } from '../../src/main/features/measures/stable-id';
import { cli } from '../helpers/cli';
import plan2021v1 from '../fixtures/catalogue-v1/plan2021.json';
import snsp2024v1 from '../fixtures/catalogue-v1/snsp2024.json';

const at = '2025-06-01T08:00:00.000Z';
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-0002-'));
  file = join(dir, 'commission-33.maillage');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const id = (code: string) => stableId(code);

/** A version-1 commission as Maillage 1 created it, with the catalogue it shipped. */
function firstSchemaCommission(fill: (db: Db) => void): void {
  const db = new Database(file);
  migrate(db, 1);
  db.prepare("INSERT INTO commission VALUES (1, 'CDLP de la Gironde', '33', NULL, NULL, ?, ?)").run(at, at);
  [plan2021v1, snsp2024v1].forEach((f, index) => {
    db.prepare('INSERT INTO frameworks VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id(f.code), f.code, f.title, f.shortTitle, f.presentedOn, f.description, f.version, index);
    f.nodes.forEach((n, order) =>
      db
        .prepare('INSERT INTO catalogue_nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)')
        .run(id(n.code), id(f.code), n.parent && id(n.parent), n.code, n.kind, n.label, n.title, n.source, n.reconstructed ? 1 : 0, order, at, at),
    );
  });
  db.prepare("INSERT INTO partners VALUES ('p1', 'Amicale du Nid', 'association_sortie', '[]', NULL, NULL, NULL, NULL, NULL, NULL, ?, ?)").run(at, at);
  fill(db);
  db.close();
}

function addFiche(db: Db, ficheId: string, code: string, meteo: string | null, measures: string[], journal: [string, string | null][]): void {
  db.prepare("INSERT INTO actions VALUES (?, ?, ?, NULL, NULL, 'p1', 'en_cours', ?, NULL, 40, '2025-01-01', '2026-12-31', NULL, NULL, ?, ?)").run(
    ficheId,
    code,
    `Fiche ${code}`,
    meteo,
    at,
    at,
  );
  // Codes of national nodes, or the id of a local one.
  for (const m of measures) db.prepare('INSERT INTO action_measures VALUES (?, ?)').run(ficheId, m.includes('-') ? id(m) : m);
  journal.forEach(([on, m], k) =>
    db.prepare("INSERT INTO journal_entries VALUES (?, ?, ?, 'Point', 'en_cours', ?, NULL, 40, ?, ?)").run(`${ficheId}-j${k}`, ficheId, on, m, at, at),
  );
}

async function open(): Promise<{ db: Db; session: CommissionSession }> {
  const session = new CommissionSession(join(dir, 'data'), undefined, () => new Date('2026-03-05T13:30:00Z'));
  const status = await session.open(file);
  expect(status.commission?.name).toBe('CDLP de la Gironde');
  const { db } = session.require();
  expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  return { db, session };
}

const measuresOf = (db: Db, ficheId: string) =>
  db.prepare('SELECT n.code FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id WHERE am.action_id = ? ORDER BY n.code').pluck().all(ficheId);

describe('migration 0002 on a commission of the first schema', () => {
  it('re-attaches fiches on A14 and A15 to Priorité 5, says why in their journal and in the history, and removes the invented actions', async () => {
    firstSchemaCommission((db) => {
      addFiche(db, 'f14', 'FA-014', 'soleil', ['PLAN2021-A14'], [['2025-02-01', 'soleil']]);
      addFiche(db, 'f15', 'FA-015', 'orage', ['PLAN2021-A15', 'PLAN2021-A5', 'SNSP2024-M25'], [['2025-02-01', 'orage']]);
      addFiche(db, 'f5', 'FA-005', null, ['PLAN2021-A5'], []);
      addFiche(db, 'fboth', 'FA-099', null, ['PLAN2021-A14', 'PLAN2021-A15'], []);
    });
    const { db, session } = await open();

    expect(db.prepare("SELECT count(*) FROM catalogue_nodes WHERE code IN ('PLAN2021-A14', 'PLAN2021-A15')").pluck().get()).toBe(0);
    expect(db.prepare("SELECT code FROM catalogue_nodes n WHERE framework_id = ? AND kind = 'mesure' ORDER BY sort_order").pluck().all(id('PLAN2021'))).toHaveLength(13);
    expect(measuresOf(db, 'f14')).toEqual(['PLAN2021-P5']);
    expect(measuresOf(db, 'f15')).toEqual(['PLAN2021-A5', 'PLAN2021-P5', 'SNSP2024-M25']);
    expect(measuresOf(db, 'f5')).toEqual(['PLAN2021-A5']);
    expect(measuresOf(db, 'fboth')).toEqual(['PLAN2021-P5']);

    const entries = db.prepare('SELECT action_id, entry_on, text, status, meteo, progress FROM journal_entries WHERE text LIKE ? ORDER BY action_id').all('Rattachement corrigé%');
    expect(entries).toEqual([
      expect.objectContaining({ action_id: 'f14', entry_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), status: null, meteo: null, progress: null }),
      expect.objectContaining({ action_id: 'f15', status: null, meteo: null, progress: null }),
      expect.objectContaining({ action_id: 'fboth', status: null, meteo: null, progress: null }),
    ]);
    const texts = entries.map((e) => (e as { text: string }).text);
    expect(texts[0]).toContain('l’action A14 n’existe pas dans le plan de 2021');
    expect(texts[1]).toContain('l’action A15 n’existe pas dans le plan de 2021');
    expect(texts[1]).toContain('priorité 5 « S’organiser pour répondre aux défis »');
    expect(texts[2]).toContain('les actions A14 et A15 n’existent pas dans le plan de 2021');
    // The entry changes no state: the fiche keeps its status, météo and progress.
    expect(db.prepare("SELECT status, meteo, progress FROM actions WHERE id = 'f15'").get()).toEqual({ status: 'en_cours', meteo: 'orage', progress: 40 });

    const log = db.prepare('SELECT entity, entity_id, op, before, after FROM change_log ORDER BY seq').all() as { entity: string; entity_id: string; op: string; before: string | null; after: string | null }[];
    const reattached = log.find((l) => l.entity === 'action' && l.entity_id === 'f14')!;
    expect(JSON.parse(reattached.before!).measures.map((m: { code: string }) => m.code)).toEqual(['PLAN2021-A14']);
    expect(JSON.parse(reattached.after!).measures.map((m: { code: string }) => m.code)).toEqual(['PLAN2021-P5']);
    expect(log.filter((l) => l.entity === 'journal_entry' && l.op === 'create')).toHaveLength(3);
    expect(log.filter((l) => l.entity === 'catalogue_node' && l.op === 'delete').map((l) => JSON.parse(l.before!).code)).toEqual(['PLAN2021-A14', 'PLAN2021-A15']);

    // The history dialog of the fiche reads it.
    const history = recordHistory(db, 'action', 'f14');
    expect(JSON.stringify(history)).toContain('PLAN2021-P5');
    session.close();

    const check = await cli('check', '--db', file);
    expect(check.stdout).toContain('Aucun problème détecté');
    expect(check.code).toBe(0);
  });

  it('keeps a local sub-measure made under A14, with its fiche, under Priorité 5', async () => {
    firstSchemaCommission((db) => {
      db.prepare(
        "INSERT INTO catalogue_nodes VALUES ('local1', ?, ?, 'PLAN2021-A14-L1', 'sous_mesure', 'A14.1', 'Comité départemental de suivi', 'Sous-mesure locale ajoutée par la commission.', 0, 1, NULL, 99, ?, ?)",
      ).run(id('PLAN2021'), id('PLAN2021-A14'), at, at);
      addFiche(db, 'fl', 'FA-100', 'nuageux', ['local1'], []);
    });
    const { db, session } = await open();
    expect(db.prepare("SELECT parent_id, label, title, is_local FROM catalogue_nodes WHERE id = 'local1'").get()).toEqual({
      parent_id: id('PLAN2021-P5'),
      label: 'A14.1',
      title: 'Comité départemental de suivi',
      is_local: 1,
    });
    expect(measuresOf(db, 'fl')).toEqual(['PLAN2021-A14-L1']);
    const tree = catalogueTree(db);
    const p5 = tree[0]!.nodes.find((n) => n.code === 'PLAN2021-P5')!;
    expect(p5.children.map((c) => c.label)).toEqual(['A14.1']);
    expect(p5.summary).toMatchObject({ count: 1, meteo: 'couvert' });
    expect(db.prepare("SELECT count(*) FROM change_log WHERE entity = 'catalogue_node' AND entity_id = 'local1' AND op = 'update'").pluck().get()).toBe(1);
    session.close();
  });

  it('gives national nodes the corrected wording, but keeps the wording the commission corrected', async () => {
    firstSchemaCommission((db) => {
      db.prepare("UPDATE catalogue_nodes SET title = 'Agir sur les réseaux sociaux du département', source_note = 'Corrigé en séance' WHERE code = 'PLAN2021-A6'").run();
    });
    const { db, session } = await open();
    const node = (code: string) => db.prepare('SELECT title, short_title, pilot, source_note, reconstructed FROM catalogue_nodes WHERE code = ?').get(code) as Record<string, unknown>;
    expect(node('PLAN2021-A6')).toEqual({ title: 'Agir sur les réseaux sociaux du département', short_title: null, pilot: null, source_note: 'Corrigé en séance', reconstructed: 0 });
    expect(node('PLAN2021-A7')).toMatchObject({ short_title: 'Optimiser la prise en charge des fugues par les professionnels', reconstructed: 0 });
    expect(node('PLAN2021-A7').title).toContain('mise en place dans chaque commissariat');
    expect(node('SNSP2024-M15')).toMatchObject({ title: 'Prévenir les risques prostitutionnels en sensibilisant les jeunes du secondaire', pilot: 'Éducation nationale – DGESCO' });
    expect(node('SNSP2024-AXE1')).toMatchObject({ reconstructed: 0 });
    expect(node('SNSP2024-AXE1').source_note).toContain('résumé officiel');
    expect(db.prepare("SELECT description, catalogue_version FROM frameworks WHERE code = 'PLAN2021'").get()).toEqual({
      description: expect.stringContaining('13 actions'),
      catalogue_version: 2,
    });
    // A new commission and an upgraded one now hold the same national catalogue.
    const titles = db.prepare('SELECT code, title, short_title, pilot FROM catalogue_nodes WHERE is_local = 0 AND code <> ? ORDER BY code').all('PLAN2021-A6');
    session.close();
    const fresh = createCommissionDatabase(join(dir, 'fresh.maillage'), { departmentCode: '33', name: null }, new Date(at));
    expect(fresh.prepare('SELECT code, title, short_title, pilot FROM catalogue_nodes WHERE is_local = 0 AND code <> ? ORDER BY code').all('PLAN2021-A6')).toEqual(titles);
    fresh.close();
  });

  it('moves météos by rank onto PILOTE’s scale in fiches, journal entries and the history’s snapshots', async () => {
    firstSchemaCommission((db) => {
      addFiche(db, 'f1', 'FA-001', 'nuageux', ['PLAN2021-A1'], [
        ['2025-01-01', 'soleil'],
        ['2025-02-01', 'nuageux'],
        ['2025-03-01', 'couvert'],
        ['2025-04-01', 'orage'],
        ['2025-05-01', null],
      ]);
      addFiche(db, 'f2', 'FA-002', 'couvert', ['PLAN2021-A2'], []);
      addFiche(db, 'f3', 'FA-003', 'soleil', ['PLAN2021-A3'], []);
      addFiche(db, 'f4', 'FA-004', 'orage', ['PLAN2021-A4'], []);
      const snapshot = (meteo: string) => JSON.stringify({ id: 'f1', title: 'Fiche', meteo, journal: [{ id: 'j', meteo: 'couvert', text: 'Le ciel est couvert' }] });
      db.prepare("INSERT INTO change_log (at, entity, entity_id, op, before, after) VALUES (?, 'action', 'f1', 'update', ?, ?)").run(at, snapshot('couvert'), snapshot('nuageux'));
      db.prepare("INSERT INTO change_log (at, entity, entity_id, op, before, after) VALUES (?, 'journal_entry', 'f1-j1', 'create', NULL, ?)").run(at, JSON.stringify({ meteo: 'nuageux', text: 'x' }));
    });
    const { db, session } = await open();
    expect(db.prepare('SELECT id, meteo FROM actions ORDER BY id').all()).toEqual([
      { id: 'f1', meteo: 'couvert' },
      { id: 'f2', meteo: 'nuage' },
      { id: 'f3', meteo: 'soleil' },
      { id: 'f4', meteo: 'orage' },
    ]);
    expect(db.prepare("SELECT meteo FROM journal_entries WHERE action_id = 'f1' ORDER BY entry_on").pluck().all()).toEqual(['soleil', 'couvert', 'nuage', 'orage', null]);
    const [update, create] = db.prepare("SELECT before, after FROM change_log WHERE entity_id IN ('f1', 'f1-j1') ORDER BY seq").all() as { before: string | null; after: string | null }[];
    expect(JSON.parse(update!.before!)).toEqual({ id: 'f1', title: 'Fiche', meteo: 'nuage', journal: [{ id: 'j', meteo: 'nuage', text: 'Le ciel est couvert' }] });
    expect(JSON.parse(update!.after!).meteo).toBe('couvert');
    expect(JSON.parse(create!.after!)).toEqual({ meteo: 'couvert', text: 'x' });
    // The history shows the words of the new scale.
    const history = recordHistory(db, 'action', 'f1');
    expect(JSON.stringify(history)).toContain('Nuage');
    expect(JSON.stringify(history)).not.toContain('Nuageux');
    session.close();
  });
});
