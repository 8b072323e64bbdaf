/**
 * CSV reading as spreadsheets write it (RFC 4180 plus what Excel tolerates): quoted fields may hold
 * separators, doubled quotes and line breaks; CRLF, LF and lone CR all end a record.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based line of the file where the problem starts. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * Parses `text` (already decoded, without BOM), handing each record to `onRecord` with the line it
 * starts on, as soon as it ends: a reader checks its limits record by record, nothing is kept here.
 * `onRecord` returns false to stop.
 */
export function parseCsv(text: string, separator: string, onRecord: (fields: string[], line: number) => boolean | void): void {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteLine = 0;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = (): boolean => {
    fields.push(field);
    const go = onRecord(fields, recordLine) !== false;
    fields = [];
    field = '';
    return go;
  };
  while (i < n) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        // Text after a closing quote stays in the field, as Excel does.
        inQuotes = false;
        i++;
        continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
      i++;
      continue;
    }
    if (ch === separator) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (!endRecord()) return;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (inQuotes) {
    throw new CsvError(`Guillemet non refermé à partir de la ligne ${quoteLine} : une cellule commence par « " » sans guillemet de fin.`, quoteLine);
  }
  if (field !== '' || fields.length > 0) endRecord();
}

/** The first `count` records of `text` with more than one field or a non-blank one. */
function firstRecords(text: string, separator: string, count: number): string[][] {
  const records: string[][] = [];
  parseCsv(text, separator, (fields) => {
    if (fields.some((v) => v.trim() !== '')) records.push(fields);
    return records.length < count;
  });
  return records;
}

const CANDIDATES = [';', ',', '\t'];

/**
 * The separator that splits the first records into the most columns, consistently: a `;` file
 * whose addresses hold commas still reads as `;`. Errors (unbalanced quotes) are left for the real parse.
 */
export function detectSeparator(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = ';';
  let bestScore = 0;
  for (const separator of CANDIDATES) {
    let records: string[][];
    try {
      records = firstRecords(sample, separator, 50);
    } catch {
      // The sample may cut a quoted field in two: count what came before it.
      const cut = sample.lastIndexOf('\n', sample.length - 1);
      try {
        records = firstRecords(sample.slice(0, cut > 0 ? cut : 0), separator, 50);
      } catch {
        continue;
      }
    }
    const counts = new Map<number, number>();
    for (const r of records) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    for (const [width, times] of counts) {
      const score = width * times;
      if (score > bestScore) {
        bestScore = score;
        best = separator;
      }
    }
  }
  return best;
}
