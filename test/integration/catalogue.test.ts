import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/connection';
import { loadCatalogue, shippedCatalogue, type CatalogueFile } from '../../src/main/features/measures/catalogue';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { catalogueNodeKinds } from '../../src/shared/labels';

const now = new Date('2026-03-05T13:30:00.000Z');
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-'));
  db = createCommissionDatabase(join(dir, 'commission-33.maillage'), { departmentCode: '33', name: null }, now);
});

afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface NodeRow {
  id: string;
  code: string;
  parent_id: string | null;
  parent_code: string | null;
  framework_code: string;
  kind: string;
  label: string;
  title: string;
  source_note: string | null;
  reconstructed: number;
  is_local: number;
  retired_at: string | null;
  sort_order: number;
  created_at: string;
}

function nodes(): Map<string, NodeRow> {
  const rows = db
    .prepare(
      `SELECT n.*, p.code AS parent_code, f.code AS framework_code
       FROM catalogue_nodes n LEFT JOIN catalogue_nodes p ON p.id = n.parent_id JOIN frameworks f ON f.id = n.framework_id`,
    )
    .all() as NodeRow[];
  return new Map(rows.map((r) => [r.code, r]));
}

function node(code: string): NodeRow {
  const row = nodes().get(code);
  if (!row) throw new Error(`missing catalogue node ${code}`);
  return row;
}

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

