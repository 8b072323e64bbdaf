/**
 * Tables written for Excel users: CSV as French Excel reads it (`;`, UTF-8 with BOM, CRLF) and .xlsx
 * with a styled header. Generic: rows plus column definitions, nothing about the domain.
 */
import ExcelJS from 'exceljs';
import { formatDate } from '../../shared/format';

export type CellValue = string | number | boolean | null | undefined;

export interface TabularColumn<T> {
  header: string;
  // Method syntax on purpose: sheets of different row types then fit in one list.
  value(row: T): CellValue;
  /** 'date': the value is an ISO date, written dd/mm/yyyy in CSV and as a real date cell in .xlsx. */
  kind?: 'text' | 'number' | 'date';
  /** Column width in characters (.xlsx only). */
  width?: number;
}

export interface TabularSheet<T> {
  name: string;
  columns: TabularColumn<T>[];
  rows: readonly T[];
  /** Optional title line above the header (.xlsx only). */
  title?: string;
}

const BOM = '\uFEFF';

/**
 * A cell Excel would run as a formula (=, @, or + / - not followed by a plain number or phone
 * number) is prefixed with an apostrophe; the importer removes it again.
 */
export function neutraliseFormula(text: string): string {
  return /^[=@]/.test(text) || /^[+-](?![\d\s().]+$)/.test(text) ? `'${text}` : text;
}

function csvCell(value: CellValue, kind: TabularColumn<unknown>['kind']): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (kind === 'date' && typeof value === 'string') text = formatDate(value);
  else if (typeof value === 'boolean') text = value ? 'oui' : 'non';
  else if (typeof value === 'number') text = String(value).replace('.', ',');
  else text = neutraliseFormula(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One sheet as CSV text, BOM included, ready to be written as UTF-8. */
export function toCsv<T>(sheet: Pick<TabularSheet<T>, 'columns' | 'rows'>): string {
  const lines = [sheet.columns.map((c) => csvCell(c.header, 'text')).join(';')];
  for (const row of sheet.rows) lines.push(sheet.columns.map((c) => csvCell(c.value(row), c.kind)).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function xlsxValue(value: CellValue, kind: TabularColumn<unknown>['kind']): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'date' && typeof value === 'string') {
    const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? value : d;
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return value;
}

/** A workbook with one worksheet per sheet: bold header on a tinted band, frozen, filterable. */
export async function toXlsx(sheets: TabularSheet<unknown>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Maillage';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    let headerRow = 1;
    if (sheet.title) {
      ws.getCell(1, 1).value = sheet.title;
      ws.getCell(1, 1).font = { bold: true, size: 13 };
      headerRow = 3;
    }
    const header = ws.getRow(headerRow);
    sheet.columns.forEach((column, i) => {
      const cell = header.getCell(i + 1);
      cell.value = column.header;
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2E4A7D' } };
      cell.alignment = { vertical: 'middle', wrapText: true };
      const col = ws.getColumn(i + 1);
      col.width = column.width ?? Math.min(40, Math.max(12, column.header.length + 2));
      if (column.kind === 'date') col.numFmt = 'dd/mm/yyyy';
    });
    header.height = 22;
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => xlsxValue(c.value(row), c.kind)));
    ws.views = [{ state: 'frozen', ySplit: headerRow }];
    if (sheet.columns.length > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: sheet.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
