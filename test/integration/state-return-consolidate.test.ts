/**
 * Consolidation of yearly returns written by demo commissions of different départements (Nouvelle-Aquitaine,
 * Corse-du-Sud, Guadeloupe): every total equals the sum of its parts, the missing départements are named, the
 * latest of two returns of one département is kept and a broken one set aside; the synthesis opens in
 * LibreOffice with its map, and the workbook's totals are the sums of its columns.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCommissionFile } from '../../src/main/commission-file/open';
import { consolidate } from '../../src/main/features/state-return/consolidate';
import { renderStateReturn, writeStateReturn } from '../../src/main/features/state-return/package';
import { validateStateReturn } from '../../src/main/features/state-return/validate';
import { INDICATORS } from '../../src/shared/state-return';
import { cli } from '../helpers/cli';
import { parisYear } from '../helpers/clock';
import { copyDemo } from '../helpers/demo-files';
import { convertToPdf, pdfText, pdfToPngs } from '../helpers/libreoffice';

const now = new Date();
const year = parisYear(-1, now);
/** Nouvelle-Aquitaine has twelve départements; Haute-Vienne (87) sends nothing. */
const AQUITAINE = ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86'];
let dir: string;

/** Writes the return of a demo commission of `code` into `folder`. */
async function returnOf(code: string, folder: string): Promise<void> {
  const db = copyDemo('small', now, dir, { departmentCode: code, name: `${code}.maillage` });
  const opened = await openCommissionFile(db, { access: 'read' });
  try {
    const { files } = await renderStateReturn(opened.db, db, year, now);
    mkdirSync(folder, { recursive: true });
    await writeStateReturn(folder, files);
  } finally {
    opened.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-consolidate-'));
  for (const code of [...AQUITAINE, '2A', '971']) await returnOf(code, join(dir, 'toutes', code));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('consolidate', () => {
  it('consolidates a region: names the département that sent nothing, keeps the latest of two returns, sets a broken one aside', async () => {
    const region = join(dir, 'region');
    for (const code of AQUITAINE) cpSync(join(dir, 'toutes', code), join(region, 'envois', code), { recursive: true });
    // An older return of Gironde, in another folder: set aside as the earlier of two.
    const older = join(region, 'envois', 'ancien-33');
    cpSync(join(dir, 'toutes', '33'), older, { recursive: true });
    const pkg = JSON.parse(readFileSync(join(older, 'datapackage.json'), 'utf8')) as { created: string };
    writeFileSync(join(older, 'datapackage.json'), JSON.stringify({ ...pkg, created: '2026-01-05T09:00:00.000Z' }));
    // A return of Landes whose total was edited by hand, deep in a sub-folder.
    const broken = join(region, 'a-verifier', 'landes');
    cpSync(join(dir, 'toutes', '40'), broken, { recursive: true });
    const csvName = `remontee-annuelle-${year}-D40.csv`;
    writeFileSync(join(broken, csvName), readFileSync(join(broken, csvName), 'utf8').replace(/^(seances_tenues;[^\r]*;)(\d+)\r$/m, (_, head: string, n: string) => `${head}${Number(n) + 5}\r`));

    const c = await consolidate(region);
    expect(c.region?.name).toBe('Nouvelle-Aquitaine');
    expect(c.year).toBe(year);
    expect(c.returns.map((r) => r.departement.code)).toEqual(AQUITAINE);
    expect(c.missing.map((d) => `${d.code} ${d.name}`)).toEqual(['87 Haute-Vienne']);
    expect(c.duplicates).toHaveLength(1);
    expect(c.duplicates[0]).toMatch(/^2 remontées pour Gironde \(D33\) : la plus récente, envois\/33\/datapackage\.json \(.+\), est retenue ; envois\/ancien-33\/datapackage\.json \(05\/01\/2026\) est écartée\.$/);
    expect(c.setAside).toEqual([{ file: join('a-verifier', 'landes', 'datapackage.json'), reasons: [expect.stringMatching(/^Ligne \d+, colonne F \(value\) : le total « Séances tenues » vaut \d+, la somme de ses parties/)] }]);
  }, 120_000);

  it('consolidates twelve départements of the country: every total the sum of its parts, the synthesis with its map, the workbook with its totals', async () => {
    const country = join(dir, 'pays');
    const twelve = [...AQUITAINE.slice(0, 10), '2A', '971'];
    for (const code of twelve) cpSync(join(dir, 'toutes', code), join(country, code), { recursive: true });

    const c = await consolidate(country);
    expect(c.region).toBeNull();
    expect(c.returns.map((r) => r.departement.code)).toEqual(['16', '17', '19', '2A', '23', '24', '33', '40', '47', '64', '79', '971']);
    expect(c.missing).toHaveLength(101 - 12);
    expect(c.missing.map((d) => d.code)).toContain('87');
    expect(c.setAside).toEqual([]);

    // Each return read again on its own: the totals are their sums, and each total the sum of its parts.
    const each = await Promise.all(twelve.map((code) => validateStateReturn(join(country, code, 'datapackage.json'))));
    for (const d of INDICATORS) {
      const expected = each.reduce((n, r) => n + (r.rows.find((x) => x.indicator_id === d.id && x.date === `${year}-12-31` && x.value_type === 'realise')?.value ?? 0), 0);
      expect(c.totals.now.get(d.id), d.id).toBe(expected);
      if (d.parts) expect(d.parts.reduce((n, p) => n + c.totals.now.get(p)!, 0), d.id).toBe(c.totals.now.get(d.id));
    }
    expect(c.totals.now.get('seances_tenues')).toBeGreaterThan(0);

    const out = join(dir, 'sortie');
    mkdirSync(out);
    const r = await cli('consolidate', '--in', country, '--out', join(out, 'synthese.docx'), '--xlsx', join(out, 'synthese.xlsx'), '--map', 'parcours_premieres_demandes');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Consolidation ${year} (France entière) : 12 remontées retenues, 0 fichier écarté, 89 départements sans remontée.`);

    const pdf = await convertToPdf(join(out, 'synthese.docx'), out);
    await pdfToPngs(pdf, join(out, 'synthese'));
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(`Consolidation des remontées annuelles ${year}`);
    expect(text).toContain(`12 départements ont transmis une remontée valide pour ${year}, sur 101 départements ; 89 n’ont rien transmis.`);
    expect(text).toContain('Haute-Vienne (87)');
    // The map is a picture: its alternative text gives each département's figure.
    const xml = await (await JSZip.loadAsync(readFileSync(join(out, 'synthese.docx')))).file('word/document.xml')!.async('string');
    const alt = /descr="(Carte des départements[^"]*)"/.exec(xml)?.[1];
    expect(alt).toContain('« premières demandes reçues »');
    for (const r of c.returns) expect(alt).toContain(`${r.departement.code} ${r.now.get('parcours_premieres_demandes')}`);
    expect(alt).toContain('sans remontée : 01, 02');
    expect(text).toContain(`Premières demandes reçues, ${year}. Hachures : départements sans remontée. Fond de carte : MapSVG`);
    expect(text).toContain('licence CC BY 4.0.');
    expect(text).toContain(`Séances tenues ${c.totals.now.get('seances_tenues')}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'synthese.xlsx'));
    const sheet = workbook.getWorksheet(String(year))!;
    const header = sheet.getRow(3).values as (string | undefined)[];
    expect(header.slice(1, 5)).toEqual(['Indicateur', 'Identifiant', 'Total', '16 Charente']);
    expect(header).toContain('971 Guadeloupe');
    let checked = 0;
    sheet.eachRow((row, n) => {
      if (n <= 3) return;
      const cells = row.values as (number | string | null | undefined)[];
      const parts = cells.slice(4).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
      expect(cells[3], String(cells[2])).toBe(parts);
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(INDICATORS.length);
  }, 180_000);
});
