/**
 * A returned workbook, checked and read: its stamp verified (stamp.ts), its campaign and structure
 * found, every locked cell compared with what the stamp says it showed, then each cell the
 * structure filled read and checked (statuses and météos in the app's words, progress 0 to 100,
 * numbers, dates, text lengths). A file that fails a check of its identity or of its locked cells is
 * refused whole, with the reason; a value that fails its own check is a problem of that line only.
 */
import { createHash } from 'node:crypto';
import { formatDate, parseFrenchDate, parseFrenchNumber } from '../../../shared/format';
import { actionStatuses, meteoMeanings, meteos, meteoText, type ActionStatus, type Meteo } from '../../../shared/labels';
import type { ReturnProblem } from '../../../shared/model/returns';
import { foldText } from '../../../shared/search';
import type { Db } from '../../db/connection';
import { readWorkbookCells, type ReadCell, type SheetCells } from '../../spreadsheets/workbook-cells';
import { ApiError } from '../../../shared/errors';
import { requestRow, type RequestRow } from './campaigns';
import { HEADER_ROW, MAX_TEXT, SHEETS, columnLetters, columnName, comparable, ficheFill, ficheLocked, indicatorFill, indicatorLocked, type FillColumn, type LockedColumn } from './layout';
import { STAMP_SHEET, checkStamp, type FicheState, type IndicatorState, type Stamp } from './stamp';

/** A value the structure wrote, with what is worth saying about its cell. */
export interface Answer<T> {
  value: T;
  note: string | null;
}

export interface FicheAnswers {
  row: number;
  state: FicheState;
  status?: Answer<ActionStatus>;
  meteo?: Answer<Meteo>;
  progress?: Answer<number>;
  done?: Answer<string>;
  difficulties?: Answer<string>;
  next?: Answer<string>;
}

export interface IndicatorAnswer {
  row: number;
  state: IndicatorState;
  value: number;
  on: string;
  comment: string | null;
  note: string | null;
}

export interface CheckedReturn {
  ok: true;
  fileName: string;
  stamp: Stamp;
  request: RequestRow;
  campaignName: string;
  fiches: FicheAnswers[];
  indicators: IndicatorAnswer[];
  problems: ReturnProblem[];
  warnings: string[];
  /** The request and what was written for it (in any of its workbooks): the same answers are never taken in twice. */
  fingerprint: string;
}

export interface RefusedReturn {
  ok: false;
  fileName: string;
  reason: string;
  /** What could be told before the refusal. */
  structure: string | null;
  campaign: { id: string; name: string } | null;
}

export type ReadReturn = CheckedReturn | RefusedReturn;

const refused = (fileName: string, reason: string, extra: Partial<RefusedReturn> = {}): RefusedReturn => ({ ok: false, fileName, reason, structure: null, campaign: null, ...extra });

