/**
 * The table a spreadsheet file is read into, and the limits that bound it. Every limit is checked
 * while the file is read, row by row and cell by cell, never after: a few megabytes of .xlsx can hold
 * millions of rows, a CSV line millions of columns, and reading such a file whole first would take
 * gigabytes. A commission's directory or parcours register is a few thousand rows.
 */
import { ApiError } from '../../shared/errors';
import { formatInteger } from '../../shared/format';
import { cleanForeignText } from '../../shared/text';

export const IMPORT_LIMITS = {
  /** The file itself, checked before it is read. */
  fileBytes: 50 * 1024 * 1024,
  /** What an .xlsx inflates to, counted as it inflates (never the sizes the zip declares). */
  unpackedBytes: 200_000_000,
  zipEntries: 10_000,
  rows: 100_000,
  columns: 200,
  /**
   * Cells kept, empty ones inside a row included (50,000 rows of 20 columns), and characters kept
   * (cells, and the shared texts of an .xlsx): what keeps the largest table accepted, read in the
   * worker then copied to the main thread, under 300 MB (test/integration/import-files.test.ts).
   */
  cells: 1_000_000,
  textChars: 20_000_000,
};

export interface RawRow {
  /** Row number in the file as Excel shows it (1-based). */
  line: number;
  /** Trimmed text, without trailing empty cells. */
  cells: string[];
  /** Columns (0-based) whose cell lost invisible or control characters: an import that reads one says so. */
  cleaned?: number[];
}

export interface RawTable {
  /** What the user is told: « Classeur Excel, feuille « Partenaires » », « Fichier CSV enregistré par Excel ». */
  formatLabel: string;
  format: 'xlsx' | 'csv';
  /** Non-empty rows. */
  rows: RawRow[];
  /** About the whole file (its encoding, characters removed), shown with the import's report. */
  warnings: string[];
}

export function unreadable(fileName: string, why: string): ApiError {
  return new ApiError('validation', `Le fichier « ${fileName} » ne peut pas être importé : ${why}`);
}

export function tooBig(fileName: string, what: string): ApiError {
  return unreadable(fileName, `il dépasse ${what}. Un annuaire de partenaires ou un registre tient largement en dessous : vérifiez que c’est le bon fichier, ou découpez-le.`);
}

/**
 * Collects the rows of a file as its reader finds them, each cell cleaned of the characters that
 * documents refuse or that hide what a text is (shared/text.ts), and refuses the file as soon as
 * one of IMPORT_LIMITS is passed.
 */
export class TableBuilder {
  readonly rows: RawRow[] = [];
  private cells = 0;
  private chars = 0;

  constructor(private readonly fileName: string) {}

  /** One row as read (cells not yet cleaned nor trimmed); an empty row is left out. */
  add(line: number, raw: readonly string[]): void {
    // Readers bound a row's width before it gets here (csv.ts's scan, xlsx.ts's column check).
    const cells = raw.map((value) => cleanForeignText(value).trim());
    let width = cells.length;
    while (width > 0 && cells[width - 1] === '') width--;
    if (width === 0) return;
    if (width > IMPORT_LIMITS.columns) throw this.tooBig('columns');
    // The header and up to `rows` rows under it.
    if (this.rows.length > IMPORT_LIMITS.rows) throw this.tooBig('rows');
    this.cells += width;
    if (this.cells > IMPORT_LIMITS.cells) throw this.tooBig('cells');
    cells.length = width;
    let cleaned: number[] | undefined;
    let chars = 0;
    for (let i = 0; i < width; i++) {
      if (cells[i] !== raw[i]!.trim()) (cleaned ??= []).push(i);
      chars += cells[i]!.length;
    }
    this.countText(chars);
    this.rows.push(cleaned ? { line, cells: detach(cells), cleaned } : { line, cells: detach(cells) });
  }

  /** Text held for the file besides its cells (an .xlsx's shared texts). */
  countText(chars: number): void {
    this.chars += chars;
    if (this.chars > IMPORT_LIMITS.textChars) throw this.tooBig('textChars');
  }

  tooBig(limit: 'rows' | 'columns' | 'cells' | 'textChars' | 'unpackedBytes' | 'zipEntries'): ApiError {
    const what = {
      rows: `${formatInteger(IMPORT_LIMITS.rows)} lignes`,
      columns: `${formatInteger(IMPORT_LIMITS.columns)} colonnes`,
      cells: `${formatInteger(IMPORT_LIMITS.cells)} cellules`,
      textChars: `${formatInteger(IMPORT_LIMITS.textChars / 1_000_000)} millions de caractères de texte`,
      unpackedBytes: `${formatInteger(IMPORT_LIMITS.unpackedBytes / 1_000_000)} Mo une fois décompressé`,
      zipEntries: `${formatInteger(IMPORT_LIMITS.zipEntries)} fichiers internes`,
    }[limit];
    return tooBig(this.fileName, what);
  }
}

/**
 * A copy of `value` (strings, or arrays of them) that holds nothing else. V8 keeps a piece cut from
 * a longer string (saxes cuts cells out of the chunks of XML it is given) as a view of it: a kept cell
 * of 20 characters keeps its whole chunk alive, and a sheet's cells the whole sheet (measured: 5 GB
 * for 300,000 cells cut from 16 KB chunks, 15 MB once copied). JSON.parse makes new strings, quicker
 * than any other copy measured (0.6 µs a cell).
 */
export function detach<T extends string | string[]>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
