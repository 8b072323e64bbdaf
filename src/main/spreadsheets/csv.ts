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

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Parses `text` (already decoded, without BOM), handing each record to `onRecord` with the line it
 * starts on, as soon as it ends: a reader checks its limits record by record, nothing is kept here.
 * `onRecord` returns false to stop. Fields are cut out of `text` rather than built character by
 * character: a 50 MB file parses in a fraction of the time and memory.
 */
export function parseCsv(text: string, separator: string, onRecord: (fields: string[], line: number) => boolean | void): void {
  const sep = separator.charCodeAt(0);
  const n = text.length;
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  /** The end of an unquoted run: the next separator or line break. */
  const runEnd = (from: number) => {
    let j = from;
    for (let c = text.charCodeAt(j); j < n && c !== sep && c !== CR && c !== LF; c = text.charCodeAt(++j));
    return j;
  };
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      // A quoted field may hold separators, line breaks and doubled quotes.
      const quoteLine = line;
      let start = ++i;
      field = '';
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) throw new CsvError(`Guillemet non refermé à partir de la ligne ${quoteLine} : une cellule commence par « " » sans guillemet de fin.`, quoteLine);
        for (let j = start; j < close; j++) {
          const c = text.charCodeAt(j);
          if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) line++;
        }
        field += text.slice(start, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          i = close + 1;
          break;
        }
        field += '"';
        i = start = close + 2;
      }
      // Text after the closing quote stays in the field, as Excel does.
      const end = runEnd(i);
      field += text.slice(i, end);
      i = end;
    } else {
      const end = runEnd(i);
      field = text.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= n) break;
    if (text.charCodeAt(i) === sep) {
      i++;
      if (i === n) fields.push('');
      continue;
    }
    // A line break (CRLF, LF or a lone CR) ends the record.
    const go = onRecord(fields, recordLine) !== false;
    fields = [];
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    recordLine = line;
    if (!go) return;
  }
  if (fields.length > 0) onRecord(fields, recordLine);
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