/** Reads and checks one returned file against the campaign it is taken in for. */
export async function readReturn(db: Db, bytes: Buffer, fileName: string, campaignId: string, today: string): Promise<ReadReturn> {
  let sheets: SheetCells[];
  try {
    sheets = await readWorkbookCells(bytes, fileName);
  } catch (error) {
    if (error instanceof ApiError) return refused(fileName, error.message);
    throw error;
  }
  const stampSheet = sheets.find((s) => s.name === STAMP_SHEET);
  const check = checkStamp(db, stampSheet ? textRows(stampSheet) : []);
  const why = (reason: string) => `Le fichier « ${fileName} » ne peut pas être pris en compte : ${reason}`;
  if (!check.ok) return refused(fileName, why(check.reason));
  const { stamp } = check;
  const campaign = db.prepare('SELECT id, name FROM return_campaigns WHERE id = ?').get(stamp.header.campaignId) as { id: string; name: string } | undefined;
  const request = requestRow(db, stamp.header.requestId);
  const structure = request?.partner_name ?? null;
  if (!campaign) return refused(fileName, why('la campagne de remontées pour laquelle il a été préparé a été supprimée.'), { structure });
  if (campaign.id !== campaignId) {
    return refused(fileName, why(`il répond à la campagne « ${campaign.name} », pas à celle-ci. Prenez-le en compte depuis cette campagne.`), { structure, campaign });
  }
  if (!request || request.campaign_id !== campaignId) return refused(fileName, why('la structure pour laquelle il a été préparé n’est plus dans cette campagne.'), { campaign });

  const problems: ReturnProblem[] = [];
  const warnings: string[] = [];
  const fiches: FicheAnswers[] = [];
  const indicators: IndicatorAnswer[] = [];
  const ficheRows = stamp.rows.flatMap((r) => (r.kind === 'fiche' ? [r] : []));
  const indicatorRows = stamp.rows.flatMap((r) => (r.kind === 'indicator' ? [r] : []));
  const parts = [
    { name: SHEETS.fiches, locked: ficheLocked as LockedColumn<unknown>[], fill: ficheFill, rows: ficheRows as { row: number; state: unknown }[] },
    { name: SHEETS.indicators, locked: indicatorLocked as LockedColumn<unknown>[], fill: indicatorFill, rows: indicatorRows as { row: number; state: unknown }[] },
  ];
  for (const part of parts) {
    const sheet = sheets.find((s) => s.name === part.name);
    if (!sheet) return refused(fileName, why(`la feuille « ${part.name} » manque ou a été renommée. Demandez à la structure de remplir le classeur envoyé sans renommer ni supprimer de feuille.`), { structure, campaign });
    const changed = lockedChanges(sheet, part.locked, part.fill, part.rows);
    if (changed.length > 0) {
      const first = changed[0]!;
      const more = changed.length > 1 ? ` (et ${changed.length - 1} autre${changed.length > 2 ? 's' : ''})` : '';
      return refused(
        fileName,
        why(`la cellule verrouillée ${first.cell} de la feuille « ${part.name} » a été modifiée${more} : « ${first.expected} » y est devenu « ${first.found} ». Demandez à la structure de ne remplir que les cellules jaunes du classeur envoyé.`),
        { structure, campaign },
      );
    }
    problems.push(...strayCells(sheet, part.locked.length + part.fill.length, new Set(part.rows.map((r) => r.row))));
  }

  const fichesSheet = sheets.find((s) => s.name === SHEETS.fiches)!;
  for (const { row, state } of ficheRows) {
    const cells = fichesSheet.rows.get(row);
    const answers: FicheAnswers = { row, state };
    const read = (column: FillColumn, index: number) => {
      const cell = cells?.get(ficheLocked.length + index + 1);
      return cell ? fillValue(cell, column, today, (message) => problems.push({ sheet: SHEETS.fiches, row, column: columnName(ficheLocked.length + index + 1, column.header), message })) : undefined;
    };
    ficheFill.forEach((column, index) => {
      const answer = read(column, index);
      if (answer) Object.assign(answers, { [column.key]: answer });
    });
    fiches.push(answers);
  }

  const indicatorsSheet = sheets.find((s) => s.name === SHEETS.indicators)!;
  for (const { row, state } of indicatorRows) {
    const cells = indicatorsSheet.rows.get(row);
    const values: Record<string, Answer<unknown> | undefined> = {};
    const problemAt = (index: number, header: string) => (message: string) =>
      problems.push({ sheet: SHEETS.indicators, row, column: columnName(indicatorLocked.length + index + 1, header), message });
    indicatorFill.forEach((column, index) => {
      const cell = cells?.get(indicatorLocked.length + index + 1);
      if (cell) values[column.key] = fillValue(cell, column, today, problemAt(index, column.header));
    });
    const value = values.value as Answer<number> | undefined;
    const on = values.on as Answer<string> | undefined;
    const comment = values.note as Answer<string> | undefined;
    if (value && !on) problemAt(1, indicatorFill[1]!.header)('Indiquez la date de la nouvelle valeur (jj/mm/aaaa) : la valeur n’est pas prise sans elle.');
    else if (on && !value && cells?.get(indicatorLocked.length + 1) === undefined) problemAt(0, indicatorFill[0]!.header)('Une date est indiquée sans valeur : indiquez la valeur mesurée.');
    if (value && on) indicators.push({ row, state, value: value.value, on: on.value, comment: comment?.value ?? null, note: value.note ?? on.note });
  }
  const formulas = [fichesSheet, indicatorsSheet].reduce((n, s) => n + [...s.rows.values()].reduce((m, cells) => m + [...cells.values()].filter((c) => c.formula).length, 0), 0);
  if (formulas > 0) warnings.push(`${formulas === 1 ? 'Une cellule contenait une formule : seule sa valeur est lue' : `${formulas} cellules contenaient une formule : seules leurs valeurs sont lues`}, la formule n’est pas gardée.`);

  return { ok: true, fileName, stamp, request, campaignName: campaign.name, fiches, indicators, problems, warnings, fingerprint: fingerprint(stamp, fiches, indicators) };
}

/** The stamp sheet's rows as text, from row 1 on; a gap or a cell that is not text is kept as an empty text, which fails the signature. */
function textRows(sheet: SheetCells): string[][] {
  const last = Math.max(0, ...sheet.rows.keys());
  return Array.from({ length: last }, (_, i) => {
    const cells = sheet.rows.get(i + 1);
    if (!cells) return [];
    const lastColumn = Math.max(...cells.keys());
    return Array.from({ length: lastColumn }, (_, c) => {
      const cell = cells.get(c + 1);
      return cell && typeof cell.value === 'string' && !cell.formula ? cell.value : '';
    });
  });
}

/** Locked cells (headers and rows) whose value is not what the workbook was made with. */
function lockedChanges(sheet: SheetCells, locked: LockedColumn<unknown>[], fill: FillColumn[], rows: { row: number; state: unknown }[]) {
  const changes: { cell: string; expected: string; found: string }[] = [];
  const compare = (row: number, column: number, expected: string) => {
    const cell = sheet.rows.get(row)?.get(column);
    const found = cell ? comparable(cell.value === null ? null : (cell.value as string | number)) : '';
    if (found !== expected) changes.push({ cell: `${columnLetters(column)}${row}`, expected: expected || '(vide)', found: found || '(vide)' });
  };
  [...locked, ...fill].forEach((c, i) => compare(HEADER_ROW, i + 1, comparable(c.header)));
  for (const { row, state } of rows) locked.forEach((c, i) => compare(row, i + 1, comparable(c.value(state))));
  return changes;
}

