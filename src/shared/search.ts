/**
 * French text matching, the one way the app finds things (grid quick filters, pickers): a
 * secretary types « prefecture » for « Préfecture », « oeuvre » for « Œuvre », in any case.
 */

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** Lower case, without accents or ligatures, typographic apostrophes and dashes made plain. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[’‘ʼ]/g, "'")
    // Every dash a document or a word processor puts in (« PS‑2026‑007 » with non-breaking hyphens, a minus sign).
    .replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, '-');
}

/** The words of a query, folded. */
export function queryWords(query: string): string[] {
  return foldText(query).split(/\s+/).filter(Boolean);
}

/** Whether every word of the query appears somewhere in the text (accent- and case-insensitive). */
export function matchesText(query: string, text: string): boolean {
  const words = queryWords(query);
  if (words.length === 0) return true;
  const folded = foldText(text);
  return words.every((w) => folded.includes(w));
}

export interface Searchable {
  label: string;
  detail?: string;
  group?: string;
  /** Short names typed as is (« A5 », « M21 », « FA-027 », « Axe 2 »): an exact match comes first. */
  keys?: readonly string[];
}

/**
 * How well an item answers a query, lower is better; null when it does not match.
 * 0: a key or the label is exactly the query; 1: one starts with it; 2: the label alone holds every
 * word; 3: the label, detail and group together hold every word.
 */
export function matchRank(item: Searchable, query: string): number | null {
  const words = queryWords(query);
  if (words.length === 0) return 3;
  const whole = words.join(' ');
  const names = [item.label, ...(item.keys ?? [])].map(foldText);
  if (names.includes(whole)) return 0;
  if (names.some((n) => n.startsWith(whole))) return 1;
  const label = foldText(item.label);
  if (words.every((w) => label.includes(w))) return 2;
  const all = foldText(`${item.label} ${item.detail ?? ''} ${item.group ?? ''} ${(item.keys ?? []).join(' ')}`);
  return words.every((w) => all.includes(w)) ? 3 : null;
}

/** The items matching the query, best first, in their own order within a rank. */
export function searchItems<T extends Searchable>(items: readonly T[], query: string, limit = Infinity): T[] {
  const ranked: { item: T; rank: number; index: number }[] = [];
  items.forEach((item, index) => {
    const rank = matchRank(item, query);
    if (rank !== null) ranked.push({ item, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.item);
}

/**
 * French order for lists and grids: accents after their letter, « 10 » after « 9 », case ignored. Every list
 * is sorted with it, on both sides (SQLite's NOCASE puts « Étienne » after « Weber » and « Œ » after « Z »).
 */
export const frenchCollator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** A sort comparator for values that may be empty: empty last. */
export function compareFrench(a: string | null | undefined, b: string | null | undefined): number {
  if (!a) return b ? 1 : 0;
  if (!b) return -1;
  return frenchCollator.compare(a, b);
}

/** A key to sort by: text in French order (empty last), numbers in increasing order (negate for decreasing). */
export type SortKey = string | number | null | undefined;

const isEmpty = (key: SortKey) => key === null || key === undefined || key === '';

function compareKey(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) ? (isEmpty(b) ? 0 : 1) : -1;
  return frenchCollator.compare(String(a), String(b));
}

/**
 * The rows in French order by their keys, compared one after the other (« by structure, then by name »): the one
 * way a list is sorted for the screen or a document. Stable: rows equal on every key keep their order.
 */
export function sortFrench<T>(rows: readonly T[], keys: (row: T) => readonly SortKey[]): T[] {
  const keyed = rows.map((row, index) => ({ row, index, key: keys(row) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const order = compareKey(a.key[i], b.key[i]);
      if (order !== 0) return order;
    }
    return a.index - b.index;
  });
  return keyed.map((k) => k.row);
}
