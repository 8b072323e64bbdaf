/**
 * Tables for Excel and LibreOffice: any list of rows with typed columns, written as CSV for French
 * Excel (`;`, UTF-8 BOM, CRLF, dd/mm/yyyy, decimal comma) or as .xlsx (styled and frozen header
 * row, filters, column widths, real dates and numbers). Used by every export of the app.
 */
// Loaded when a workbook is read or written: exceljs takes ~0.4 s to load, which every CLI command and app start would pay.
import type ExcelJS from 'exceljs';
import { extname } from 'node:path';
import { writeUserFile } from '../platform/files';
import { ApiError } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { stripForbiddenChars } from '../../shared/text';

export type CellType = 'text' | 'date' | 'integer' | 'decimal' | 'euros';
export type CellValue = string | number | null;

export interface TabularColumn<Row> {
  header: string;
  /** `date` values are ISO dates (YYYY-MM-DD); numeric types take numbers. Default `text`. */
  type?: CellType;
  /** Width in characters in the .xlsx; default from the header. */
  width?: number;
  value: (row: Row) => CellValue;
}

export interface TabularOptions {
  /** Sheet name in the .xlsx (Excel allows 31 characters). */
  sheetName: string;
}

export type TabularFormat = 'csv' | 'xlsx';

const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

export function tabularFormatOf(path: string): TabularFormat | null {
  const extension = extname(path).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.xlsx' ? 'xlsx' : null;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly TabularColumn<Row>[]): string {
  const lines = [columns.map((c) => csvField(c.header)), ...rows.map((row) => columns.map((c) => csvField(csvText(c.value(row), c.type ?? 'text'))))];
  return BOM + lines.map((fields) => fields.join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

function csvText(value: CellValue, type: CellType): string {
  if (value === null || value === '') return '';
  if (type === 'date') return formatDate(String(value));
  if (typeof value === 'number') return String(type === 'euros' ? value.toFixed(2) : value).replace('.', ',');
  // A cell starting with = + - @ would be run as a formula by Excel: keep it text.
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const NUMBER_FORMATS: Partial<Record<CellType, string>> = {
  date: 'dd/mm/yyyy',
  integer: '0',
  decimal: '#,##0.##',
  euros: '#,##0.00 "€"',
};

export async function toXlsx<Row>(rows: readonly Row[], columns: readonly TabularColumn<Row>[], options: TabularOptions): Promise<Buffer> {
  return toXlsxWorkbook([sheet({ name: options.sheetName, rows, columns })]);
}

/** One worksheet of a workbook; `title` adds a bold line and a blank one above the header. */
export interface TabularSheet<Row> {
  name: string;
  rows: readonly Row[];
  columns: readonly TabularColumn<Row>[];
  title?: string;
}

/** Wraps a sheet so that sheets of different row types fit in one workbook. */
export function sheet<Row>(s: TabularSheet<Row>): TabularSheet<unknown> {
  return s as TabularSheet<unknown>;
}

export async function toXlsxWorkbook(sheets: readonly TabularSheet<unknown>[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Maillage';
  for (const { name, rows, columns, title } of sheets) {
    const headerRow = title ? 3 : 1;
    const ws = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: headerRow }] });
    columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = c.width ?? Math.max(10, c.header.length + 4);
      const numFmt = NUMBER_FORMATS[c.type ?? 'text'];
      if (numFmt) column.numFmt = numFmt;
    });
    if (title) {
      ws.getCell(1, 1).value = xlsxValue(title, 'text');
      ws.getCell(1, 1).font = { bold: true, size: 13 };
    }
    const header = ws.getRow(headerRow);
    columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
    for (const row of rows) ws.addRow(columns.map((c) => xlsxValue(c.value(row), c.type ?? 'text')));
    header.height = 22;
    header.eachCell((cell) => {
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF16254A' } };
      cell.alignment = { vertical: 'middle' };
    });
    if (columns.length > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function xlsxValue(value: CellValue, type: CellType): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  // Midnight UTC is the exact Excel day: no time zone shifts the date.
  if (type === 'date') return new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
  // Last defence: a character XML forbids would make the whole workbook unreadable.
  return typeof value === 'string' ? stripForbiddenChars(value) : value;
}

/**
 * Writes the table to `path` (format from its extension) through a temporary file, so that a
 * failed write never leaves half a file where a good one was.
 */
export async function writeTabularFile<Row>(path: string, rows: readonly Row[], columns: readonly TabularColumn<Row>[], options: TabularOptions): Promise<void> {
  const format = tabularFormatOf(path);
  if (!format) throw new ApiError('validation', 'Choisissez un fichier .csv ou .xlsx.');
  await writeUserFile(path, await tabularBytes(format, rows, columns, options));
}

/** The table as the bytes of a CSV for French Excel or of an .xlsx workbook. */
export async function tabularBytes<Row>(format: TabularFormat, rows: readonly Row[], columns: readonly TabularColumn<Row>[], options: TabularOptions): Promise<string | Buffer> {
  return format === 'csv' ? toCsv(rows, columns) : toXlsx(rows, columns, options);
}
