/**
 * Reads the spreadsheets secretaries really have into rows of text: CSV from French Excel (`;`,
 * Windows-1252), UTF-8 CSV with or without BOM, comma or tab CSV, UTF-16 « texte Unicode », and .xlsx.
 * Any file that is none of these gets a French message saying what to do.
 */
// Loaded when a workbook is read or written: exceljs takes ~0.4 s to load, which every CLI command and app start would pay.
import type ExcelJS from 'exceljs';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ApiError } from '../../shared/errors';
import { formatInteger } from '../../shared/format';
import { CsvError, detectSeparator, parseCsv } from './csv';

export interface RawTable {
  /** What the user is told: « Classeur Excel, feuille « Partenaires » », « Fichier CSV enregistré par Excel ». */
  formatLabel: string;
  format: 'xlsx' | 'csv';
  /** Non-empty rows, each with its row number in the file (1-based), cells as trimmed text. */
  rows: { line: number; cells: string[] }[];
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * What an import reads at most, checked before memory grows: a few megabytes of .xlsx can hold
 * millions of rows, a CSV line millions of columns. A commission's directory is a few thousand rows.
 */
export const IMPORT_LIMITS = { rows: 100_000, columns: 200, unpackedBytes: 200_000_000, zipEntries: 10_000 };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function unreadable(fileName: string, why: string): ApiError {
  return new ApiError('validation', `Le fichier « ${fileName} » ne peut pas être importé : ${why}`);
}

/** Reads a file to import, its size checked with stat first: a huge file is never loaded. */
export async function readImportFile(path: string, fileName: string): Promise<Buffer> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new ApiError('io', `Impossible de lire le fichier « ${fileName} ».`);
  }
  if (size > MAX_IMPORT_BYTES) throw unreadable(fileName, 'il dépasse 50 Mo. Découpez-le en plusieurs fichiers.');
  try {
    return await readFile(path);
  } catch {
    throw new ApiError('io', `Impossible de lire le fichier « ${fileName} ».`);
  }
}

function tooBig(fileName: string, what: string): ApiError {
  return unreadable(fileName, `il dépasse ${what}. Un annuaire de partenaires tient largement en dessous : vérifiez que c’est le bon fichier, ou découpez-le.`);
}

export async function readTable(bytes: Uint8Array, fileName: string): Promise<RawTable> {
  if (bytes.length === 0) throw unreadable(fileName, 'il est vide.');
  if (bytes.length > MAX_IMPORT_BYTES) throw unreadable(fileName, 'il dépasse 50 Mo. Découpez-le en plusieurs fichiers.');
  if (startsWith(bytes, OLE)) {
    throw unreadable(fileName, 'c’est un classeur Excel 97-2003 (.xls). Dans Excel, choisissez « Enregistrer sous » au format .xlsx ou CSV, puis importez ce fichier.');
  }
  const table = startsWith(bytes, ZIP) ? await readXlsx(bytes, fileName) : readCsv(bytes, fileName);
  if (table.rows.length === 0) throw unreadable(fileName, 'il ne contient aucune ligne.');
  return table;
}

function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Not valid UTF-8: French Excel's « CSV (séparateur : point-virgule) » is Windows-1252.
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}

// Bytes 0x80–0x9F of Windows-1252 (’ – € œ …); the five unassigned ones stay control characters.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Node 20's TextDecoder('windows-1252') decodes as Latin-1 and loses ’, –, €, œ; Latin-1 plus this
 * table is exact on every runtime.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

// eslint-disable-next-line no-control-regex -- counting control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

