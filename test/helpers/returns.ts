/**
 * What the tests of returns do as partners would: fill a workbook Maillage prepared (with exceljs,
 * as a program other than Maillage writes it), save it again with LibreOffice headless (what a
 * partner's LibreOffice writes), and craft the hostile zips a tests of limits needs.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { resaveWithCalc } from './libreoffice';

/** The columns a partner fills, by the header the workbook gives them. */
export const FICHE_COLUMNS = { status: 8, meteo: 9, progress: 10, done: 11, difficulties: 12, next: 13 } as const;
export const INDICATOR_COLUMNS = { value: 9, on: 10, note: 11 } as const;
export const FIRST_ROW = 4;

/** Opens a workbook, lets `fill` write into it, saves it at `target` (or over itself). */
export async function fillWorkbook(path: string, fill: (workbook: ExcelJS.Workbook) => void, target = path): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  fill(workbook);
  await workbook.xlsx.writeFile(target);
  return target;
}

/** Row numbers of the data rows of a sheet, with their first cell (the fiche's code or the indicator's fiche). */
export function dataRows(sheet: ExcelJS.Worksheet): { row: number; code: string; name: string }[] {
  const rows: { row: number; code: string; name: string }[] = [];
  for (let r = FIRST_ROW; r <= sheet.rowCount; r++) {
    const code = sheet.getCell(r, 1).value;
    if (code === null || code === undefined) continue;
    rows.push({ row: r, code: String(code), name: String(sheet.getCell(r, 2).value) });
  }
  return rows;
}

/**
 * Opens the workbook in LibreOffice headless and saves it again as .xlsx (« Calc MS Excel 2007
 * XML »): what a partner's LibreOffice writes, with its own zip, styles and shared strings.
 */
export async function resaveWithLibreOffice(file: string, outDir: string): Promise<string> {
  const [saved] = await resaveWithCalc(file, outDir, 'xlsx:Calc MS Excel 2007 XML', undefined, 120_000);
  return saved!;
}

export function base64Of(path: string): { name: string; base64: string } {
  return { name: basename(path), base64: readFileSync(path).toString('base64') };
}

export interface CraftedEntry {
  name: string;
  data: Buffer;
  /** The size the zip says the entry inflates to (default: its real size). */
  declaredSize?: number;
}

/** A zip written by hand, so that it can lie about its sizes (deflated entries, no data descriptors). */
export function craftZip(entries: CraftedEntry[], path: string): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const compressed = deflateRawSync(entry.data);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, directory, end]));
  return path;
}
