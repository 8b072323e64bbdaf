/**
 * The layout of a partner's workbook, shared by the code that writes it (workbook.ts) and the code
 * that checks it on return (intake.ts): sheet names, where the header and the rows are, which
 * columns are locked and what each locked cell shows for the state in the stamp.
 */
import { formatDate, formatNumber } from '../../../shared/format';
import { actionStatuses, meteoText, returnRoles, type ReturnRole } from '../../../shared/labels';
import type { FicheState, IndicatorState } from './stamp';

export const SHEETS = { readme: 'À lire', fiches: 'Fiches actions', indicators: 'Indicateurs' } as const;

/** Row 1 holds the sheet's title, row 2 how to fill it, row 3 the headers; data starts on row 4. */
export const HEADER_ROW = 3;
export const FIRST_ROW = 4;

/** What a locked cell shows: text or a number, never a date (a spreadsheet would restyle it). */
export type LockedValue = string | number | null;

export interface LockedColumn<S> {
  header: string;
  width: number;
  value: (state: S) => LockedValue;
}

export type FillKind = 'status' | 'meteo' | 'progress' | 'text' | 'decimal' | 'date';

export interface FillColumn {
  key: string;
  header: string;
  width: number;
  kind: FillKind;
  /** What the input message of the cell says, in Excel and LibreOffice. */
  prompt: string;
}

export type FicheRowState = FicheState & { role: ReturnRole };

const text = (value: string | null | undefined): string | null => (value ? value : null);

export const ficheLocked: LockedColumn<FicheRowState>[] = [
  { header: 'Référence', width: 11, value: (s) => text(s.code) },
  { header: 'Fiche action', width: 42, value: (s) => s.title },
  { header: 'Votre rôle', width: 13, value: (s) => returnRoles.labels[s.role] },
  { header: 'Statut actuel', width: 13, value: (s) => actionStatuses.labels[s.status] },
  { header: 'Météo actuelle', width: 20, value: (s) => (s.meteo ? meteoText(s.meteo) : 'Non renseignée') },
  { header: 'Avancement actuel (%)', width: 12, value: (s) => s.progress },
  { header: 'Dernière nouvelle', width: 42, value: (s) => (s.lastOn ? `${formatDate(s.lastOn)} : ${s.lastNews ?? ''}`.trim() : 'Aucune') },
];

/** Longest text a partner may write in one cell (a journal entry holds the three). */
export const MAX_TEXT = 3000;

export const ficheFill: FillColumn[] = [
  { key: 'status', header: 'Nouveau statut', width: 15, kind: 'status', prompt: 'Choisissez dans la liste, ou laissez vide si le statut ne change pas.' },
  { key: 'meteo', header: 'Nouvelle météo', width: 22, kind: 'meteo', prompt: 'Choisissez dans la liste : de Soleil (tout va bien) à Orage (objectifs compromis).' },
  { key: 'progress', header: 'Avancement (%)', width: 12, kind: 'progress', prompt: 'Un nombre entier de 0 à 100, sans le signe %.' },
  { key: 'done', header: 'Ce qui a été fait', width: 40, kind: 'text', prompt: 'Quelques lignes, sans nom ni détail permettant de reconnaître une victime ou un mineur.' },
  { key: 'difficulties', header: 'Difficultés rencontrées', width: 34, kind: 'text', prompt: 'Ce qui bloque ou ralentit, et l’appui attendu.' },
  { key: 'next', header: 'Prochaines étapes', width: 34, kind: 'text', prompt: 'Ce qui est prévu d’ici la prochaine remontée.' },
];

export const indicatorLocked: LockedColumn<IndicatorState>[] = [
  { header: 'Fiche', width: 11, value: (s) => text(s.actionCode) },
  { header: 'Indicateur', width: 40, value: (s) => s.name },
  { header: 'Unité', width: 14, value: (s) => text(s.unit) },
  { header: 'Valeur de départ', width: 12, value: (s) => s.baseline },
  { header: 'Cible', width: 11, value: (s) => s.target },
  { header: 'Échéance de la cible', width: 13, value: (s) => text(formatDate(s.targetOn)) },
  { header: 'Dernière valeur', width: 12, value: (s) => s.lastValue },
  { header: 'Date de la dernière valeur', width: 13, value: (s) => text(formatDate(s.lastOn)) },
];

export const indicatorFill: FillColumn[] = [
  { key: 'value', header: 'Nouvelle valeur', width: 13, kind: 'decimal', prompt: 'Un nombre (exemple : 42 ou 12,5), sans unité.' },
  { key: 'on', header: 'Date de la valeur', width: 14, kind: 'date', prompt: 'La date à laquelle la valeur a été mesurée, au format jj/mm/aaaa.' },
  { key: 'note', header: 'Commentaire (facultatif)', width: 34, kind: 'text', prompt: 'Ce qui explique la valeur, sans donnée personnelle.' },
];

/** 8 → « H », as Excel names its columns. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** « H (Nouveau statut) »: how a column is named to the secretary. */
export function columnName(index: number, header: string): string {
  return `${columnLetters(index)} (${header})`;
}

/** A locked value as the text it is compared on: numbers in their shortest form, line breaks and spaces made plain. */
export function comparable(value: LockedValue | boolean | Date): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Math.round(value * 1e9) / 1e9);
  if (value instanceof Date) return formatDate(value.toISOString().slice(0, 10));
  return String(value).replace(/\r\n?/g, '\n').replace(/[ \u00a0\u202f]+/g, ' ').trim();
}

/** A number as the preview shows it. */
export function shownNumber(n: number | null, unit?: string | null): string {
  return n === null ? '—' : unit ? `${formatNumber(n)} ${unit}` : formatNumber(n);
}
