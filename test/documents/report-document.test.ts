/**
 * The progress report as a partner gets it: generated through the router, opened by LibreOffice. Every document
 * the tests read is made and converted once, before them (one LibreOffice start per font set), and no test
 * changes what another reads: they pass in any order.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/main/features/demo';
import type { ReportListItem } from '../../src/shared/model/reports';
import { convertAllToPdf, pdfPageCount, pdfText, pdfToPngs, type FontSet } from '../helpers/libreoffice';
import { sampleLogoPng } from '../helpers/logo';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { typographyDefects } from '../helpers/typography-check';

const run = promisify(execFile);
const ARTIFACTS = join('test-artifacts', 'documents');
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** Arial's metric twin, as partners' LibreOffice and Word lay out; and DejaVu, wider, on a machine without Arial. */
const FONTS: FontSet[] = ['liberation', 'dejavu'];

/** The page on which annex A starts: the main document is what comes before. */
function annexPage(pdfText: string): number {
  const pages = pdfText.split('\f');
  return pages.findIndex((page) => /^Annexe A – Les fiches actions en une ligne$/m.test(page)) + 1;
}

/** The parts of a .docx (a zip), with the first bytes of each, read by unzip as any user could. */
async function zipParts(file: string): Promise<string[]> {
  const { stdout } = await run('unzip', ['-Z1', file]);
  return stdout.split('\n').filter(Boolean);
}

