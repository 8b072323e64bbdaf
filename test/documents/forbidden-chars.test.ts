/**
 * Characters XML forbids (U+FFFE, U+FFFF, C0 controls, lone surrogates) cannot get in through the
 * API, are stripped with a warning by the import, never reach the terminal through the CLI, and if
 * forced into the database anyway (another tool, an old file) the Word and Excel files written from
 * it are still valid XML that LibreOffice opens.
 */
import JSZip from 'jszip';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMeetingDocument } from '../../src/main/features/meetings/documents';
import { cli } from '../helpers/cli';
import { convertToPdf, pdfText } from '../helpers/libreoffice';
import { seedSessions } from '../helpers/meetings-fixture';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(() => {
  t = createTestRouter();
});
afterEach(() => t.cleanup());

const BAD = '\uFFFE\uFFFF\u0001\u001b';

/** Every XML part of an Office file must parse: LibreOffice refuses the whole file otherwise. */
async function expectValidXml(bytes: Buffer): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((name) => name.endsWith('.xml') || name.endsWith('.rels'));
  expect(parts.length).toBeGreaterThan(0);
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    // eslint-disable-next-line no-control-regex -- what XML 1.0 forbids
    expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\u{D800}-\u{DFFF}]/u.test(xml), name).toBe(false);
  }
}

describe('characters XML forbids', () => {
  it('cannot get in through the API', async () => {
    await t.call('app.createCommission', { departmentCode: '33', name: null });
    for (const bad of ['\uFFFE', '\uFFFF', '\u0001', '\uD800']) {
      const error = await t.callError('partners.create', { name: `Amicale${bad} du Nid`, type: 'autre', domains: [] });
      expect(error.code).toBe('validation');
      expect(error.message).toMatch(/caractères non autorisés/);
    }
    expect(await t.call('partners.list')).toEqual([]);
  });

  it('are stripped from an imported file with a warning, and never echoed by the CLI', async () => {
    const db = join(t.dir, 'cli.maillage');
    expect((await cli('init', '--db', db, '--department', '33')).code).toBe(0);
    const csv = join(t.dir, 'partenaires.csv');
    // Among ordinary rows, as in a real list (a file full of controls is refused as binary).
    const others = Array.from({ length: 20 }, (_, i) => `Centre communal d’action sociale n° ${i + 1};Collectivité;Mérignac\r\n`).join('');
    writeFileSync(csv, `\uFEFFStructure;Type;Commune\r\nAmicale\uFFFE\uFFFF\u0001\u001b du Nid;Association;Bordeaux\r\n${others}`, 'utf8');
    const run = await cli('import', 'partners', '--db', db, '--file', csv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/Caractères invisibles ou de contrôle supprimés/);
    expect(run.stdout + run.stderr).toMatch(/Amicale du Nid/);
    // eslint-disable-next-line no-control-regex -- nothing that drives a terminal
    expect(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/.test(run.stdout + run.stderr)).toBe(false);
    const exported = join(t.dir, 'export.csv');
    expect((await cli('export', 'partners', '--db', db, '--out', exported)).code).toBe(0);
    expect(readFileSync(exported, 'utf8')).toContain('Amicale du Nid');
  });

  it('forced into the database, still give valid .docx and .xlsx that LibreOffice opens', { timeout: 240_000 }, async () => {
    const seed = await seedSessions(t);
    const { db, path } = t.session.require();
    // As another tool or an old version could have written them (a lone surrogate cannot be stored:
    // SQLite keeps its bytes, read back as U+FFFD, which XML allows).
    db.prepare('UPDATE partners SET name = ? || name').run(BAD);
    db.prepare('UPDATE meetings SET chair = ?, title = ? WHERE id = ?').run(`Préfet${BAD}`, `Séance${BAD} plénière`, seed.first.id);
    db.prepare('UPDATE agenda_items SET title = ? || title').run(BAD);
    db.prepare('UPDATE commission SET name = ? || name').run(BAD);
    const out = join(t.dir, 'documents');
    mkdirSync(out);
    const { bytes } = await renderMeetingDocument(db, path, seed.first.id, 'compte_rendu', t.clock.now());
    await expectValidXml(bytes);
    writeFileSync(join(out, 'compte-rendu.docx'), bytes);
    const xlsx = join(out, 'partenaires.xlsx');
    t.os.queueSaveFile(xlsx);
    await t.call('partners.export', { format: 'xlsx' });
    await expectValidXml(readFileSync(xlsx));
    const minutes = await pdfText(await convertToPdf(join(out, 'compte-rendu.docx'), out));
    expect(minutes).toContain('Préfet');
    expect(minutes).toContain('Amicale du Nid');
    // This machine's LibreOffice has no Calc: the workbook is read back by exceljs, whose XML parser is strict.
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    await book.xlsx.load(readFileSync(xlsx) as never);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain('Amicale du Nid – Bordeaux');
  });
});
