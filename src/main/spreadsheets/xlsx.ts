/**
 * Reads the first filled sheet of an .xlsx as a stream, with every limit checked as it goes.
 *
 * exceljs's streaming reader (`ExcelJS.stream.xlsx.WorkbookReader`) cannot do it: its unzipper
 * inflates whatever an entry holds, whatever size it declares, and it copies to a temporary file each
 * sheet stored before the shared texts (as Excel stores them) before reading a row. Here yauzl opens
 * the zip from its central directory (ZIP64 included) and refuses an entry that inflates to more
 * than it declares; every inflated byte is counted against IMPORT_LIMITS.unpackedBytes as it comes;
 * the parts are read in the order that needs nothing kept aside (workbook, relations, styles, shared
 * texts, then the sheet); saxes parses each part chunk by chunk; rows go to the TableBuilder, which
 * stops at the first limit passed.
 */
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ApiError } from '../../shared/errors';
import { detach, IMPORT_LIMITS, unreadable, type TableBuilder } from './table';

const DAMAGED = 'ce classeur Excel est endommagé ou incomplet, ou ce n’est pas un classeur .xlsx. Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.';
export const ENCRYPTED =
  'ce classeur est protégé par un mot de passe, que Maillage ne lit pas. Dans Excel, retirez-le (Fichier › Informations › Protéger le classeur › Chiffrer avec mot de passe, puis effacez-le), enregistrez, puis importez le classeur.';

/** The parts of an .xlsx nest six deep; more is not a spreadsheet, and each level costs memory. */
const MAX_DEPTH = 32;
/**
 * Text saxes may gather between two events (a cell, an attribute, a comment): Excel caps a cell at
 * 32,767 characters. Without it one endless text node would be held whole.
 */
const MAX_NODE_CHARS = 1_000_000;

/** Anything in the file that is not what an .xlsx holds. */
class Damaged extends Error {}

interface XmlHandlers {
  /** Tags by their local name (« x:row » → « row »). */
  open?(tag: string, attributes: Record<string, string>): void;
  close?(tag: string): void;
  text?(text: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** « AB12 » → 27 (0-based column). */
function columnIndex(reference: string): number {
  let n = 0;
  for (const c of reference) {
    const code = c.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
    if (n > IMPORT_LIMITS.columns * 100) break;
  }
  return n - 1;
}

/** Built-in number formats that are dates (ECMA-376 §18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** A custom format is a date when, outside quoted text, escapes and [brackets], it has days or years. */
function isDateFormat(code: string): boolean {
  return /[dy]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
}

/** An Excel serial day as an ISO date (exceljs did the same: dates are what imports need, not times). */
function serialDate(serial: number, date1904: boolean): string {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  if (days < 1 || days > 2_958_465) return '';
  return new Date((days - 25_569) * 86_400_000).toISOString().slice(0, 10);
}

export async function readXlsx(path: string, fileName: string, table: TableBuilder): Promise<string | null> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { autoClose: false, validateEntrySizes: true, decodeStrings: true, strictFileNames: false });
  } catch {
    throw unreadable(fileName, DAMAGED);
  }
  try {
    return await readWorkbook(zip, fileName, table);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // yauzl's and saxes's errors (bad headers, sizes that lie, malformed XML) and our own.
    throw unreadable(fileName, DAMAGED);
  } finally {
    zip.close();
  }
}