async function zipPart(file: string, part: string): Promise<Buffer> {
  const { stdout } = await run('unzip', ['-p', file, part], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

describe('progress report opened by LibreOffice', () => {
  let t: TestRouter;
  let out: string;
  let report: ReportListItem;
  /** A shorter report: only the network, the directory with contacts, for other recipients. */
  let short: ReportListItem;
  let text: string;
  let pdf: string;
  /** The text of annex B (the detailed cards) and of the short report. */
  let cards: string;
  let shortText: string;
  /** The raw text (lines and page breaks kept) and the page count with each font set. */
  const byFont = new Map<FontSet, { raw: string; pages: number }>();

  beforeAll(async () => {
    t = createTestRouter({ now: '2026-03-05T13:30:00.000Z' });
    out = mkdtempSync(join(tmpdir(), 'maillage-report-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    await t.session.create({ departmentCode: '33', name: null }, t.clock.now());
    generateDemo(t.session.require().db, { size: 'small', today: t.clock.now() });
    const logo = join(out, 'logo.png');
    writeFileSync(logo, sampleLogoPng());
    t.os.queueOpenFile(logo);
    await t.call('settings.chooseLogo');

    t.os.queueSaveFile(join(out, 'bilan.docx'));
    report = (await t.call('reports.generate', { from: '2025-01-01', to: '2025-12-31', detailed: true, directory: true }))!;
    copyFileSync(report.filePath, join(ARTIFACTS, 'bilan-avancement.docx'));
    t.clock.advance(60_000);
    t.os.queueSaveFile(join(out, 'court.docx'));
    short = (await t.call('reports.generate', { from: '2025-07-01', to: '2025-12-31', sections: ['reseau'], directory: true, includeContacts: true, recipients: 'Aux partenaires du réseau' }))!;
    for (const fonts of FONTS) {
      const dir = join(out, fonts);
      mkdirSync(dir);
      // With Liberation, annex B and the short report too, in the same LibreOffice run.
      const others = fonts === 'liberation' ? [join(out, 'bilan – fiches détaillées.docx'), short.filePath] : [];
      const [converted, ...otherPdfs] = await convertAllToPdf([report.filePath, ...others], dir, fonts);
      byFont.set(fonts, { raw: await pdfText(converted!), pages: await pdfPageCount(converted!) });
      await pdfToPngs(converted!, join(ARTIFACTS, `bilan-avancement-${fonts}`));
      if (fonts === 'liberation') {
        pdf = converted!;
        cards = flat(await pdfText(otherPdfs[0]!));
        shortText = flat(await pdfText(otherPdfs[1]!));
      }
    }
    text = flat(byFont.get('liberation')!.raw);
  }, 240_000);

  afterAll(() => {
    t.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it('is saved where the user chose, opened, and kept in the list of reports', async () => {
    // The first save dialog and the first file opened: the report's, generated first.
    expect(t.os.dialogs.find((d) => d.kind === 'save')).toMatchObject({ title: 'Enregistrer le bilan d’avancement', defaultName: 'bilan-avancement-2025-01-01-au-2025-12-31.docx' });
    expect(t.os.openedPaths[0]).toBe(report.filePath);
    expect(report).toMatchObject({ title: 'Bilan d’avancement – année 2025', fromOn: '2025-01-01', toOn: '2025-12-31', fileExists: true });
    expect(await t.call('reports.list')).toContainEqual(report);
  });

  it('reads as a report: cover, a sommaire with page numbers, the essentials, every part, annex A', async () => {
    for (const expected of [
      'Bilan d’avancement',
      'Année 2025',
      'Période du 1er janvier 2025 au 31 décembre 2025',
      // The demo's préfète is a woman (Paramètres): the cover addresses her so.
      'À l’attention de Madame la préfète, présidente de la commission',
      'Département : Gironde',
      '1. L’essentiel',
      'Comparaison avec la période précédente de même durée : année 2024',
      'Fiches actions suivies',
      'Fiches actions par statut, en fin de période',
      'Météo des fiches restant à mener, en fin de période',
      'une météo favorable (soleil ou couvert)',
      'Fiches en difficulté (suspendues, en retard ou sous une météo nuage ou orage)',
      'Plan national de lutte contre la prostitution des mineurs',
      'Priorité 1 – Sensibiliser, informer et mieux connaître',
      'Objectif 1 – Sensibiliser, communiquer, prévenir et repérer',
      'Fiches en difficulté',
      'Parcours de sortie de la prostitution',
      'Personnes en parcours le dernier jour',
      'Personnes en parcours de sortie, à la fin de chaque mois',
      'Séances de la commission',
      'Suites à donner encore ouvertes',
      'Protocoles et conventions',
      'Signés pendant la période',
      'Réseau partenarial',
      'Membres de la commission',
      'Décisions attendues de la commission',
      'Annexe A – Les fiches actions en une ligne',
      'Gironde – bilan d’avancement, année 2025',
    ]) {
      expect(text).toContain(expected);
    }
    // The sommaire's page references are computed by LibreOffice: « 1. L’essentiel …… 3 ».
    expect(text).toMatch(/Sommaire 1\. L’essentiel\.+ ?3 /);
    expect(text).toMatch(/Page 2 sur \d+/);
    // A data-as-of line only while the period runs; 2025 is over on 5 March 2026.
    expect(text).not.toContain('Données arrêtées');
    // Full cards and the directory are in their own files, not here.
    expect(text).not.toContain('Journal de la période');
    expect(text).not.toMatch(/@[a-z-]+\.(fr|org)/);
  });

  it('is short with either font set, and its typography holds: no date, number or code cut across lines', () => {
    for (const fonts of FONTS) {
      const { raw, pages } = byFont.get(fonts)!;
      expect(pages, fonts).toBeLessThanOrEqual(20);
      expect(annexPage(raw), fonts).toBeGreaterThan(3);
      expect(typographyDefects(raw, { figureCells: true }), fonts).toEqual([]);
    }
  });

  it('writes annex B beside it, each card named again on the pages it runs onto, and the directory as a spreadsheet', async () => {
    const detailed = join(out, 'bilan – fiches détaillées.docx');
    const directory = join(out, 'bilan – annuaire.xlsx');
    expect(existsSync(detailed)).toBe(true);
    expect(cards).toContain('Bilan d’avancement – fiches actions détaillées');
    expect(cards).toContain('Journal de la période');
    expect(cards).toMatch(/FA-\d+ – /);
    // The head row of a card is a repeated table header: Word and LibreOffice print it on each page the card spans.
    const xml = (await zipPart(detailed, 'word/document.xml')).toString('utf8');
    expect(xml).toContain('<w:tblHeader/>');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(directory);
    const sheet = book.getWorksheet('Annuaire')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Structure');
    expect(sheet.rowCount).toBeGreaterThan(20);
  });

  it('embeds the charts and the logo as real PNG images, with alternative text, and links its sommaire', async () => {
    const file = report.filePath;
    const media = (await zipParts(file)).filter((p) => p.startsWith('word/media/'));
    // Logo, status and météo charts, indicators, and one progress chart per framework.
    expect(media.length).toBeGreaterThanOrEqual(6);
    for (const part of media) expect((await zipPart(file, part)).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const xml = (await zipPart(file, 'word/document.xml')).toString('utf8');
    expect(xml).toContain('descr="Fiches actions par statut :');
    // The météo chart reads on PILOTE's scale, best first, each weather with its meaning.
    expect(xml).toMatch(/descr="Météo des fiches restant à mener : [^"]*soleil \(objectifs sécurisés\) \d+, couvert \(objectifs atteignables\) \d+, nuage \(appuis nécessaires\) \d+, orage \(objectifs compromis\) \d+, non renseignée \d+/);
    expect(xml).toContain('w:anchor="partie_1"');
    expect(xml).toContain('PAGEREF partie_1');
    // A chart keeps with its note, never with the next part's heading: chained to it, it went over to the next page
    // with the heading and left a third of the page blank. Nor does a mention keep with what follows by itself.
    const paragraphs = xml.match(/<w:p>.*?<\/w:p>/g)!;
    const figures = paragraphs.flatMap((p, k) => (p.includes('w:val="Figure"') ? [[p, paragraphs[k + 1]!] as const] : []));
    expect(figures.length).toBe(media.length - 1);
    for (const [figure, next] of figures) expect(figure.includes('<w:keepNext/>'), next.slice(0, 120)).toBe(next.includes('w:val="MetaText"'));
    expect(figures.some(([, next]) => next.includes('w:val="MetaText"'))).toBe(true);
    // Nor does an axis's summary keep with the next axis when it has no table (SNSP axes 1–3): chained, the four went over together.
    const keptMentions = paragraphs.flatMap((p, k) => (p.includes('w:val="MetaText"') && p.includes('<w:keepNext/>') ? [paragraphs[k + 1]!] : []));
    expect(keptMentions.length).toBeGreaterThan(0);
    expect(keptMentions.filter((next) => /w:val="Heading\d"/.test(next))).toEqual([]);
    const styles = (await zipPart(file, 'word/styles.xml')).toString('utf8');
    for (const id of ['Figure', 'MetaText']) expect(styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`))?.[0], id).not.toContain('keepNext');
    // No « update the fields? » question when Word opens it (Protected View would refuse it anyway).
    expect((await zipPart(file, 'word/settings.xml')).toString('utf8')).not.toContain('<w:updateFields/>');
    const core = (await zipPart(file, 'docProps/core.xml')).toString('utf8');
    expect(core).toContain('Bilan d’avancement – année 2025');
    expect(core).toContain('Maillage');
  });

  it('leaves out what the user unticks and adds contacts when asked', async () => {
    expect(short.filePath).toBe(join(out, 'court.docx'));
    expect(shortText).toContain('2d semestre 2025');
    expect(shortText).toContain('Aux partenaires du réseau');
    expect(shortText).toContain('1. Réseau partenarial');
    expect(shortText).not.toContain('L’essentiel');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, 'court – annuaire.xlsx'));
    expect(JSON.stringify(book.getWorksheet('Annuaire')!.getSheetValues())).toMatch(/@[a-z-]+\.(fr|org)/);
    expect(existsSync(join(out, 'court – fiches détaillées.docx'))).toBe(false);
    // The latest first.
    const titles = (await t.call('reports.list')).map((r) => r.title);
    expect(titles.indexOf('Bilan d’avancement – 2d semestre 2025')).toBeLessThan(titles.indexOf('Bilan d’avancement – année 2025'));
    expect(await pdfPageCount(pdf)).toBeGreaterThan(await pdfPageCount(join(out, 'liberation', 'court.pdf')));
  });

  it('reopens a report of the list, says plainly when its file is gone, and takes it off the list', async () => {
    // A report of its own, since its file is deleted: the others' documents stay as the other tests read them.
    t.os.queueSaveFile(join(out, 'supprime.docx'));
    const gone = (await t.call('reports.generate', { from: '2025-01-01', to: '2025-06-30', sections: ['reseau'] }))!;
    expect(await t.call('reports.open', { id: gone.id })).toEqual({ path: gone.filePath });
    expect(t.os.openedPaths.at(-1)).toBe(gone.filePath);
    rmSync(gone.filePath);
    expect((await t.call('reports.list')).find((r) => r.id === gone.id)?.fileExists).toBe(false);
    const error = await t.callError('reports.open', { id: gone.id });
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('n’existe plus à cet endroit');
    await t.call('reports.remove', { id: gone.id });
    expect((await t.call('reports.list')).map((r) => r.id)).not.toContain(gone.id);
    expect(existsSync(report.filePath)).toBe(true);
  });

  it('refuses a period that ends before it starts, and writes nothing when the dialog is cancelled', async () => {
    const error = await t.callError('reports.preview', { from: '2025-12-31', to: '2025-01-01' });
    expect(error.message).toBe('Saisie à corriger : La fin de la période doit suivre son début.');
    const before = (await t.call('reports.list')).length;
    t.os.queueSaveFile(null);
    expect(await t.call('reports.generate', { from: '2025-01-01', to: '2025-12-31' })).toBeNull();
    expect((await t.call('reports.list')).length).toBe(before);
  });

  it('previews the same counts the document shows', async () => {
    const preview = await t.call('reports.preview', { from: '2025-01-01', to: '2025-12-31' });
    expect(preview.periodLabel).toBe('année 2025');
    expect(preview.counts.actions).toBeGreaterThan(0);
    expect(text).toContain(`Fiches actions suivies ${preview.counts.actions}`);
    expect(readFileSync(join(out, 'court.docx')).subarray(0, 2).toString()).toBe('PK');
  });
});