describe('catalogue of a new commission', () => {
  it('holds both national frameworks, in order', () => {
    const frameworks = db.prepare('SELECT code, short_title, presented_on, catalogue_version, sort_order FROM frameworks ORDER BY sort_order').all();
    expect(frameworks).toEqual([
      { code: 'PLAN2021', short_title: 'Plan 2021', presented_on: '2021-11-15', catalogue_version: 2, sort_order: 0 },
      { code: 'SNSP2024', short_title: 'Stratégie 2024', presented_on: '2024-05-02', catalogue_version: 2, sort_order: 1 },
    ]);
  });

  it('has exactly the 13 actions of the 2021 plan, each under its priority; Priorité 5 has none and takes fiches itself', () => {
    const all = nodes();
    const actions = [...all.values()].filter((n) => n.framework_code === 'PLAN2021' && n.kind === 'mesure');
    expect(actions.map((n) => n.code).sort()).toEqual(range('PLAN2021-A', 1, 13).sort());
    for (const code of range('PLAN2021-A', 1, 13)) {
      const row = all.get(code);
      expect(row, code).toBeDefined();
      expect(row!.framework_code).toBe('PLAN2021');
      expect(row!.kind).toBe('mesure');
      expect(row!.parent_code).toMatch(/^PLAN2021-P[1-5]$/);
      expect(all.get(row!.parent_code!)!.kind).toBe('priorite');
    }
    expect(node('PLAN2021-A5').parent_code).toBe('PLAN2021-P2');
    expect(node('PLAN2021-A1').parent_code).toBe('PLAN2021-P1');
    expect(node('PLAN2021-A13').parent_code).toBe('PLAN2021-P4');
    expect(all.has('PLAN2021-A14')).toBe(false);
    expect(all.has('PLAN2021-A15')).toBe(false);
    expect([...all.values()].filter((n) => n.parent_code === 'PLAN2021-P5')).toEqual([]);
    expect(node('PLAN2021-P5').source_note).toContain('pas d’action numérotée');
    expect(db.prepare("SELECT description FROM frameworks WHERE code = 'PLAN2021'").pluck().get()).toContain('13 actions');
    expect([...all.values()].filter((n) => n.framework_code === 'PLAN2021' && n.kind === 'priorite').map((n) => n.code).sort()).toEqual(range('PLAN2021-P', 1, 5));
  });

  it('has measures 15 to 25 of the 2024 strategy under axis 4 and its objectives', () => {
    const all = nodes();
    for (const code of range('SNSP2024-M', 15, 25)) {
      const row = all.get(code);
      expect(row, code).toBeDefined();
      expect(row!.framework_code).toBe('SNSP2024');
      expect(row!.kind).toBe('mesure');
      const objective = all.get(row!.parent_code!)!;
      expect(objective.kind).toBe('objectif');
      expect(objective.parent_code).toBe('SNSP2024-AXE4');
    }
    expect(node('SNSP2024-M15').parent_code).toBe('SNSP2024-AXE4-O1');
    expect(node('SNSP2024-AXE4-O1').parent_code).toBe('SNSP2024-AXE4');
    expect(node('SNSP2024-AXE4').parent_code).toBeNull();
    expect(node('SNSP2024-AXE4').kind).toBe('axe');
    expect(all.has('SNSP2024-M14')).toBe(false);
    expect(all.has('SNSP2024-M26')).toBe(false);
  });

  it('marks reconstructed titles: M17–M25 among the measures, and nothing else', () => {
    const all = [...nodes().values()];
    const reconstructedMeasures = all
      .filter((n) => n.kind === 'mesure' && n.reconstructed === 1)
      .map((n) => n.code)
      .sort();
    expect(reconstructedMeasures).toEqual(range('SNSP2024-M', 17, 25).sort());
    for (const code of [...range('PLAN2021-A', 1, 13), 'SNSP2024-M15', 'SNSP2024-M16', 'SNSP2024-AXE4', 'SNSP2024-AXE4-O1']) {
      expect(node(code).reconstructed, code).toBe(0);
    }
    // Axes 1–3 take the official summary's wording, and say so.
    for (const code of ['SNSP2024-AXE1', 'SNSP2024-AXE2', 'SNSP2024-AXE3']) {
      expect(node(code).reconstructed, code).toBe(0);
      expect(node(code).source_note, code).toContain('résumé officiel');
    }
    expect(node('SNSP2024-AXE2').title).toBe('S’adapter aux nouvelles formes de la prostitution (prostitution en ligne et prostitution « logée »)');
  });

  it('gives condensed actions their official wording, the condensed form as a short title, and says so in the source note', () => {
    const a7 = node('PLAN2021-A7') as NodeRow & { short_title: string | null };
    expect(a7.title).toMatch(/^Optimiser la prise en charge des fugues par les professionnels \(mise en place dans chaque commissariat/);
    expect(a7.short_title).toBe('Optimiser la prise en charge des fugues par les professionnels');
    expect(a7.source_note).toContain('intitulé officiel');
    expect(a7.source_note).toContain('forme condensée');
    for (const code of ['PLAN2021-A5', 'PLAN2021-A6', 'PLAN2021-A7', 'PLAN2021-A10', 'PLAN2021-A11', 'PLAN2021-A12']) {
      const row = node(code) as NodeRow & { short_title: string | null };
      expect(row.short_title, code).toBeTruthy();
      expect(row.title.length, code).toBeGreaterThan(row.short_title!.length);
    }
    expect((node('PLAN2021-A1') as NodeRow & { short_title: string | null }).short_title).toBeNull();
  });

  it('puts M15’s national pilot in its own field, not in the title; M17–M25 say their number is inferred', () => {
    const m15 = node('SNSP2024-M15') as NodeRow & { pilot: string | null };
    expect(m15.title).toBe('Prévenir les risques prostitutionnels en sensibilisant les jeunes du secondaire');
    expect(m15.pilot).toBe('Éducation nationale – DGESCO');
    expect(m15.source_note).toContain('confirmés');
    for (const code of range('SNSP2024-M', 17, 25)) expect(node(code).source_note, code).toContain('numéro déduit de l’ordre du résumé');
  });

  it('stores national nodes as not local, not retired, with a source note and the creation time', () => {
    for (const row of nodes().values()) {
      expect(row.is_local, row.code).toBe(0);
      expect(row.retired_at, row.code).toBeNull();
      expect(row.source_note, row.code).toBeTruthy();
      expect(row.created_at, row.code).toBe(now.toISOString());
      expect(row.title.trim(), row.code).not.toBe('');
      expect(row.label.trim(), row.code).not.toBe('');
    }
  });

  it('matches the shipped files node for node, keeping their order', () => {
    for (const file of shippedCatalogue) {
      const rows = db
        .prepare('SELECT n.code, n.title, n.sort_order FROM catalogue_nodes n JOIN frameworks f ON f.id = n.framework_id WHERE f.code = ? ORDER BY n.sort_order')
        .all(file.code) as { code: string; title: string; sort_order: number }[];
      expect(rows.map((r) => r.code)).toEqual(file.nodes.map((n) => n.code));
      expect(rows.map((r) => r.title)).toEqual(file.nodes.map((n) => n.title));
    }
  });

  it('uses distinct name-based UUIDs, the same in every commission', () => {
    const ids = db.prepare('SELECT id FROM catalogue_nodes UNION ALL SELECT id FROM frameworks ORDER BY 1').pluck().all() as string[];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = openDatabase(join(dir, 'other.maillage'));
    loadCatalogue(other, new Date('2026-01-01T00:00:00.000Z'));
    expect(other.prepare('SELECT id FROM catalogue_nodes UNION ALL SELECT id FROM frameworks ORDER BY 1').pluck().all()).toEqual(ids);
    other.close();
  });

  it('cannot delete a node that still has children', () => {
    // ON DELETE RESTRICT reports itself as SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY.
    expect(() => db.prepare("DELETE FROM catalogue_nodes WHERE code = 'PLAN2021-P2'").run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(node('PLAN2021-A5').parent_code).toBe('PLAN2021-P2');
  });
});

describe('loadCatalogue', () => {
  it('refuses a file whose child comes before its parent, and the transaction leaves nothing behind', () => {
    const other = openDatabase(join(dir, 'empty.maillage'));
    try {
      const broken: CatalogueFile = {
        code: 'TEST',
        title: 'Test',
        shortTitle: 'Test',
        presentedOn: null,
        description: null,
        version: 1,
        nodes: [
          { code: 'TEST-M1', parent: 'TEST-AXE1', kind: 'mesure', label: 'Mesure 1', title: 'M', source: 's', reconstructed: false },
          { code: 'TEST-AXE1', parent: null, kind: 'axe', label: 'Axe 1', title: 'A', source: 's', reconstructed: false },
        ],
      };
      expect(() => other.transaction(() => loadCatalogue(other, now, [broken]))()).toThrow(/TEST-AXE1 must come before TEST-M1/);
      expect(other.prepare('SELECT count(*) FROM frameworks').pluck().get()).toBe(0);
      expect(other.prepare('SELECT count(*) FROM catalogue_nodes').pluck().get()).toBe(0);
    } finally {
      other.close();
    }
  });
});

describe('shipped catalogue files (resources/catalogue)', () => {
  const folder = fileURLToPath(new URL('../../resources/catalogue/', import.meta.url));
  const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
  const parsed = files.map((f) => ({ file: f, data: JSON.parse(readFileSync(join(folder, f), 'utf8')) as CatalogueFile }));

  it('are the files the app ships', () => {
    expect(files.sort()).toEqual(['plan2021.json', 'snsp2024.json']);
    expect(parsed.map((p) => p.data.code).sort()).toEqual(shippedCatalogue.map((f) => f.code).sort());
  });

  for (const { file, data } of parsed) {
    describe(file, () => {
      it('has the framework fields with the right types', () => {
        expect(typeof data.code).toBe('string');
        expect(data.title.length).toBeGreaterThan(0);
        expect(data.shortTitle.length).toBeGreaterThan(0);
        expect(data.presentedOn === null || /^\d{4}-\d{2}-\d{2}$/.test(data.presentedOn)).toBe(true);
        expect(Number.isInteger(data.version) && data.version >= 1).toBe(true);
        expect(data.nodes.length).toBeGreaterThan(0);
      });

      it('lists every parent before its children, within the same framework', () => {
        const seen = new Set<string>();
        for (const n of data.nodes) {
          if (n.parent !== null) expect(seen.has(n.parent), `${n.code} → ${n.parent}`).toBe(true);
          seen.add(n.code);
        }
      });

      it('has well-formed nodes: unique codes prefixed by the framework, known kinds, texts, boolean flags', () => {
        const codes = data.nodes.map((n) => n.code);
        expect(new Set(codes).size).toBe(codes.length);
        for (const n of data.nodes) {
          expect(n.code.startsWith(`${data.code}-`), n.code).toBe(true);
          expect(catalogueNodeKinds.codes, n.code).toContain(n.kind);
          expect(typeof n.label === 'string' && n.label.trim() === n.label && n.label.length > 0, n.code).toBe(true);
          expect(typeof n.title === 'string' && n.title.trim() === n.title && n.title.length > 0, n.code).toBe(true);
          expect(typeof n.source === 'string' && n.source.length > 0, n.code).toBe(true);
          expect(typeof n.reconstructed, n.code).toBe('boolean');
          const optional = ['pilot', 'shortTitle'].filter((k) => k in n);
          expect(Object.keys(n).sort(), n.code).toEqual(['code', 'kind', 'label', 'parent', 'reconstructed', 'source', 'title', ...optional].sort());
        }
      });

      it('only puts measures under a priority, axis or objective', () => {
        const kinds = new Map(data.nodes.map((n) => [n.code, n.kind]));
        for (const n of data.nodes) {
          if (n.parent === null) expect(['priorite', 'axe'], n.code).toContain(n.kind);
          else expect(['priorite', 'axe', 'objectif'], n.code).toContain(kinds.get(n.parent));
        }
      });
    });
  }

  it('has codes unique across frameworks (catalogue_nodes.code is UNIQUE)', () => {
    const codes = parsed.flatMap((p) => p.data.nodes.map((n) => n.code));
    expect(new Set(codes).size).toBe(codes.length);
  });
});
