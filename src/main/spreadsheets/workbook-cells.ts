/**
 * Reads every sheet of an .xlsx from elsewhere as cells holding values: what a partner sends back.
 * The one module through which returned workbooks are read, so that it can move to the streaming
 * reader of reader.ts (zip and XML read in a worker) once that reader reads several sheets.
 *
 * Nothing is trusted before it is checked: the file's size; then the zip itself (inflateZip): each
 * entry of its central directory is inflated once, its real inflated bytes counted against the
 * limit whatever size it declares, an entry that inflates to another size than it declares or that
 * the central directory does not list is refused, and so are encryption and ZIP64. exceljs's
 * streaming reader then reads a zip made here of those checked parts only (storedZip), in the order
 * it needs (it fails on a sheet stored before the workbook part, as Excel and exceljs itself may
 * store it, and copies to temporary files the sheets stored before the shared texts), row by row,
 * every row, column and character counted. A formula is never kept: its last computed value is
 * read, as a spreadsheet shows it.
 */
// Loaded when a workbook is read: exceljs takes ~0.4 s to load, which every CLI command and app start would pay.
import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import { ApiError } from '../../shared/errors';
import { formatInteger } from '../../shared/format';
import { MAX_RETURN_FILE_BYTES } from '../../shared/schemas/returns';
import { stripForbiddenChars } from '../../shared/text';

export const WORKBOOK_LIMITS = {
  fileBytes: MAX_RETURN_FILE_BYTES,
  /** What the zip inflates to, counted as it inflates. A returned workbook is well under 1 MB unzipped. */
  unpackedBytes: 60 * 1024 * 1024,
  zipEntries: 500,
  sheets: 20,
  rowsPerSheet: 20_000,
  columns: 100,
  textChars: 10_000_000,
};

export type CellValue = string | number | boolean | Date | null;

export interface ReadCell {
  value: CellValue;
  /** The cell held a formula: `value` is its last computed result (null when the file kept none). */
  formula: boolean;
  /** Characters no text may hold (controls, invisible ones) were removed from the value. */
  cleaned: boolean;
}

export interface SheetCells {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Row number (1-based) → column number (1-based) → cell; empty cells are absent. */
  rows: Map<number, Map<number, ReadCell>>;
}

export function unreadableWorkbook(fileName: string, why: string): ApiError {
  return new ApiError('validation', `Le fichier « ${fileName} » ne peut pas être pris en compte : ${why}`);
}

const DAMAGED = 'ce classeur est endommagé ou incomplet, ou ce n’est pas un classeur Excel (.xlsx). Demandez à la structure de l’enregistrer de nouveau au format .xlsx.';
const TOO_BIG = 'il est bien plus volumineux qu’un classeur de remontée : ce n’est pas le classeur envoyé par la commission.';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function readWorkbookCells(bytes: Buffer, fileName: string): Promise<SheetCells[]> {
  if (bytes.length === 0) throw unreadableWorkbook(fileName, 'il est vide.');
  if (bytes.length > WORKBOOK_LIMITS.fileBytes) throw unreadableWorkbook(fileName, TOO_BIG);
  if (OLE.every((b, i) => bytes[i] === b))
    throw unreadableWorkbook(fileName, 'c’est un classeur protégé par un mot de passe ou au format Excel 97-2003 (.xls). Demandez à la structure de l’enregistrer au format .xlsx, sans mot de passe.');
  if (!ZIP.every((b, i) => bytes[i] === b)) throw unreadableWorkbook(fileName, 'ce n’est pas un classeur Excel (.xlsx).');
  const parts = inflateZip(bytes, fileName);
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([storedZip(parts)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell which numbers are dates.
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: SheetCells[] = [];
  let chars = 0;
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as ExcelJS.Worksheet & { name: string; state?: SheetCells['state'] };
      if (sheets.length >= WORKBOOK_LIMITS.sheets) throw unreadableWorkbook(fileName, TOO_BIG);
      const sheet: SheetCells = { name: ws.name, state: 'visible', rows: new Map() };
      sheets.push(sheet);
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        if (sheet.rows.size >= WORKBOOK_LIMITS.rowsPerSheet) throw unreadableWorkbook(fileName, `une feuille dépasse ${formatInteger(WORKBOOK_LIMITS.rowsPerSheet)} lignes.`);
        const cells = new Map<number, ReadCell>();
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          if (column > WORKBOOK_LIMITS.columns) throw unreadableWorkbook(fileName, `une feuille dépasse ${WORKBOOK_LIMITS.columns} colonnes.`);
          const read = readCell(cell.value);
          if (typeof read.value === 'string') chars += read.value.length;
          if (read.value !== null || read.formula) cells.set(column, read);
        });
        if (chars > WORKBOOK_LIMITS.textChars) throw unreadableWorkbook(fileName, TOO_BIG);
        if (cells.size > 0) sheet.rows.set(row.number, cells);
      }
      // Known once the workbook part was read, which may come after the sheet in the zip.
      sheet.state = ws.state ?? 'visible';
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw unreadableWorkbook(fileName, DAMAGED);
  }
  return sheets;
}

