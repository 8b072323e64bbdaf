/**
 * Reads the spreadsheets secretaries really have into rows of text: CSV from French Excel (`;`,
 * Windows-1252), UTF-8 CSV with or without BOM, comma or tab CSV, UTF-16 « texte Unicode », and .xlsx.
 * Any file that is none of these gets a French message saying what to do. It runs in a worker
 * thread (read-in-worker.ts), never in the app's main process.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ApiError } from '../../shared/errors';
import { joinFrench, nounFor, plural } from '../../shared/format';
import { readFileUpTo } from '../platform/files';
import { CsvError, detectSeparator, parseCsv } from './csv';
import { IMPORT_LIMITS, TableBuilder, unreadable, type RawTable } from './table';
import { ENCRYPTED, readXlsx } from './xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const TOO_LARGE = `il dépasse ${IMPORT_LIMITS.fileBytes / 1024 / 1024} Mo. Découpez-le en plusieurs fichiers.`;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Reads the table of a file to import; its size is checked first, and every limit while reading. */
export async function readTableFile(path: string, fileName: string): Promise<RawTable> {
  const head = readHead(path, fileName);
  const table = new TableBuilder(fileName);
  let result: RawTable;
  if (startsWith(head, ZIP)) {
    const sheet = await readXlsx(path, fileName, table);
    if (sheet === null) throw unreadable(fileName, 'ce classeur ne contient aucune feuille remplie.');
    result = { format: 'xlsx', formatLabel: `Classeur Excel, feuille « ${sheet} »`, rows: table.rows, warnings: [] };
  } else {
    result = readCsv(decodeFile(path, fileName), fileName, table);
  }
  if (result.rows.length === 0) throw unreadable(fileName, 'il ne contient aucune ligne.');
  return result;
}

/** The first bytes, which tell the format; a file too large or empty is refused here, unread. */
function readHead(path: string, fileName: string): Buffer {
  let fd: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    if (stat.size === 0) throw unreadable(fileName, 'il est vide.');
    if (stat.size > IMPORT_LIMITS.fileBytes) throw unreadable(fileName, TOO_LARGE);
    fd = openSync(path, 'r');
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('io', `Impossible de lire le fichier « ${fileName} ».`);
  }
  try {
    const head = Buffer.alloc(8);
    return head.subarray(0, readSync(fd, head, 0, 8, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Excel's own files in the old compound format: a workbook encrypted with a password (its .xlsx is
 * then wrapped in an « EncryptedPackage » stream), or an Excel 97-2003 workbook.
 */
function oleProblem(bytes: Buffer): string {
  if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) return ENCRYPTED;
  return 'c’est un classeur Excel 97-2003 (.xls). Dans Excel, choisissez « Enregistrer sous » au format .xlsx ou CSV, puis importez ce fichier.';
}

/** How many times something was found, and the first few text lines (1-based) where, for a warning. */
interface Found {
  count: number;
  lines: number[];
}

function note(found: Found, line: number): void {
  found.count++;
  if (found.lines.at(-1) !== line && found.lines.length < 5) found.lines.push(line);
}

function linesWhere(text: string, test: (code: number) => boolean): Found {
  const found: Found = { count: 0, lines: [] };
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) line++;
    else if (test(code)) note(found, line);
  }
  return found;
}

const atLines = (lines: number[]) => `${nounFor(lines.length, 'ligne')} ${joinFrench(lines.map(String))}${lines.length === 5 ? '…' : ''}`;

