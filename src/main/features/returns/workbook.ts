/**
 * The workbook a structure receives: what is asked and by when (« À lire »), its fiches and their
 * indicators with their current state locked and the cells to fill beside them, and the signed
 * stamp (stamp.ts) in a sheet Excel does not show. Only plain features are used (fills, borders,
 * wrapped text, frozen panes, drop-down lists, number and date checks, sheet protection without
 * password), which Excel, LibreOffice and online spreadsheets keep when they save.
 */
// Loaded when a workbook is written: exceljs takes ~0.4 s to load, which every CLI command and app start would pay.
import type ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { formatDate } from '../../../shared/format';
import { actionStatuses, meteos, meteoText } from '../../../shared/labels';
import { sortFrench } from '../../../shared/search';
import { stripForbiddenChars } from '../../../shared/text';
import type { Db } from '../../db/connection';
import { readCommission } from '../../commission-file/commission';
import { FIRST_ROW, HEADER_ROW, columnLetters, MAX_TEXT, SHEETS, ficheFill, ficheLocked, indicatorFill, indicatorLocked, type FicheRowState, type FillColumn, type LockedColumn, type LockedValue } from './layout';
import { STAMP_SHEET, returnsKey, stampCells, type IndicatorState, type Stamp, type StampHeader } from './stamp';

export interface WorkbookContent {
  commission: string;
  secretary: string | null;
  structure: string;
  campaign: { name: string; periodFrom: string; periodTo: string; deadlineOn: string; replyTo: string | null };
  fiches: FicheRowState[];
  indicators: IndicatorState[];
}

/** The last news of a fiche as the workbook shows it: its first line, shortened. */
const LAST_NEWS_CHARS = 280;

function lastNews(text: string | null): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > LAST_NEWS_CHARS ? `${line.slice(0, LAST_NEWS_CHARS - 1)}…` : line;
}

/** What a request's workbook shows, read now. */
export function workbookContent(db: Db, dbPath: string, requestId: string): WorkbookContent {
  const request = db
    .prepare(
      `SELECT r.partner_name, c.name, c.period_from, c.period_to, c.deadline_on, c.reply_to
       FROM return_requests r JOIN return_campaigns c ON c.id = r.campaign_id WHERE r.id = ?`,
    )
    .get(requestId) as { partner_name: string; name: string; period_from: string; period_to: string; deadline_on: string; reply_to: string | null };
  const commission = readCommission(db, dbPath);
  // Fiches in French order of their codes (« A2 » before « A10 »), then of their titles.
  const fiches = sortFrench(
    db
      .prepare(
        `SELECT a.id, a.code, a.title, a.status, a.meteo, a.progress, ra.role,
           (SELECT j.entry_on FROM journal_entries j WHERE j.action_id = a.id ORDER BY j.entry_on DESC, j.created_at DESC LIMIT 1) AS last_on,
           (SELECT j.text FROM journal_entries j WHERE j.action_id = a.id ORDER BY j.entry_on DESC, j.created_at DESC LIMIT 1) AS last_text
         FROM return_request_actions ra JOIN actions a ON a.id = ra.action_id WHERE ra.request_id = ?`,
      )
      .all(requestId) as (Omit<FicheRowState, 'lastOn' | 'lastNews'> & { last_on: string | null; last_text: string | null })[],
    (f) => [f.code, f.title],
  ).map(({ last_on, last_text, ...f }): FicheRowState => ({ ...f, lastOn: last_on, lastNews: lastNews(last_text) }));
  // In the order of their fiches, then in their own order on the fiche (the SQL order, kept by the stable sort).
  const indicators = sortFrench(
    db
      .prepare(
        `SELECT i.id, i.action_id, a.code AS action_code, a.title AS action_title, i.name, i.unit, i.baseline, i.target, i.target_on,
           (SELECT v.value FROM indicator_values v WHERE v.indicator_id = i.id ORDER BY v.measured_on DESC, v.created_at DESC LIMIT 1) AS last_value,
           (SELECT v.measured_on FROM indicator_values v WHERE v.indicator_id = i.id ORDER BY v.measured_on DESC, v.created_at DESC LIMIT 1) AS last_on
         FROM return_request_actions ra JOIN actions a ON a.id = ra.action_id JOIN indicators i ON i.action_id = a.id
         WHERE ra.request_id = ? ORDER BY a.id, i.sort_order, i.created_at`,
      )
      .all(requestId) as {
      id: string;
      action_id: string;
      action_code: string | null;
      action_title: string;
      name: string;
      unit: string | null;
      baseline: number | null;
      target: number | null;
      target_on: string | null;
      last_value: number | null;
      last_on: string | null;
    }[],
    (i) => [i.action_code, i.action_title],
  ).map(
    (i): IndicatorState => ({
      id: i.id,
      actionId: i.action_id,
      actionCode: i.action_code,
      name: i.name,
      unit: i.unit,
      baseline: i.baseline,
      target: i.target,
      targetOn: i.target_on,
      lastValue: i.last_value,
      lastOn: i.last_on,
    }),
  );
  return {
    commission: commission.name,
    secretary: commission.secretaryName,
    structure: request.partner_name,
    campaign: { name: request.name, periodFrom: request.period_from, periodTo: request.period_to, deadlineOn: request.deadline_on, replyTo: request.reply_to },
    fiches,
    indicators,
  };
}