/** A cell's value as a spreadsheet shows it: text cleaned, rich text joined, a formula replaced by its result. */
function readCell(value: ExcelJS.CellValue): ReadCell {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    const plain = result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : result;
    return { ...readCell(plain as ExcelJS.CellValue), formula: true };
  }
  const raw = plainValue(value);
  if (typeof raw !== 'string') return { value: raw, formula: false, cleaned: false };
  const text = cleanText(raw);
  return { value: text === '' ? null : text, formula: false, cleaned: text !== raw.trim() };
}

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  // Errors (#N/A, #DIV/0!…) and anything else have no value to take.
  return null;
}

/** Invisible characters that hide what a text says: zero-width, bidirectional controls, C1 controls. */
const INVISIBLE = /[\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

function cleanText(text: string): string {
  return stripForbiddenChars(text).replace(INVISIBLE, '').replace(/\r\n?/g, '\n').trim();
}

/**
 * The parts of the zip, each inflated once within the limit (zlib's maxOutputLength stops it there,
 * whatever the entry declares). Entries must follow each other exactly as the central directory
 * lists them: a file that hides another entry between them is not a spreadsheet's.
 */
function inflateZip(bytes: Buffer, fileName: string): Map<string, Buffer> {
  const damaged = () => unreadableWorkbook(fileName, DAMAGED);
  const tooBig = () => unreadableWorkbook(fileName, TOO_BIG);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged();
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryStart = bytes.readUInt32LE(end + 16);
  // ZIP64 marks its counts and offsets with all ones; no spreadsheet needs it for a file this size.
  if (count === 0xffff || directoryStart === 0xffffffff) throw damaged();
  if (count > WORKBOOK_LIMITS.zipEntries) throw tooBig();
  if (directoryStart + directorySize > end) throw damaged();
  const entries: { offset: number; compressed: number; size: number; method: number; flags: number; name: string }[] = [];
  let at = directoryStart;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) throw damaged();
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressed: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('latin1', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  entries.sort((a, b) => a.offset - b.offset);
  const parts = new Map<string, Buffer>();
  let expected = 0;
  let inflated = 0;
  for (const entry of entries) {
    if (entry.flags & 0x41) throw unreadableWorkbook(fileName, 'il est protégé par un mot de passe. Demandez à la structure de l’enregistrer sans mot de passe.');
    if (entry.offset !== expected || entry.offset + 30 > directoryStart || bytes.readUInt32LE(entry.offset) !== 0x04034b50) throw damaged();
    const nameLength = bytes.readUInt16LE(entry.offset + 26);
    if (bytes.toString('latin1', entry.offset + 30, entry.offset + 30 + nameLength) !== entry.name) throw damaged();
    const dataStart = entry.offset + 30 + nameLength + bytes.readUInt16LE(entry.offset + 28);
    const dataEnd = dataStart + entry.compressed;
    if (dataEnd > directoryStart) throw damaged();
    const data = bytes.subarray(dataStart, dataEnd);
    let part: Buffer;
    if (entry.method === 0) part = data;
    else if (entry.method === 8) {
      try {
        part = inflateRawSync(data, { maxOutputLength: WORKBOOK_LIMITS.unpackedBytes - inflated + 1 });
      } catch (error) {
        throw (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? tooBig() : damaged();
      }
    } else throw damaged();
    inflated += part.length;
    if (inflated > WORKBOOK_LIMITS.unpackedBytes) throw tooBig();
    if (part.length !== entry.size || parts.has(entry.name)) throw damaged();
    parts.set(entry.name, part);
    expected = dataEnd;
    // A data descriptor may follow (bit 3): 12 bytes, or 16 with its optional signature.
    if (entry.flags & 0x08) expected += bytes.readUInt32LE(dataEnd) === 0x08074b50 ? 16 : 12;
  }
  if (expected !== directoryStart) throw damaged();
  return parts;
}

/** The parts exceljs's streaming reader reads, in the order it needs them: the others are left out. */
const READ_FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** A zip of those parts, stored without compression (they are already in memory, within the limit). */
function storedZip(parts: Map<string, Buffer>): Buffer {
  const names = [...READ_FIRST.filter((n) => parts.has(n)), ...[...parts.keys()].filter((n) => SHEET.test(n)).sort()];
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const data = parts.get(name)!;
    const fileName = Buffer.from(name, 'latin1');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(10, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, fileName, data);
    directory.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}
