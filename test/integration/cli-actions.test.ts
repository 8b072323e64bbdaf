/** `maillage actions export`, run as a user runs it: a child process, checked by exit code, output and file. */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-actions-'));
  db = join(dir, 'demo.maillage');
  expect((await cli('demo', '--db', db, '--size', 'small')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('maillage actions export', () => {
  it('writes every fiche to .xlsx and to .csv for French Excel', async () => {
    const xlsx = join(dir, 'fiches.xlsx');
    const run = await cli('actions', 'export', '--db', db, '--out', xlsx);
    expect(run.code).toBe(0);
    const count = Number(/^(\d+) fiches actions exportées/.exec(run.stdout)?.[1]);
    expect(count).toBeGreaterThan(5);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('Fiches actions')!;
    expect(sheet.rowCount).toBe(count + 1);
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^FA-\d+$/);

    const csv = join(dir, 'fiches.csv');
    expect((await cli('actions', 'export', '--db', db, '--out', csv)).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFRéférence;Intitulé;Mesures nationales;')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(count + 1);
    // Météos on PILOTE's scale, each with its meaning.
    expect(text).toMatch(/;Couvert \(objectifs atteignables\);/);
    expect(text).not.toContain('Nuageux');
  });

  it('says in one French line what is wrong', async () => {
    for (const [args, message] of [
      [['actions', 'export', '--db', db, '--out', join(dir, 'x.pdf')], /--out doit nommer un fichier \.csv ou \.xlsx/],
      [['actions', 'import', '--db', db], /sous-commande inconnue « import »/],
      [['actions', 'export', '--db', join(dir, 'absent.maillage'), '--out', join(dir, 'x.csv')], /le fichier de cette commission est introuvable/],
    ] as const) {
      const run = await cli(...args);
      expect(run.code).toBe(1);
      expect(run.stderrLines).toHaveLength(1);
      expect(run.stderrLines[0]).toMatch(message);
    }
  });
});