/** The stamp of a workbook made now for this content. */
export function stampFor(content: WorkbookContent, header: Omit<StampHeader, 'workbookId' | 'madeAt'>, now: Date): Stamp {
  return {
    header: { ...header, workbookId: randomUUID(), madeAt: now.toISOString() },
    rows: [
      ...content.fiches.map((state, i) => ({ kind: 'fiche' as const, row: FIRST_ROW + i, state })),
      ...content.indicators.map((state, i) => ({ kind: 'indicator' as const, row: FIRST_ROW + i, state })),
    ],
  };
}

/** A request's workbook, made now: its bytes and its stamp. */
export async function requestWorkbook(db: Db, dbPath: string, requestId: string, now: Date): Promise<{ bytes: Buffer; content: WorkbookContent }> {
  const { campaign_id: campaignId } = db.prepare('SELECT campaign_id FROM return_requests WHERE id = ?').get(requestId) as { campaign_id: string };
  const key = returnsKey(db, now);
  const content = workbookContent(db, dbPath, requestId);
  const stamp = stampFor(content, { commissionUid: key.commissionUid, campaignId, requestId }, now);
  return { bytes: await buildWorkbook(content, stampCells(stamp, key.secret)), content };
}

/** Named on every styled cell: a font without a name falls back to a serif one in LibreOffice. */
const FONT = { name: 'Calibri', size: 11 };
const COLOURS = { ink: 'FF16254A', locked: 'FFF1F3F6', fill: 'FFFFF6D5', fillHeader: 'FF8A5A00', border: 'FFB8C0CC', warning: 'FFB42318', warningBack: 'FFFDECEA' };
const thin = { style: 'thin' as const, color: { argb: COLOURS.border } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
/** Protection that stops typing over the locked cells and lets the partner widen columns and rows. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };

const clean = (value: LockedValue): ExcelJS.CellValue => (typeof value === 'string' ? stripForbiddenChars(value) : value);

export async function buildWorkbook(content: WorkbookContent, stamp: string[][]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Maillage';
  workbook.title = `${content.campaign.name} – ${content.structure}`;
  await readme(workbook.addWorksheet(SHEETS.readme, sheetOptions({ orientation: 'portrait' })), content);
  await dataSheet(workbook, SHEETS.fiches, content.fiches, ficheLocked, ficheFill, {
    title: `Fiches actions de ${content.structure}`,
    hint: `Remplissez les colonnes jaunes (${columnLetters(ficheLocked.length + 1)} à ${columnLetters(ficheLocked.length + ficheFill.length)}) avant le ${formatDate(content.campaign.deadlineOn)}. Laissez vide ce qui ne change pas.`,
    // Room for a few lines of news in each row.
    rowHeight: 60,
  });
  await dataSheet(workbook, SHEETS.indicators, content.indicators, indicatorLocked, indicatorFill, {
    title: `Indicateurs des fiches de ${content.structure}`,
    hint: content.indicators.length
      ? 'Indiquez la nouvelle valeur et sa date dans les colonnes jaunes ; laissez vide un indicateur que vous ne pouvez pas mesurer.'
      : 'Ces fiches n’ont pas d’indicateur : rien à remplir ici.',
    rowHeight: 30,
  });
  const stampSheet = workbook.addWorksheet(STAMP_SHEET, { state: 'veryHidden' });
  stampSheet.addRows(stamp.map((row) => row.map((cell) => stripForbiddenChars(cell))));
  await stampSheet.protect('', PROTECTION);
  // Stored, not deflated: exceljs deflates with pure JavaScript, which took a fifth of the time of preparing
  // 100 workbooks (bench/returns.ts); stored, a workbook still weighs well under 200 KB.
  return Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions));
}

function sheetOptions({ orientation, frozen }: { orientation: 'portrait' | 'landscape'; frozen?: { x: number; y: number } }): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: frozen ? [{ state: 'frozen', xSplit: frozen.x, ySplit: frozen.y }] : [{}],
    pageSetup: { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
  };
}

async function readme(ws: ExcelJS.Worksheet, content: WorkbookContent): Promise<void> {
  const { campaign } = content;
  ws.getColumn(1).width = 76;
  const to = campaign.replyTo ? `à ${campaign.replyTo}` : 'au secrétariat de la commission';
  const lines: { text: string; style?: 'title' | 'heading' | 'warning' }[] = [
    { text: campaign.name, style: 'title' },
    { text: content.commission },
    { text: '' },
    { text: `Ce classeur a été préparé pour ${content.structure}.` },
    {
      text: `La commission fait le point sur les fiches actions que votre structure pilote ou auxquelles elle contribue, pour la période du ${formatDate(campaign.periodFrom)} au ${formatDate(campaign.periodTo)}. Merci de le remplir et de le renvoyer ${to} avant le ${formatDate(campaign.deadlineOn)}.`,
    },
    { text: '' },
    { text: 'Comment le remplir', style: 'heading' },
    { text: `1. Feuille « ${SHEETS.fiches} » : pour chaque fiche, choisissez s’il y a lieu le nouveau statut et la nouvelle météo dans les listes, indiquez l’avancement (0 à 100) et décrivez en quelques lignes ce qui a été fait, les difficultés et les prochaines étapes.` },
    { text: `2. Feuille « ${SHEETS.indicators} » : indiquez la nouvelle valeur de chaque indicateur que vous mesurez, et la date de cette mesure (jj/mm/aaaa).` },
    { text: '3. Ne remplissez que les cellules jaunes. Les colonnes grises rappellent ce que la commission sait aujourd’hui : ne les modifiez pas, n’ajoutez ni ne supprimez de ligne, de colonne ou de feuille. Un classeur modifié ailleurs que dans les cellules jaunes ne pourrait pas être pris en compte.' },
    { text: '4. Enregistrez le classeur au format Excel (.xlsx), sans changer son nom si possible, et renvoyez-le en pièce jointe.' },
    { text: '' },
    { text: 'Aucune donnée personnelle sur les victimes ni sur les mineurs', style: 'heading' },
    {
      text: 'N’écrivez jamais le nom, le prénom, les initiales, la date de naissance, l’adresse, l’établissement ou tout détail qui permettrait de reconnaître une victime, une personne accompagnée ou un mineur. Donnez des nombres et des faits généraux.',
      style: 'warning',
    },
    { text: '' },
    { text: `Pour toute question : ${[content.secretary, campaign.replyTo].filter(Boolean).join(', ') || 'le secrétariat de la commission'}.` },
  ];
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = stripForbiddenChars(line.text);
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (line.style === 'title') cell.font = { ...FONT, bold: true, size: 15, color: { argb: COLOURS.ink } };
    if (line.style === 'heading') cell.font = { ...FONT, bold: true, size: 12, color: { argb: COLOURS.ink } };
    if (line.style === 'warning') {
      cell.font = { ...FONT, bold: true, color: { argb: COLOURS.warning } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.warningBack } };
      cell.border = { top: { style: 'medium', color: { argb: COLOURS.warning } }, left: { style: 'medium', color: { argb: COLOURS.warning } }, bottom: { style: 'medium', color: { argb: COLOURS.warning } }, right: { style: 'medium', color: { argb: COLOURS.warning } } };
    }
    // LibreOffice does not grow a row for wrapped text it did not lay out itself: give long lines their height.
    if (line.text.length > 76) ws.getRow(i + 1).height = 15 * Math.ceil(line.text.length / 70) + 4;
  });
  await ws.protect('', PROTECTION);
}


async function dataSheet<S>(
  workbook: ExcelJS.Workbook,
  name: string,
  rows: readonly S[],
  locked: readonly LockedColumn<S>[],
  fill: readonly FillColumn[],
  text: { title: string; hint: string; rowHeight: number },
): Promise<void> {
  const ws = workbook.addWorksheet(name, sheetOptions({ orientation: 'landscape', frozen: { x: 2, y: HEADER_ROW } }));
  const columns = [...locked.map((c) => ({ ...c, locked: true as const })), ...fill.map((c) => ({ ...c, locked: false as const }))];
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.getCell(1, 1).value = stripForbiddenChars(text.title);
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 13, color: { argb: COLOURS.ink } };
  ws.getCell(2, 1).value = text.hint;
  ws.getCell(2, 1).font = { ...FONT, italic: true };
  const header = ws.getRow(HEADER_ROW);
  // Three lines of a header (« Date de la dernière valeur ») in a narrow column.
  header.height = 46;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.locked ? COLOURS.ink : COLOURS.fillHeader } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  rows.forEach((state, r) => {
    const row = ws.getRow(FIRST_ROW + r);
    row.height = text.rowHeight;
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (c.locked) {
        cell.value = clean(c.value(state));
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.locked } };
      } else {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.fill } };
        cell.protection = { locked: false };
        fillCheck(cell, c);
      }
    });
  });
  await ws.protect('', PROTECTION);
}

const STATUS_LIST = `"${actionStatuses.codes.map((c) => actionStatuses.labels[c]).join(',')}"`;
const METEO_LIST = `"${meteos.codes.map((c) => meteoText(c)).join(',')}"`;

/** The drop-down list or the check Excel and LibreOffice apply when the partner types. */
function fillCheck(cell: ExcelJS.Cell, column: FillColumn): void {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, promptTitle: column.header, prompt: column.prompt, errorTitle: column.header };
  switch (column.kind) {
    case 'status':
      cell.dataValidation = { ...common, type: 'list', formulae: [STATUS_LIST], error: 'Choisissez un statut dans la liste.' };
      break;
    case 'meteo':
      cell.dataValidation = { ...common, type: 'list', formulae: [METEO_LIST], error: 'Choisissez une météo dans la liste.' };
      break;
    case 'progress':
      cell.numFmt = '0';
      cell.dataValidation = { ...common, type: 'whole', operator: 'between', formulae: [0, 100], error: 'L’avancement est un nombre entier de 0 à 100.' };
      break;
    case 'decimal':
      cell.dataValidation = { ...common, type: 'decimal', operator: 'between', formulae: [-1e12, 1e12], error: 'Indiquez un nombre, sans unité (exemple : 42 ou 12,5).' };
      break;
    case 'date':
      cell.numFmt = 'dd/mm/yyyy';
      cell.dataValidation = {
        ...common,
        type: 'date',
        operator: 'between',
        formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
        error: 'Indiquez une date au format jj/mm/aaaa.',
      };
      break;
    case 'text':
      cell.dataValidation = { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [MAX_TEXT], error: `Ce texte est trop long (${MAX_TEXT} caractères au plus).` };
      break;
  }
}
