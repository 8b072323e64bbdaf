/**
 * The yearly return to the State on the large demo: its package is accepted by its own validator, and
 * each of its figures is the bilan's for the same year, read back from the bilan's own view model, the partners'
 * answer rate of the campaign covering the year included.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCommissionFile, type OpenedCommission } from '../../src/main/commission-file/open';
import { mapPreview, mapReport } from '../../src/main/documents/report/mapper';
import { readReportData } from '../../src/main/features/reports/reports';
import { renderStateReturn, writeStateReturn, type StateReturnFiles } from '../../src/main/features/state-return/package';
import { validateStateReturn } from '../../src/main/features/state-return/validate';
import { createCampaign } from '../../src/main/features/returns/campaigns';
import { campaignCreate } from '../../src/shared/schemas/returns';
import { meetingKinds, partnerTypes } from '../../src/shared/labels';
import { reportOptions } from '../../src/shared/schemas/reports';
import { CAMPAIGN_ANSWERED, CAMPAIGN_ASKED, INDICATORS, type StateReturnRow } from '../../src/shared/state-return';
import { copyDemo } from '../helpers/demo-files';
import { parisYear } from '../helpers/clock';

const now = new Date();
const year = parisYear(-1, now);
let dir: string;
let opened: OpenedCommission;
let files: StateReturnFiles;
let rows: StateReturnRow[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-state-return-'));
  const file = copyDemo('large', now, dir);
  // A campaign of returns covering the year, answered by some of the structures asked (two out of three).
  const writing = await openCommissionFile(file, { access: 'write' });
  try {
    createCampaign(writing.db, campaignCreate.parse({ name: `Bilan ${year}`, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, deadlineOn: `${year + 1}-01-31`, replyTo: 'cdlp@example.fr' }), now);
    writing.db.prepare(`UPDATE return_requests SET answered_on = '${year + 1}-01-15' WHERE rowid % 3 != 0`).run();
  } finally {
    writing.close();
  }
  opened = await openCommissionFile(file, { access: 'read' });
  const rendered = await renderStateReturn(opened.db, file, year, now);
  files = rendered.files;
  rows = rendered.stateReturn.rows;
  mkdirSync(join(dir, 'remontee'));
  await writeStateReturn(join(dir, 'remontee'), files);
}, 120_000);
afterAll(() => {
  opened?.close();
  rmSync(dir, { recursive: true, force: true });
});

const value = (id: string, y = year, valueType = 'realise') => {
  const row = rows.find((r) => r.indicator_id === id && r.date === `${y}-12-31` && r.value_type === valueType);
  if (!row) throw new Error(`no row ${id} ${y} ${valueType}`);
  return row.value;
};
const integer = (text: string) => Number(text.replace(/\D/g, ''));

describe('the yearly return on the large demo', () => {
  it('is accepted by its own validator, which reads back the very rows written', async () => {
    const checked = await validateStateReturn(join(dir, 'remontee', 'datapackage.json'));
    expect(checked.errors).toEqual([]);
    expect(checked.zone).toBe('D33');
    expect(checked.year).toBe(year);
    expect(checked.rows).toEqual(rows);
    // Every fixed indicator, for the year and the one before; counts only.
    for (const y of [year, year - 1]) for (const d of INDICATORS.filter((i) => !i.optional)) expect(() => value(d.id, y)).not.toThrow();
    expect(rows.every((r) => Number.isInteger(r.value) && r.value >= 0)).toBe(true);
  });

  it('gives the bilan’s figures of the same year: parcours, sessions, protocols, network, axis 4 measures', () => {
    const data = readReportData(opened.db, opened.path, now);
    const options = reportOptions.parse({ from: `${year}-01-01`, to: `${year}-12-31` });
    const view = mapReport(data, options);
    const preview = mapPreview(data, options);

    // Parcours: the bilan's table, column « year » (then the previous year).
    const parcours = new Map(view.parcours!.table.rows.map((r) => [r[0]!.trim(), r]));
    const bilan = (label: string, column = 1) => integer(parcours.get(label)![column]!);
    for (const [label, id] of [
      ['Premières demandes reçues', 'parcours_premieres_demandes'],
      ['Demandes de renouvellement reçues', 'parcours_renouvellements'],
      ['Avis favorables de la commission', 'parcours_avis_favorables'],
      ['Avis défavorables', 'parcours_avis_defavorables'],
      ['Demandes ajournées', 'parcours_avis_ajournes'],
      ['Autorisations du préfet', 'parcours_autorisations'],
      ['Refus du préfet', 'parcours_refus'],
      ['Personnes en parcours le dernier jour', 'parcours_personnes_en_parcours'],
      ['Sorties de parcours', 'parcours_sorties'],
      ['Personnes entrées en parcours, en cumul', 'parcours_personnes_entrees'],
      ['dont droit ouvert : AFIS (aide financière)', 'parcours_droits_afis'],
      ['dont droit ouvert : titre de séjour', 'parcours_droits_titre_sejour'],
      ['dont droit ouvert : hébergement / logement', 'parcours_droits_hebergement'],
      ['dont droit ouvert : insertion professionnelle', 'parcours_droits_insertion'],
    ] as const) {
      expect(value(id), label).toBe(bilan(label));
      expect(value(id, year - 1), `${label} (année précédente)`).toBe(bilan(label, 2));
    }
    expect(value('parcours_demandes')).toBe(preview.counts.parcoursRequests);

    // Sessions: the bilan's sentence « N séances tenues pendant la période : séance plénière (2), … ».
    const intro = view.sessions!.intro;
    expect(intro).toMatch(new RegExp(`^${value('seances_tenues')} séances tenues`));
    expect(value('seances_tenues')).toBe(preview.counts.sessions);
    for (const k of meetingKinds.codes) {
      const n = value(`seances_${k}`);
      if (n > 0) expect(intro).toContain(`${meetingKinds.labels[k].charAt(0).toLowerCase()}${meetingKinds.labels[k].slice(1)} (${n})`);
    }

    // Protocols signed; structures of the network by type.
    expect(value('protocoles_signes')).toBe(preview.counts.protocolsSigned);
    expect(value('reseau_structures')).toBe(preview.counts.partners);
    const byType = new Map(view.network!.byType.rows.map((r) => [r[0]!, integer(r[1]!)]));
    for (const t of partnerTypes.codes) expect(value(`reseau_structures_${t}`), t).toBe(byType.get(partnerTypes.labels[t]) ?? 0);

    // Axis 4: the bilan's table of the Stratégie 2024, one row per measure with its fiches.
    const measureRows = view.frameworks!.flatMap((f) => f.parts.flatMap((p) => p.tables.flatMap((t) => t.table.rows)));
    let checked = 0;
    for (let m = 15; m <= 25; m++) {
      const row = measureRows.find((r) => r[0]!.startsWith(`Mesure ${m} –`));
      expect(row, `Mesure ${m}`).toBeDefined();
      expect(value(`mineurs_m${m}_fiches`), `Mesure ${m}`).toBe(integer(row![1]!));
      checked += value(`mineurs_m${m}_fiches`);
    }
    // The partners' answer rate: the campaign the bilan quotes, « N structures ont répondu … sur M interrogées (P %). »
    const quoted = /(\d+) structures ont répondu à la campagne de remontées « .* » sur (\d+) interrogées \((\d+) %\)\./.exec(view.essentials!.join(' '));
    expect(quoted, view.essentials!.join('\n')).not.toBeNull();
    expect(value(CAMPAIGN_ANSWERED)).toBe(Number(quoted![1]));
    expect(value(CAMPAIGN_ASKED)).toBe(Number(quoted![2]));
    expect(Math.round((100 * value(CAMPAIGN_ANSWERED)) / value(CAMPAIGN_ASKED))).toBe(Number(quoted![3]));
    expect(value(CAMPAIGN_ANSWERED)).toBeGreaterThan(0);
    expect(value(CAMPAIGN_ANSWERED)).toBeLessThan(value(CAMPAIGN_ASKED));
    // No campaign covered the year before: the return says nothing of it rather than a zero.
    expect(() => value(CAMPAIGN_ASKED, year - 1)).toThrow();

    // The demo follows fiches under axis 4: the comparison is not between zeros.
    expect(checked).toBeGreaterThan(0);
    expect(value('parcours_premieres_demandes') + value('seances_tenues') + value('reseau_structures')).toBeGreaterThan(0);
  });

  it('writes a CSV for French Excel and a versioned Frictionless package describing it', () => {
    const csv = readFileSync(join(dir, 'remontee', files.names.csv), 'utf8');
    expect(csv.startsWith('\uFEFFindicator_id;indicator_label;zone_id;date;value_type;value\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rows.length + 1);
    const pkg = JSON.parse(readFileSync(join(dir, 'remontee', 'datapackage.json'), 'utf8')) as {
      version: string;
      resources: { path: string; dialect: { delimiter: string }; schema: { fields: { name: string; type: string }[]; primaryKey: string[] } }[];
    };
    expect(pkg.version).toBe('1.0.0');
    expect(pkg.resources[0]!.path).toBe(files.names.csv);
    expect(pkg.resources[0]!.dialect.delimiter).toBe(';');
    expect(pkg.resources[0]!.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['indicator_id:string', 'indicator_label:string', 'zone_id:string', 'date:date', 'value_type:string', 'value:integer']);
    expect(pkg.resources[0]!.schema.primaryKey).toEqual(['indicator_id', 'zone_id', 'date', 'value_type']);
    // Counts only: no reference of a request, no contact's name.
    const references = opened.db.prepare('SELECT reference FROM parcours_requests').pluck().all() as string[];
    const names = opened.db
      .prepare("SELECT last_name FROM contacts c WHERE length(last_name) > 3 AND NOT EXISTS (SELECT 1 FROM partners p WHERE instr(lower(p.name), lower(c.last_name))) LIMIT 500").pluck().all() as string[];
    expect(references.length).toBeGreaterThan(100);
    for (const text of [...references, ...names]) expect(csv, text).not.toContain(text);
  });
});