/** Cells written outside the rows and columns the workbook was made with: read by nobody, so said. */
function strayCells(sheet: SheetCells, width: number, rows: Set<number>): ReturnProblem[] {
  const problems: ReturnProblem[] = [];
  for (const [row, cells] of sheet.rows) {
    if (row <= HEADER_ROW) continue;
    for (const column of cells.keys()) {
      if (rows.has(row) && column <= width) continue;
      problems.push({ sheet: sheet.name, row, column: columnLetters(column), message: 'Cette cellule est hors des lignes et colonnes préparées par la commission : elle n’est pas lue.' });
      break;
    }
  }
  return problems;
}

const statusByWord = new Map<string, ActionStatus>(actionStatuses.codes.flatMap((c) => [[foldText(actionStatuses.labels[c]), c] as const, [foldText(c), c] as const]));
const meteoByWord = new Map<string, Meteo>(
  meteos.codes.flatMap((c) => [foldText(meteoText(c)), foldText(meteos.labels[c]), foldText(meteoMeanings[c]), foldText(c)].map((w) => [w, c] as const)),
);

/** Excel counts days from 30/12/1899; a date cell whose style was not recognised comes as that number. */
function serialDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 36_526 || serial > 73_415) return null;
  return new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10);
}

function fillValue(cell: ReadCell, column: FillColumn, today: string, problem: (message: string) => void): Answer<unknown> | undefined {
  const notes = [cell.formula ? 'formule remplacée par sa valeur' : null, cell.cleaned ? 'caractères invisibles retirés' : null].filter(Boolean);
  const note = notes.length ? notes.join(' ; ') : null;
  const { value } = cell;
  if (value === null) {
    if (cell.formula) problem('La cellule contient une formule dont le classeur n’a pas gardé la valeur : écrivez la valeur elle-même.');
    return undefined;
  }
  const text = typeof value === 'string' ? value : null;
  switch (column.kind) {
    case 'status': {
      const status = text ? statusByWord.get(foldText(text)) : undefined;
      if (!status) return void problem(`« ${shown(value)} » n’est pas un statut : choisissez ${actionStatuses.codes.map((c) => actionStatuses.labels[c]).join(', ')}.`);
      return { value: status, note };
    }
    case 'meteo': {
      const meteo = text ? meteoByWord.get(foldText(text)) : undefined;
      if (!meteo) return void problem(`« ${shown(value)} » n’est pas une météo : choisissez ${meteos.codes.map((c) => meteos.labels[c]).join(', ')}.`);
      return { value: meteo, note };
    }
    case 'progress': {
      const n = typeof value === 'number' ? value : text ? parseFrenchNumber(text.replace(/%\s*$/, '')) : null;
      if (n === null || !Number.isInteger(n) || n < 0 || n > 100) return void problem(`« ${shown(value)} » n’est pas un avancement : indiquez un nombre entier de 0 à 100.`);
      return { value: n, note };
    }
    case 'decimal': {
      const n = typeof value === 'number' ? value : text ? parseFrenchNumber(text) : null;
      if (n === null || !Number.isFinite(n) || Math.abs(n) >= 1e12) return void problem(`« ${shown(value)} » n’est pas un nombre : indiquez la valeur sans unité (exemple : 42 ou 12,5).`);
      return { value: n, note };
    }
    case 'date': {
      const iso = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'number' ? serialDate(value) : text ? parseFrenchDate(text) : null;
      if (!iso || iso < '2000-01-01') return void problem(`« ${shown(value)} » n’est pas une date : écrivez-la au format jj/mm/aaaa.`);
      if (iso > today) return void problem(`Le ${formatDate(iso)} est dans le futur : indiquez la date à laquelle la valeur a été mesurée.`);
      return { value: iso, note };
    }
    case 'text': {
      const written = typeof value === 'string' ? value : shown(value);
      if (written.length > MAX_TEXT) return void problem(`Ce texte est trop long (${written.length} caractères, ${MAX_TEXT} au plus) : raccourcissez-le.`);
      return { value: written, note };
    }
  }
}

function shown(value: ReadCell['value']): string {
  if (value instanceof Date) return formatDate(value.toISOString().slice(0, 10));
  return String(value).slice(0, 60);
}

function fingerprint(stamp: Stamp, fiches: FicheAnswers[], indicators: IndicatorAnswer[]): string {
  const answers = {
    request: stamp.header.requestId,
    fiches: fiches.map((f) => [f.state.id, f.status?.value, f.meteo?.value, f.progress?.value, f.done?.value, f.difficulties?.value, f.next?.value]),
    indicators: indicators.map((i) => [i.state.id, i.value, i.on, i.comment]),
  };
  return createHash('sha256').update(JSON.stringify(answers)).digest('hex');
}