function readCsv(bytes: Uint8Array, fileName: string): RawTable {
  const { text, encoding } = decode(bytes);
  // Text files have no control characters; binary files (PDF, images, random bytes) are full of them.
  const controls = text.match(CONTROL)?.length ?? 0;
  if (text.includes('\u0000') || controls > text.length / 100) {
    throw unreadable(fileName, 'ce n’est ni un fichier CSV ni un classeur Excel (.xlsx). Enregistrez la liste depuis Excel au format .xlsx ou CSV.');
  }
  const separator = detectSeparator(text);
  // Before parsing: a line with thousands of separators would become thousands of cells per row.
  let perLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') perLine = 0;
    else if (c === separator && ++perLine >= IMPORT_LIMITS.columns * 5) throw tooBig(fileName, `${formatInteger(IMPORT_LIMITS.columns)} colonnes`);
  }
  let records;
  try {
    records = parseCsv(text, separator);
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(fileName, `${error.message} Corrigez le fichier dans Excel ou un éditeur de texte, puis recommencez.`);
    throw error;
  }
  if (records.some((r) => r.fields.length > IMPORT_LIMITS.columns)) throw tooBig(fileName, `${formatInteger(IMPORT_LIMITS.columns)} colonnes`);
  // Excel opens each record as one row, however many text lines its quoted cells span: the row number
  // the user sees is the record's rank, not the text line it starts on.
  const rows = records
    .map((r, index) => ({ line: index + 1, cells: r.fields.map((f) => f.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > IMPORT_LIMITS.rows + 1) throw tooBig(fileName, `${formatInteger(IMPORT_LIMITS.rows)} lignes`);
  return { format: 'csv', formatLabel: csvFormatLabel(encoding, separator), rows };
}

/** The format in the words of Excel's « Enregistrer sous » menu, which is how secretaries know their files. */
function csvFormatLabel(encoding: string, separator: string): string {
  if (encoding === 'UTF-16') return 'Fichier texte Unicode enregistré par Excel';
  if (encoding === 'Windows-1252') return 'Fichier CSV enregistré par Excel';
  return separator === ';' ? 'Fichier CSV UTF-8 enregistré par Excel' : 'Fichier CSV UTF-8';
}

/**
 * The total uncompressed size and entry count a zip declares in its central directory, read
 * without inflating anything; null when the directory cannot be found (exceljs then reports it).
 */
export function zipDeclaredSize(bytes: Uint8Array): { entries: number; unpacked: number } | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end.
  let end = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 22 - 65_535); i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.readUInt16LE(end + 10);
  let offset = view.readUInt32LE(end + 16);
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) return null;
    // ZIP64 marks a size above 4 GB with 0xFFFFFFFF: counted as such, it is refused.
    unpacked += view.readUInt32LE(offset + 24);
    offset += 46 + view.readUInt16LE(offset + 28) + view.readUInt16LE(offset + 30) + view.readUInt16LE(offset + 32);
  }
  return { entries, unpacked };
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<RawTable> {
  const declared = zipDeclaredSize(bytes);
  if (declared && (declared.unpacked > IMPORT_LIMITS.unpackedBytes || declared.entries > IMPORT_LIMITS.zipEntries))
    throw tooBig(fileName, `${IMPORT_LIMITS.unpackedBytes / 1_000_000} Mo une fois décompressé`);
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable(fileName, 'ce classeur Excel est endommagé ou incomplet, ou ce n’est pas un classeur .xlsx. Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw unreadable(fileName, 'ce classeur ne contient aucune feuille remplie.');
  if (sheet.actualRowCount > IMPORT_LIMITS.rows + 1) throw tooBig(fileName, `${formatInteger(IMPORT_LIMITS.rows)} lignes`);
  if (sheet.columnCount > IMPORT_LIMITS.columns) throw tooBig(fileName, `${formatInteger(IMPORT_LIMITS.columns)} colonnes`);
  const rows: RawTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.some((c) => c !== '')) rows.push({ line: rowNumber, cells });
  });
  return { format: 'xlsx', formatLabel: `Classeur Excel, feuille « ${sheet.name} »`, rows };
}

/** A cell as text; dates become ISO dates (Excel stores them as days, exceljs as UTC midnights). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string') return value.trim();
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? '' : cellText(result);
  }
  if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? value.hyperlink).trim();
  return '';
}