/** The valid multi-byte UTF-8 sequences and the bytes that are not UTF-8, counted on the bytes without decoding them. */
function utf8Census(bytes: Uint8Array): { valid: Found; invalid: Found } {
  const valid: Found = { count: 0, lines: [] };
  const invalid: Found = { count: 0, lines: [] };
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 10) line++;
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
    const second = bytes[i + 1]!;
    if (ok && ((b === 0xe0 && second < 0xa0) || (b === 0xed && second >= 0xa0) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second >= 0x90))) ok = false;
    if (ok) {
      note(valid, line);
      i += length;
    } else {
      note(invalid, line);
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * The text of a CSV file and its encoding. A BOM decides. Otherwise the rule is: UTF-8 unless most
 * of its non-ASCII characters are not valid UTF-8. A UTF-8 file with a few bytes of another encoding
 * (one pasted name) stays UTF-8, those bytes shown as « � »; a Windows-1252 file (French Excel's
 * « CSV (séparateur : point-virgule) ») with a few UTF-8 characters stays Windows-1252. Either way
 * the import's report says which lines to check.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'UTF-16' | 'Windows-1252'; warning: string | null } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: asBuffer(bytes.subarray(2)).toString('utf16le'), encoding: 'UTF-16', warning: null };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // Valid UTF-8, the usual case, is told natively; the census is for the others.
  const { valid, invalid } = isUtf8(bytes) ? { valid: { count: 1, lines: [] }, invalid: { count: 0, lines: [] } } : utf8Census(bom ? bytes.subarray(3) : bytes);
  if (bom || invalid.count === 0 || valid.count > invalid.count) {
    return {
      text: asBuffer(bom ? bytes.subarray(3) : bytes).toString('utf8'),
      encoding: 'UTF-8',
      warning:
        invalid.count === 0
          ? null
          : `Le fichier est en UTF-8, mais ${plural(invalid.count, 'caractère n’y est pas valide', 'caractères n’y sont pas valides')} (${atLines(invalid.lines)}) : ${nounFor(invalid.count, 'il est remplacé', 'ils sont remplacés')} par « � ». Corrigez ces lignes dans le fichier, ou après l’import.`,
    };
  }
  return {
    text: decodeWindows1252(bytes),
    encoding: 'Windows-1252',
    warning:
      valid.count === 0
        ? null
        : `Le fichier est lu comme un CSV d’Excel (Windows-1252), mais ${plural(valid.count, 'caractère semble enregistré', 'caractères semblent enregistrés')} en UTF-8 (${atLines(valid.lines)}) : ${nounFor(valid.count, 'il s’affiche', 'ils s’affichent')} mal (« Ã© » au lieu de « é »). Vérifiez ces lignes après l’import, ou enregistrez le fichier en « CSV UTF-8 » depuis Excel.`,
  };
}

// Bytes 0x80–0x9F of Windows-1252 (’ – € œ …); the five unassigned ones stay control characters.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Node 20's TextDecoder('windows-1252') decodes as Latin-1 and loses ’, –, €, œ; Latin-1 plus this
 * table is exact on every runtime.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/**
 * Node's Buffer decodes into a string directly; TextDecoder goes through a UTF-16 copy of the
 * whole file first (100 MB more for a 50 MB file, measured).
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Control characters no text file means: C0 but tab and line breaks, DEL, C1. */
const isControl = (c: number) => (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f);

/** The file's text; its bytes are let go as soon as it is decoded (a 50 MB file is read whole). */
function decodeFile(path: string, fileName: string): ReturnType<typeof decodeCsv> {
  const bytes = readFileUpTo(path, IMPORT_LIMITS.fileBytes);
  if (!bytes) throw unreadable(fileName, TOO_LARGE);
  if (startsWith(bytes, OLE)) throw unreadable(fileName, oleProblem(bytes));
  return decodeCsv(bytes);
}

function readCsv({ text, encoding, warning }: ReturnType<typeof decodeCsv>, fileName: string, table: TableBuilder): RawTable {
  const warnings = warning ? [warning] : [];
  // A text file has no NUL; binary files (PDF, images, random bytes) are full of them.
  if (text.includes('\u0000')) {
    throw unreadable(fileName, 'ce n’est ni un fichier CSV ni un classeur Excel (.xlsx). Enregistrez la liste depuis Excel au format .xlsx ou CSV.');
  }
  // Other control characters are removed from the cells (TableBuilder); many of them are worth a word.
  const controls = linesWhere(text, isControl);
  if (controls.count > text.length / 100) {
    warnings.push(
      `Le fichier contient ${plural(controls.count, 'caractère de contrôle', 'caractères de contrôle')} (${atLines(controls.lines)}), invisibles dans Excel : ils ont été supprimés. Vérifiez que c’est bien le bon fichier.`,
    );
  }
  const separator = detectSeparator(text);
  // Before parsing: a line with thousands of separators would become thousands of cells.
  const sep = separator.charCodeAt(0);
  let perLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) perLine = 0;
    else if (c === sep && ++perLine >= IMPORT_LIMITS.columns * 5) throw table.tooBig('columns');
  }
  // Excel opens each record as one row, however many text lines its quoted cells span: the row number
  // the user sees is the record's rank, not the text line it starts on.
  let rank = 0;
  try {
    parseCsv(text, separator, (fields) => table.add(++rank, fields));
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(fileName, `${error.message} Corrigez le fichier dans Excel ou un éditeur de texte, puis recommencez.`);
    throw error;
  }
  return { format: 'csv', formatLabel: csvFormatLabel(encoding, separator), rows: table.rows, warnings };
}

/** The format in the words of Excel's « Enregistrer sous » menu, which is how secretaries know their files. */
function csvFormatLabel(encoding: string, separator: string): string {
  if (encoding === 'UTF-16') return 'Fichier texte Unicode enregistré par Excel';
  if (encoding === 'Windows-1252') return 'Fichier CSV enregistré par Excel';
  return separator === ';' ? 'Fichier CSV UTF-8 enregistré par Excel' : 'Fichier CSV UTF-8';
}

