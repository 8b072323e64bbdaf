/**
 * The bilan of a large commission stays short: the large demo's report of the current year (its
 * largest: every fiche still under way, sessions held and to come) opened by LibreOffice with each
 * font set, its pages counted by pdfinfo. The demo takes a few seconds to generate, LibreOffice a
 * few more per font set: cheap enough to check the real document rather than an estimate of it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/main/features/demo';
import { convertToPdf, pdfPageCount, pdfText, pdfToPngs, type FontSet } from '../helpers/libreoffice';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { typographyDefects } from '../helpers/typography-check';

const ARTIFACTS = join('test-artifacts', 'documents');
const FONTS: FontSet[] = ['liberation', 'dejavu'];
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('bilan of the large demo', () => {
  let t: TestRouter;
  let out: string;
  const pdfs = new Map<FontSet, { raw: string; pages: number }>();

  beforeAll(async () => {
    t = createTestRouter({ now: '2026-11-29T09:00:00.000Z' });
    out = mkdtempSync(join(tmpdir(), 'maillage-report-large-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    await t.session.create({ departmentCode: '33', name: null }, t.clock.now());
    generateDemo(t.session.require().db, { size: 'large', today: t.clock.now() });
    t.os.queueSaveFile(join(out, 'bilan-2026.docx'));
    const report = (await t.call('reports.generate', { from: '2026-01-01', to: '2026-12-31' }))!;
    for (const fonts of FONTS) {
      const dir = join(out, fonts);
      mkdirSync(dir);
      const pdf = await convertToPdf(report.filePath, dir, 120_000, fonts);
      pdfs.set(fonts, { raw: await pdfText(pdf), pages: await pdfPageCount(pdf) });
      await pdfToPngs(pdf, join(ARTIFACTS, `bilan-large-${fonts}`), 40);
    }
  }, 300_000);

  afterAll(() => {
    t.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it('is at most 40 pages with annex A, about 20 before it, with either font set', () => {
    for (const fonts of FONTS) {
      const { raw, pages } = pdfs.get(fonts)!;
      const annex = raw.split('\f').findIndex((page) => /^Annexe A – Les fiches actions en une ligne$/m.test(page)) + 1;
      expect(pages, fonts).toBeLessThanOrEqual(40);
      expect(annex, fonts).toBeGreaterThan(3);
      // The main document: the cover, the sommaire and the parts, before annex A.
      expect(annex - 1, fonts).toBeLessThanOrEqual(22);
    }
  });

  it('shows the objectives of the 2024 strategy, the parcours de sortie, the data date, and only the sessions held', () => {
    const text = flat(pdfs.get('liberation')!.raw);
    for (const expected of [
      'Données arrêtées au 29 novembre 2026',
      'Objectif 1 – Sensibiliser, communiquer, prévenir et repérer',
      'Objectif 2 – Orienter, accompagner et prendre en charge',
      'Objectif 3 – Améliorer la connaissance du phénomène',
      'Objectif 4 – Assurer une meilleure coordination au niveau local',
      'Parcours de sortie de la prostitution',
      // The year is under way: people in a parcours are counted on the day the data stop, not forecast on 31 December.
      'Personnes en parcours le 29/11/2026 (le dernier jour pour la période précédente)',
      'personnes en parcours au 29/11/2026.',
      'Les séances à venir ne sont pas comptées.',
      'la liste complète est en annexe A',
    ]) {
      expect(text).toContain(expected);
    }
    // The sessions table lists none after the day the report is produced.
    const sessions = pdfs.get('liberation')!.raw.split(/^\d+\. Séances de la commission$/m)[1]!.split(/^Suites à donner encore ouvertes$/m)[0]!;
    const dates = [...sessions.matchAll(/\b(\d{2})\/(\d{2})\/2026\b/g)].map((m) => `2026-${m[2]}-${m[1]}`);
    expect(dates.length).toBeGreaterThan(5);
    expect(dates.every((d) => d <= '2026-11-29')).toBe(true);
    // Nothing is « dépassé » that is still to come: the protocols' deadlines passed are all before that day.
    const passed = [...text.matchAll(/\b(\d{2})\/(\d{2})\/(\d{4}) Échéance dépassée/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`);
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.every((d) => d < '2026-11-29')).toBe(true);
    expect(text).toMatch(/\b(0[1-9]|[12]\d|3[01])\/12\/2026 Révision à venir/);
  });

  it('keeps French typography with either font set', () => {
    for (const fonts of FONTS) expect(typographyDefects(pdfs.get(fonts)!.raw, { figureCells: true }), fonts).toEqual([]);
  });
});