async function readWorkbook(zip: ZipFile, fileName: string, table: TableBuilder): Promise<string | null> {
  if (zip.entryCount > IMPORT_LIMITS.zipEntries) throw table.tooBig('zipEntries');
  const entries = new Map<string, Entry>();
  let declared = 0;
  for await (const entry of zip.eachEntry()) {
    if (entries.has(entry.fileName)) throw new Damaged('two entries of the same name');
    entries.set(entry.fileName, entry);
    declared += entry.uncompressedSize;
  }
  // What the zip declares refuses an honest giant at once; the inflated bytes are counted anyway.
  if (declared > IMPORT_LIMITS.unpackedBytes) throw table.tooBig('unpackedBytes');

  let inflated = 0;
  /** Parses one part, if the zip has it, counting every byte it inflates to. */
  const parse = async (name: string, handlers: XmlHandlers): Promise<void> => {
    const entry = entries.get(name);
    if (!entry) return;
    if (entry.isEncrypted()) throw unreadable(fileName, ENCRYPTED);
    if (!entry.canDecodeFileData()) throw new Damaged(`compression method ${entry.compressionMethod}`);
    const stream: Readable = await zip.openReadStreamPromise(entry);
    const parser = new SaxesParser();
    let depth = 0;
    let lastEvent = 0;
    const seen = () => (lastEvent = parser.position);
    parser.on('opentag', (tag) => {
      seen();
      if (++depth > MAX_DEPTH) throw new Damaged('too deep');
      handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>);
    });
    parser.on('closetag', (tag) => {
      seen();
      depth--;
      handlers.close?.(localName(tag.name));
    });
    parser.on('text', (text) => {
      seen();
      handlers.text?.(text);
    });
    parser.on('cdata', (text) => {
      seen();
      handlers.text?.(text);
    });
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > IMPORT_LIMITS.unpackedBytes) throw table.tooBig('unpackedBytes');
      parser.write(decoder.decode(chunk, { stream: true }));
      if (parser.position - lastEvent > MAX_NODE_CHARS) throw new Damaged('endless node');
    }
    parser.write(decoder.decode());
    parser.close();
  };

  // Workbook: its sheets in the order Excel shows them.
  const sheets: { name: string; relation: string; hidden: boolean }[] = [];
  let date1904 = false;
  if (!entries.has('xl/workbook.xml')) throw new Damaged('no workbook');
  await parse('xl/workbook.xml', {
    open(tag, a) {
      if (tag === 'sheet') {
        const relation = Object.entries(a).find(([key]) => key.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: a.name ?? '', relation, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
      } else if (tag === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });

  // Relations: where each sheet, the shared texts and the styles are.
  const targets = new Map<string, string>();
  let sharedPart = 'xl/sharedStrings.xml';
  let stylesPart = 'xl/styles.xml';
  await parse('xl/_rels/workbook.xml.rels', {
    open(tag, a) {
      if (tag !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      const part = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(`xl/${a.Target}`);
      targets.set(a.Id, part);
      if (a.Type?.endsWith('/sharedStrings')) sharedPart = part;
      if (a.Type?.endsWith('/styles')) stylesPart = part;
    },
  });

  // Styles: which cell formats show a number as a date.
  const customFormats = new Map<number, string>();
  const dateStyles: boolean[] = [];
  let inCellFormats = false;
  await parse(stylesPart, {
    open(tag, a) {
      if (tag === 'numFmt') customFormats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (tag === 'cellXfs') inCellFormats = true;
      else if (tag === 'xf' && inCellFormats) {
        const id = Number(a.numFmtId ?? 0);
        const custom = customFormats.get(id);
        dateStyles.push(custom !== undefined ? isDateFormat(custom) : DATE_FORMAT_IDS.has(id));
      }
    },
    close(tag) {
      if (tag === 'cellXfs') inCellFormats = false;
    },
  });

  // Shared texts: each <si>, its runs joined, its phonetic guides (<rPh>) left out.
  const shared: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  await parse(sharedPart, {
    open(tag) {
      if (tag === 'si') current = '';
      else if (tag === 't') inText = true;
      else if (tag === 'rPh') phonetic++;
    },
    close(tag) {
      if (tag === 't') inText = false;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'si') {
        if (shared.length >= IMPORT_LIMITS.cells) throw table.tooBig('cells');
        shared.push(detach(current));
        table.countText(current.length);
      }
    },
    text(text) {
      if (inText && phonetic === 0) current += text;
    },
  });

  for (const sheet of sheets) {
    const part = targets.get(sheet.relation);
    // A hidden sheet is not what the secretary sees in Excel: never the one imported.
    if (sheet.hidden || !part || !entries.has(part)) continue;
    await parse(part, sheetReader(table, shared, dateStyles, date1904));
    if (table.rows.length > 0) return sheet.name;
  }
  return null;
}

/** The rows of a sheet, cell by cell, handed to the table as each <row> ends. */
function sheetReader(table: TableBuilder, shared: string[], dateStyles: boolean[], date1904: boolean): XmlHandlers {
  let line = 0;
  let cells: string[] = [];
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inline = '';
  let inValue = false;
  let inInline = false;
  let inText = false;
  let phonetic = 0;

  const cellText = (): string => {
    switch (type) {
      case 's': {
        const index = Number(value);
        return Number.isInteger(index) && index >= 0 && index < shared.length ? shared[index]! : '';
      }
      case 'inlineStr':
        return inline;
      case 'str':
        return value;
      case 'b':
        return value === '1' ? 'oui' : value === '0' ? 'non' : '';
      case 'e':
        return '';
      case 'd':
        return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
      default: {
        if (value.trim() === '') return '';
        const n = Number(value);
        if (!Number.isFinite(n)) return value;
        if (dateStyles[style]) return serialDate(n, date1904);
        return Number.isInteger(n) ? String(n) : String(n).replace('.', ',');
      }
    }
  };

  return {
    open(tag, a) {
      switch (tag) {
        case 'row':
          line = a.r ? Number(a.r) : line + 1;
          cells = [];
          column = -1;
          break;
        case 'c':
          column = a.r ? columnIndex(a.r) : column + 1;
          type = a.t ?? 'n';
          style = Number(a.s ?? 0);
          value = '';
          inline = '';
          break;
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          inText = inInline;
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    close(tag) {
      switch (tag) {
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 't':
          inText = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          const text = cellText();
          if (text === '') break;
          if (column < 0 || column >= IMPORT_LIMITS.columns) throw table.tooBig('columns');
          cells[column] = text;
          break;
        }
        case 'row':
          table.add(line, Array.from(cells, (c) => c ?? ''));
          break;
      }
    },
    text(text) {
      if (inValue) value += text;
      else if (inText && phonetic === 0) inline += text;
    },
  };
}
