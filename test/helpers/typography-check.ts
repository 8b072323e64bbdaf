/**
 * Typography defects a reader sees in a PDF's text (pdftotext, one line per printed line): a line that
 * starts with « : ; ! ? » % », a date, a number or a code cut across two lines, a guillemet left alone
 * at the end of a line.
 */
const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const WEEKDAYS = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche';

const CUTS: { what: string; end: RegExp; start: RegExp }[] = [
  { what: 'jour / mois', end: /(?:^|\s)(?:\d{1,2}|1er)$/, start: new RegExp(`^(?:${MONTHS})\\b`, 'i') },
  { what: 'mois / année', end: new RegExp(`(?:${MONTHS})$`, 'i'), start: /^\d{4}\b/ },
  { what: 'jour de la semaine / date', end: new RegExp(`\\b(?:${WEEKDAYS})$`, 'i'), start: /^(?:\d{1,2}|1er)\b/ },
  { what: 'date jj/mm/aaaa', end: /\b\d{1,2}\/(?:\d{1,2}\/?)?$/, start: /^\d/ },
  { what: 'heure', end: /\b\d{1,2}\s+h$/, start: /^\d{2}\b/ },
  { what: 'heure', end: /\b\d{1,2}$/, start: /^h\s+\d{2}\b/ },
  { what: 'nombre', end: /(?:^|\s)\d{1,3}$/, start: /^\d{3}\b(?![/.,]\d)/ },
  { what: 'code', end: /\b[A-Z]{1,6}[-‑]$/, start: /^\d/ },
];

/**
 * `figureCells`: pdftotext writes each cell of a table on a line of its own, so two figures alone on
 * consecutive lines are two cells of a row of figures (« 12 » / « 270 »), not a number cut in two.
 */
export function typographyDefects(pdfText: string, options: { figureCells?: boolean } = {}): string[] {
  const lines = pdfText
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0\u202f\u2060]+/g, ' ').trim())
    .filter((l) => l !== '' && !l.startsWith('\f'));
  const defects: string[] = [];
  lines.forEach((line, i) => {
    if (/^[:;!?»%]/.test(line)) defects.push(`ligne commençant par une ponctuation : « ${line} »`);
    if (/«$/.test(line)) defects.push(`guillemet ouvrant en fin de ligne : « ${line} »`);
    const next = lines[i + 1];
    if (next === undefined) return;
    const cells = options.figureCells && /^[\d ]+$/.test(line) && /^[\d ]+$/.test(next);
    for (const cut of CUTS) if (cut.end.test(line) && cut.start.test(next) && !(cells && cut.what === 'nombre')) defects.push(`${cut.what} coupé : « ${line} » / « ${next} »`);
  });
  return defects;
}

/** Whitespace, no-break spaces and the invisible joiners included: what separates the words of a text. */
const SPACES = /[\s\u00a0\u202f\u2060]+/;

/**
 * Words cut mid-word by the layout (« Renouvellemen » / « t n° 1 », « Avanc » / « . »), which LibreOffice does
 * when a word is wider than its table column: the last word of a line and the first of the next make a word of
 * the document (`sourceWords`, from the .docx), which one of them alone is not. A break after a hyphen or a
 * slash is where French allows one.
 */
export function midWordSplits(pdfText: string, sourceWords: ReadonlySet<string>): string[] {
  const lines = pdfText
    .split('\n')
    .map((l) => l.replace(/\f/g, '').trim())
    .filter((l) => l !== '');
  const splits: string[] = [];
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (next === undefined) return;
    const a = line.split(SPACES).at(-1)!;
    const b = next.split(SPACES)[0]!;
    if (!/\p{L}$/u.test(a) || !sourceWords.has(a + b)) return;
    if (!sourceWords.has(a) || !sourceWords.has(b)) splits.push(`mot coupé : « ${line} » / « ${next} »`);
  });
  return splits;
}

/** The words of a text as `midWordSplits` compares them, hyphens read as pdftotext reads them. */
export function wordsOf(text: string): Set<string> {
  return new Set(text.replace(/\u2011/g, '-').split(SPACES).filter(Boolean));
}
