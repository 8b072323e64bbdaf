/**
 * The session documents of the large demo (100 sessions, plenaries of 20 and more members). The relevé
 * de décisions of the latest plenary is checked on every run; the four documents of every session, with
 * both font sets, only when MAILLAGE_LARGE_DEMO_DOCUMENTS=1 is set (800 conversions take minutes):
 * `MAILLAGE_LARGE_DEMO_DOCUMENTS=1 npx vitest run test/documents/large-demo-documents.test.ts`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { generateDemo } from '../../src/main/features/demo';
import { renderMeetingDocument } from '../../src/main/features/meetings/documents';
import type { MeetingDocumentKind } from '../../src/shared/schemas/meetings';
import { parisWallClock } from '../../src/shared/wallclock';
import { convertAllToPdf, pdfPageCount, pdfText, pdfToPngs, type FontSet } from '../helpers/libreoffice';
import { docxText } from '../helpers/docx-text';
import { midWordSplits, typographyDefects, wordsOf } from '../helpers/typography-check';

const FONTS: FontSet[] = ['liberation', 'dejavu'];
const KINDS: MeetingDocumentKind[] = ['compte_rendu', 'releve', 'convocation', 'emargement'];
const NOW = new Date('2026-03-05T10:00:00Z');
const ARTIFACTS = join('test-artifacts', 'documents');

let dir: string;
let file: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-large-docs-'));
  file = join(dir, 'demo.maillage');
  db = createCommissionDatabase(file, { departmentCode: '33', name: null }, NOW);
  generateDemo(db, { size: 'large', today: NOW });
}, 120_000);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the large demo’s session documents', () => {
  it('the relevé de décisions of the latest plenary holds on two pages at most, with either font set', async () => {
    const latest = db.prepare("SELECT id FROM meetings WHERE kind = 'pleniere' AND starts_at <= ? ORDER BY starts_at DESC LIMIT 1").pluck().get(parisWallClock(NOW)) as string;
    const members = db.prepare('SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?').pluck().get(latest) as number;
    // Every titulaire of that day's composition is convened (their suppléants are not), with the guests.
    const titulaires = db
      .prepare(
        `SELECT count(*) FROM seat_members m, meetings g WHERE g.id = ? AND m.role = 'titulaire'
           AND (m.from_on IS NULL OR m.from_on <= substr(g.starts_at, 1, 10)) AND (m.to_on IS NULL OR m.to_on > substr(g.starts_at, 1, 10))`,
      )
      .pluck()
      .get(latest) as number;
    expect(titulaires).toBeGreaterThanOrEqual(15);
    expect(members).toBeGreaterThanOrEqual(titulaires);
    const docx = join(dir, 'releve-pleniere.docx');
    writeFileSync(docx, (await renderMeetingDocument(db, file, latest, 'releve', NOW)).bytes);
    for (const fonts of FONTS) {
      const out = join(dir, fonts);
      mkdirSync(out, { recursive: true });
      const [pdf] = await convertAllToPdf([docx], out, fonts);
      const pages = await pdfPageCount(pdf!);
      console.info(`Relevé de décisions de la dernière plénière de la grande démo (${members} invités), ${fonts} : ${pages} page(s)`);
      expect(pages, fonts).toBeLessThanOrEqual(2);
      const text = await pdfText(pdf!);
      expect([...typographyDefects(text), ...midWordSplits(text, wordsOf(await docxText(readFileSync(docx))))]).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await pdfToPngs(pdf!, join(ARTIFACTS, `large-releve-${fonts}`));
    }
  }, 300_000);

  it('the letters of the latest plenary are one page each, numbered on their own, with either font set', async () => {
    const latest = db.prepare("SELECT id FROM meetings WHERE kind = 'pleniere' AND starts_at <= ? ORDER BY starts_at DESC LIMIT 1").pluck().get(parisWallClock(NOW)) as string;
    const docx = join(dir, 'lettres-pleniere.docx');
    writeFileSync(docx, (await renderMeetingDocument(db, file, latest, 'lettres', NOW)).bytes);
    for (const fonts of FONTS) {
      const out = join(dir, `letters-${fonts}`);
      mkdirSync(out, { recursive: true });
      const [pdf] = await convertAllToPdf([docx], out, fonts);
      const text = await pdfText(pdf!);
      expect(midWordSplits(text, wordsOf(await docxText(readFileSync(docx)))), fonts).toEqual([]);
      const pages = text.split('\f').map((p) => p.replace(/[\s\u00a0]+/g, ' ').trim()).filter(Boolean);
      expect(pages.length, fonts).toBeGreaterThanOrEqual(15);
      // Each page a whole letter: its « Objet », its closing, and « Page 1 » in its footer.
      for (const [n, page] of pages.entries()) {
        const where = `${fonts}, page ${n + 1}`;
        expect(page.match(/Objet :/g), where).toHaveLength(1);
        expect(page, where).toContain('considération distinguée.');
        expect(page, where).toMatch(/Page 1$/);
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      await pdfToPngs(pdf!, join(ARTIFACTS, `large-lettres-${fonts}`));
    }
  }, 300_000);

  it.skipIf(!process.env.MAILLAGE_LARGE_DEMO_DOCUMENTS)('every session’s four documents are free of typography defects and of words cut mid-word, with either font set', async () => {
    const ids = db.prepare('SELECT id FROM meetings ORDER BY starts_at').pluck().all() as string[];
    const docs: string[] = [];
    for (const [n, id] of ids.entries()) {
      for (const kind of KINDS) {
        const target = join(dir, `${String(n).padStart(3, '0')}-${kind}.docx`);
        writeFileSync(target, (await renderMeetingDocument(db, file, id, kind, NOW)).bytes);
        docs.push(target);
      }
    }
    for (const fonts of FONTS) {
      const out = join(dir, `all-${fonts}`);
      mkdirSync(out, { recursive: true });
      const defects: string[] = [];
      let pages = 0;
      // In batches: one LibreOffice run per batch keeps each run's time bounded.
      for (let i = 0; i < docs.length; i += 50) {
        for (const pdf of await convertAllToPdf(docs.slice(i, i + 50), out, fonts, 900_000)) {
          const text = await pdfText(pdf);
          const words = wordsOf(await docxText(readFileSync(join(dir, `${basename(pdf, '.pdf')}.docx`))));
          defects.push(...[...typographyDefects(text), ...midWordSplits(text, words)].map((d) => `${basename(pdf)}: ${d}`));
          pages += await pdfPageCount(pdf);
        }
      }
      console.info(`Grande démo, ${ids.length} séances, ${docs.length} documents, ${fonts} : ${pages} pages, ${defects.length} défaut(s) typographique(s)`);
      expect(defects, fonts).toEqual([]);
    }
  }, 3_600_000);
});
