/**
 * Files to import as they come from elsewhere: crafted .xlsx (deflate bombs whose sizes lie, ZIP64,
 * encryption, millions of rows, several sheets, endless XML) and CSV in mixed encodings or full of
 * control characters. Each is read by the app's reader, in its worker thread where the app reads it;
 * the giants through the built CLI, whose peak memory (RSS, worker included) is measured.
 */
import ExcelJS from 'exceljs';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readImportTable } from '../../src/main/spreadsheets/read-in-worker';
import { readTableFile } from '../../src/main/spreadsheets/reader';
import { IMPORT_LIMITS } from '../../src/main/spreadsheets/table';
import { CLI, cli } from '../helpers/cli';
import { craftZip, deflateBomb, deflateChunks, sheetXml, workbookParts, type ZipPart } from '../helpers/crafted-zip';
import { importMeasured, largestAccepted, largestCsv, lyingBomb, millionsOfRows, type MeasuredRun } from '../helpers/import-giants';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(() => {
  t = createTestRouter();
});
afterEach(() => t.cleanup());

const measured: string[] = [];
afterAll(() => {
  if (measured.length) console.info(`Fichiers à importer fabriqués, lus par la CLI :\n${measured.join('\n')}`);
});

function file(name: string, bytes: Buffer | string): string {
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  return path;
}

const DAMAGED = /ce classeur Excel est endommagé ou incomplet/;
/** The built CLI's dry-run import of `path`, with its peak memory (test/helpers/import-giants.ts). */
async function cliReading(path: string): Promise<MeasuredRun> {
  const db = join(t.dir, 'commission.maillage');
  if (!existsSync(db)) await cli('init', '--db', db, '--department', '33');
  return importMeasured(CLI, db, path);
}

