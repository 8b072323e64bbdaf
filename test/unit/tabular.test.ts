import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type TabularColumn } from '../../src/main/spreadsheets/writer';

interface Row {
  name: string;
  on: string | null;
  amount: number | null;
  count: number;
}
const columns: TabularColumn<Row>[] = [
  { header: 'Nom', width: 30, value: (r) => r.name },
  { header: 'Date', type: 'date', value: (r) => r.on },
  { header: 'Montant', type: 'euros', value: (r) => r.amount },
  { header: 'Nombre', type: 'integer', value: (r) => r.count },
];
const rows: Row[] = [
  { name: 'Maison des « femmes »; Bordeaux', on: '2026-03-05', amount: 1234.5, count: 3 },
  { name: 'Ligne\nsur deux lignes "citée"', on: null, amount: null, count: 0 },
  { name: '@SUM(A1)', on: '2026-12-31', amount: 0, count: 1 },
];

describe('tabular codec', () => {
  it('writes CSV for French Excel: BOM, semicolons, quotes, French dates and decimals, no formulas', () => {
    const csv = toCsv(rows, columns);
    expect(csv).toBe(
      '\uFEFFNom;Date;Montant;Nombre\r\n' +
        '"Maison des « femmes »; Bordeaux";05/03/2026;1234,50;3\r\n' +
        '"Ligne\nsur deux lignes ""citée""";;;0\r\n' +
        "'@SUM(A1);31/12/2026;0,00;1\r\n",
    );
  });

  it('writes .xlsx with a styled frozen header, widths, real dates and numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(rows, columns, { sheetName: 'Une feuille au nom bien trop long pour Excel' })) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Une feuille au nom bien trop lo');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getRow(1).getCell(2).fill).toMatchObject({ fgColor: { argb: 'FF16254A' } });
    expect(sheet.getRow(2).getCell(1).value).toBe('Maison des « femmes »; Bordeaux');
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date('2026-03-05T00:00:00Z'));
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(2).getCell(3).value).toBe(1234.5);
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
    // In a workbook a string is a string: no formula prefix needed.
    expect(sheet.getRow(4).getCell(1).value).toBe('@SUM(A1)');
    expect(sheet.rowCount).toBe(4);
  });
});
