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