describe('crafted .xlsx', () => {
  it('stops a deflate bomb whose sizes lie while inflating it: 2 MB that declare 1 KB and hold 2 GB', async () => {
    const path = file('bombe.xlsx', lyingBomb());
    await expect(readImportTable(path, 'bombe.xlsx')).rejects.toThrow(DAMAGED);
    const run = await cliReading(path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(DAMAGED);
    expect(run.peakMb).toBeLessThan(300);
    measured.push(`  bombe (2 Mo annonçant 1 Ko, 2 Go réels) : refusée en ${run.seconds.toFixed(1)} s, pic ${Math.round(run.peakMb)} Mo`);
  });

  it('refuses at once a zip that declares more than it may inflate to, and one whose ZIP64 sizes lie', async () => {
    const bomb = deflateBomb(Buffer.from('<row/>'.repeat(174_763)), 300);
    const honest = file('annonce.xlsx', craftZip(workbookParts([{ name: 'Feuil1', part: { deflated: bomb } }])));
    await expect(readImportTable(honest, 'annonce.xlsx')).rejects.toThrow(/dépasse 200 Mo une fois décompressé/);
    const lying64 = file('bombe64.xlsx', craftZip(workbookParts([{ name: 'Feuil1', part: { deflated: bomb, declaredSize: 4096 } }]), { zip64: true }));
    await expect(readImportTable(lying64, 'bombe64.xlsx')).rejects.toThrow(DAMAGED);
    // Too many entries is refused from the directory, before any is read.
    const many = Array.from({ length: IMPORT_LIMITS.zipEntries + 1 }, (_, i) => ({ name: `x/${i}`, content: '', stored: true }));
    await expect(readImportTable(file('entrees.xlsx', craftZip(many)), 'entrees.xlsx')).rejects.toThrow(/dépasse 10\s000 fichiers internes/u);
  });

  it('reads an honest workbook written with ZIP64 records', async () => {
    const path = file('zip64.xlsx', craftZip(workbookParts([{ name: 'Partenaires', part: { content: sheetXml([['Structure', 'Commune'], ['Amicale du Nid', 'Bordeaux']]) } }]), { zip64: true }));
    const table = await readImportTable(path, 'zip64.xlsx');
    expect(table.formatLabel).toBe('Classeur Excel, feuille « Partenaires »');
    expect(table.rows).toEqual([
      { line: 1, cells: ['Structure', 'Commune'] },
      { line: 2, cells: ['Amicale du Nid', 'Bordeaux'] },
    ]);
  });

  it('stops an honest file of 2.4 million rows at the row limit, as it reads', async () => {
    const path = file('2,4-millions.xlsx', millionsOfRows());
    await expect(readImportTable(path, '2,4-millions.xlsx')).rejects.toThrow(/dépasse 100\s000 lignes/u);
    const run = await cliReading(path);
    expect(run.stderr).toMatch(/dépasse 100\s000 lignes/u);
    expect(run.peakMb).toBeLessThan(300);
    measured.push(`  2,4 millions de lignes (${(statSync(path).size / 1e6).toFixed(0)} Mo) : refusé en ${run.seconds.toFixed(1)} s, pic ${Math.round(run.peakMb)} Mo`);
  });

  it('reads the largest table the limits accept in under 300 MB', async () => {
    const path = file('au-plus.xlsx', largestAccepted());
    const run = await cliReading(path);
    // Read whole: the import then stops because no column names a structure.
    expect(run.stderr).toMatch(/indiquez quelle colonne contient le nom des structures/);
    expect(run.stdout).toMatch(/50\s000 lignes de données/u);
    expect(run.peakMb).toBeLessThan(300);
    measured.push(`  le plus grand tableau accepté (50 000 × 19 cellules) : lu en ${run.seconds.toFixed(1)} s, pic ${Math.round(run.peakMb)} Mo`);
  });

  it('reads the first visible sheet that holds rows, and says which', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Vide');
    const hidden = workbook.addWorksheet('Brouillon', { state: 'hidden' });
    hidden.addRow(['Structure', 'Commune']);
    hidden.addRow(['Ne pas importer', 'Nulle part']);
    const real = workbook.addWorksheet('Annuaire 2026');
    real.addRow(['Structure', 'Commune', 'Mis à jour le']);
    real.addRow(['CIDFF 33', 'Bordeaux', new Date(Date.UTC(2026, 0, 15))]);
    const other = workbook.addWorksheet('Autre');
    other.addRow(['Pas', 'celle-ci']);
    const path = file('classeur.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const table = await readImportTable(path, 'classeur.xlsx');
    expect(table.formatLabel).toBe('Classeur Excel, feuille « Annuaire 2026 »');
    expect(table.rows).toEqual([
      { line: 1, cells: ['Structure', 'Commune', 'Mis à jour le'] },
      { line: 2, cells: ['CIDFF 33', 'Bordeaux', '2026-01-15'] },
    ]);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Feuil1');
    await expect(readImportTable(file('vide.xlsx', Buffer.from(await empty.xlsx.writeBuffer())), 'vide.xlsx')).rejects.toThrow(/ne contient aucune feuille remplie/);
  });

  it('says that a workbook protected by a password must be opened in Excel first', async () => {
    // Excel's « Chiffrer avec mot de passe » wraps the .xlsx in a compound file with an EncryptedPackage stream.
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    await expect(readImportTable(file('protege.xlsx', ole), 'protege.xlsx')).rejects.toThrow(/protégé par un mot de passe/);
    const zipped = craftZip(workbookParts([{ name: 'Feuil1', part: { content: sheetXml([['a']]), encrypted: true } }]));
    await expect(readImportTable(file('zip-chiffre.xlsx', zipped), 'zip-chiffre.xlsx')).rejects.toThrow(/protégé par un mot de passe/);
    // Without the stream, an old .xls.
    await expect(readImportTable(file('ancien.xls', Buffer.concat([ole.subarray(0, 8), Buffer.alloc(4088)])), 'ancien.xls')).rejects.toThrow(/Excel 97-2003/);
  });

  it('refuses XML no spreadsheet holds: endless text, endless nesting, too many columns', async () => {
    const endless = deflateChunks(
      (function* () {
        yield '<worksheet><sheetData><row><c t="inlineStr"><is><t>';
        for (let i = 0; i < 50; i++) yield 'x'.repeat(1 << 20);
      })(),
    );
    const cases: [string, Omit<ZipPart, 'name'>, RegExp][] = [
      ['texte-sans-fin', { deflated: endless }, DAMAGED],
      ['imbrication', { content: `<worksheet>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</worksheet>` }, DAMAGED],
      ['colonne-lointaine', { content: '<worksheet><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>loin</t></is></c></row></sheetData></worksheet>' }, /dépasse 200 colonnes/],
    ];
    for (const [name, part, message] of cases) {
      await expect(readTableFile(file(`${name}.xlsx`, craftZip(workbookParts([{ name: 'Feuil1', part }]))), `${name}.xlsx`), name).rejects.toThrow(message);
    }
  });
});

describe('CSV as it comes', () => {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');

  it('keeps UTF-8 when one byte of another encoding slipped in, and says which line to check', async () => {
    const text = Buffer.concat([utf8('Structure;Commune\r\nZéro Déchet;Bègles\r\nCafé;'), Buffer.from([0xe9]), utf8('cole\r\nAmicale;Mérignac\r\n')]);
    const table = await readTableFile(file('mixte.csv', text), 'mixte.csv');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Structure', 'Commune'],
      ['Zéro Déchet', 'Bègles'],
      ['Café', '�cole'],
      ['Amicale', 'Mérignac'],
    ]);
    expect(table.formatLabel).toBe('Fichier CSV UTF-8 enregistré par Excel');
    expect(table.warnings).toEqual(['Le fichier est en UTF-8, mais 1 caractère n’y est pas valide (ligne 3) : il est remplacé par « � ». Corrigez ces lignes dans le fichier, ou après l’import.']);
  });

  it('keeps Windows-1252 when most accents are, and says which lines were written in UTF-8', async () => {
    const latin = Buffer.from('Structure;Commune\r\nZ\xe9ro D\xe9chet;B\xe8gles\r\n\xc9cole;M\xe9rignac\r\n', 'latin1');
    const table = await readTableFile(file('excel.csv', Buffer.concat([latin, utf8('Café;Pessac\r\n')])), 'excel.csv');
    expect(table.rows.map((r) => r.cells)[1]).toEqual(['Zéro Déchet', 'Bègles']);
    expect(table.rows.map((r) => r.cells)[3]).toEqual(['CafÃ©', 'Pessac']);
    expect(table.warnings).toEqual([
      'Le fichier est lu comme un CSV d’Excel (Windows-1252), mais 1 caractère semble enregistré en UTF-8 (ligne 4) : il s’affiche mal (« Ã© » au lieu de « é »). Vérifiez ces lignes après l’import, ou enregistrez le fichier en « CSV UTF-8 » depuis Excel.',
    ]);
    // Wholly Windows-1252 or wholly UTF-8: nothing to say.
    expect((await readTableFile(file('pur.csv', latin), 'pur.csv')).warnings).toEqual([]);
    expect((await readTableFile(file('utf8.csv', utf8('Structure\r\nZéro\r\n')), 'utf8.csv')).warnings).toEqual([]);
  });

  it('cleans a CSV full of control characters instead of refusing it, and says so', async () => {
    const dirty = `Structure;Commune\r\n${Array.from({ length: 50 }, (_, i) => `Asso\u0001ciation ${i}\u0007;Bor\u0002deaux`).join('\r\n')}\r\n`;
    const table = await readTableFile(file('controles.csv', `${dirty}\u200B;\u0007\r\n`), 'controles.csv');
    // A row of nothing but invisible characters is an empty row.
    expect(table.rows).toHaveLength(51);
    expect(table.rows[1]).toEqual({ line: 2, cells: ['Association 0', 'Bordeaux'], cleaned: [0, 1] });
    expect(table.warnings).toHaveLength(1);
    expect(table.warnings[0]).toMatch(/^Le fichier contient 151 caractères de contrôle \(lignes 2, 3, 4, 5 et 6…\), invisibles dans Excel : ils ont été supprimés\./);
    // A NUL still means a binary file.
    await expect(readTableFile(file('binaire.csv', 'Structure\r\nA\u0000B\r\n'), 'binaire.csv')).rejects.toThrow(/ni un fichier CSV ni un classeur Excel/);
  });

  it('removes bidi controls and zero-width characters from every cell, and the import says where', async () => {
    await t.call('app.createCommission', { departmentCode: '33' });
    t.os.queueOpenFile(file('piege.csv', utf8('Structure;Commune\r\nAmicale\u202E du Nid;Bor\u200Bdeaux\r\nCIDFF;Pessac\r\n')));
    const opened = (await t.call('partnerImport.open'))!;
    expect(opened.samples[0]).toEqual(['Amicale du Nid', 'Bordeaux']);
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    // The row that had some says so (besides the type read from each name, which has its own warning).
    const invisible = (r: (typeof preview.rows)[number]) => r.messages.map((m) => m.text).filter((text) => text.startsWith('Caractères invisibles'));
    expect(preview.rows.map(invisible)).toEqual([['Caractères invisibles ou de contrôle supprimés (ils rendraient les documents Word et Excel illisibles).'], []]);
  });

  it('reads or refuses the largest CSV it may be given, Windows-1252 at that, in under 300 MB', async () => {
    const path = file('geant.csv', largestCsv());
    const run = await cliReading(path);
    expect(run.stderr).toMatch(/dépasse 20 millions de caractères de texte/);
    expect(run.peakMb).toBeLessThan(300);
    measured.push(`  CSV Windows-1252 de 50 Mo : refusé en ${run.seconds.toFixed(1)} s, pic ${Math.round(run.peakMb)} Mo`);
  });

  it('stops reading a CSV at the row limit, whatever follows', async () => {
    const path = file('lignes.csv', `Structure\r\n${'x\r\n'.repeat(3_000_000)}`);
    await expect(readTableFile(path, 'lignes.csv')).rejects.toThrow(/dépasse 100\s000 lignes/u);
  });
});
