/**
 * What a secretary on a small screen would find cut, as a list of French sentences (empty when the
 * screen is whole): the page, the content area or a dialog's body scrolling sideways, a dialog
 * running past the window or hiding part of its buttons, a control or heading running out of its own
 * card or dialog, a button whose text is cut without a tooltip, a grid or table header or a table's
 * cell cutting a word.
 */
import type { Page } from 'playwright-core';

export async function layoutProblems(page: Page): Promise<string[]> {
  return summarise(await findProblems(page, false));
}

/** The same, for the open dialogs alone: what the page behind them does is not counted. */
export async function dialogProblems(page: Page): Promise<string[]> {
  return summarise(await findProblems(page, true));
}

/** One line per kind of problem (a table of 200 rows cut the same way is one finding), with how many times it occurs. */
function summarise(problems: string[]): string[] {
  const kinds = new Map<string, { first: string; count: number }>();
  for (const problem of problems) {
    const kind = problem.replace(/« [^»]*»/g, '«»').replace(/\([^)]*\)/g, '');
    const seen = kinds.get(kind);
    if (seen) seen.count++;
    else kinds.set(kind, { first: problem, count: 1 });
  }
  return [...kinds.values()].map(({ first, count }) => (count > 1 ? `${first} [et ${count - 1} autres]` : first));
}

function findProblems(page: Page, dialogsOnly: boolean): Promise<string[]> {
  return page.evaluate((dialogsOnly) => {
    const problems: string[] = [];
    const root = dialogsOnly ? 'dialog[open] ' : 'body ';
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    const name = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
      return `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} « ${text.slice(0, 50)} »`;
    };
    const shown = (el: Element) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 1 && rect.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    };
    const inGrid = (el: Element) => el.closest('.ag-root-wrapper') !== null;
    const scrollsSideways = (el: Element) => {
      const style = getComputedStyle(el);
      return ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    };

    if (!dialogsOnly && document.documentElement.scrollWidth > width + 1) problems.push(`la page défile horizontalement (${document.documentElement.scrollWidth} > ${width})`);
    // Nothing scrolls sideways but a grid's own columns: what runs past a box is out of sight for whoever does not scroll it.
    for (const el of document.querySelectorAll(`${root}*`)) {
      if (inGrid(el) || !shown(el) || !scrollsSideways(el)) continue;
      problems.push(`${name(el).slice(0, 40)}… défile horizontalement (${el.scrollWidth} > ${el.clientWidth})`);
    }
    for (const dialog of document.querySelectorAll('dialog[open]')) {
      const rect = dialog.getBoundingClientRect();
      if (rect.left < -1 || rect.top < -1 || rect.right > width + 1 || rect.bottom > height + 1) problems.push(`la boîte « ${dialog.getAttribute('aria-label')} » dépasse de la fenêtre`);
      // Its buttons (« Annuler », « Enregistrer », « × ») whole on screen, whatever the length of its body: a click on any point of one reaches it.
      for (const button of dialog.querySelectorAll('.dialog-header button, .dialog-footer button')) {
        const box = button.getBoundingClientRect();
        // The middle of each edge (its corners are rounded: a point there is not on the button).
        const edges = [
          [(box.left + box.right) / 2, box.top + 2],
          [(box.left + box.right) / 2, box.bottom - 2],
          [box.left + 2, (box.top + box.bottom) / 2],
          [box.right - 2, (box.top + box.bottom) / 2],
        ];
        const reached = edges.every(([x, y]) => x! >= 0 && y! >= 0 && x! < width && y! < height && button.contains(document.elementFromPoint(x!, y!)));
        if (!reached) problems.push(`${name(button)} de la boîte « ${dialog.getAttribute('aria-label')} » n’est pas visible en entier (${Math.round(box.top)}–${Math.round(box.bottom)} sur ${height})`);
      }
    }

    const controls = 'button, a[href], input, select, textarea, label, [role="button"], [role="tab"], .chip, .tree-label, .badge, h1, h2, h3, th';
    for (const el of document.querySelectorAll(controls.split(', ').map((c) => root + c).join(', '))) {
      if (!shown(el) || (inGrid(el) && !el.closest('.ag-paging-panel'))) continue;
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 1) problems.push(`${name(el)} dépasse de la fenêtre à droite (${Math.round(rect.right)} > ${width})`);
      // Its own box: the nearest dialog or card, or else the content area or the sidebar.
      const frame = el.parentElement?.closest('dialog, .card, main, nav');
      if (frame) {
        const box = frame.getBoundingClientRect();
        if (rect.right > box.right + 1 || rect.left < box.left - 1) problems.push(`${name(el)} dépasse de son cadre ${name(frame).split(' ')[0]} (${Math.round(rect.left)}–${Math.round(rect.right)} hors de ${Math.round(box.left)}–${Math.round(box.right)})`);
      }
      // A label shortened with an ellipsis is fine when its tooltip gives the whole text.
      if ((el.tagName === 'BUTTON' || /^H\d$/.test(el.tagName)) && el.scrollWidth > el.clientWidth + 1 && !el.getAttribute('title')) problems.push(`${name(el)} a un texte coupé`);
    }

    // A header or a table's cell may wrap between words, never inside one (« Mét/éo », « Membr/e »), nor hide its end.
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const label of document.querySelectorAll(['.ag-header-cell-text', 'th', 'td'].map((c) => root + c).join(', '))) {
      if (!shown(label)) continue;
      const cell = label.closest('.ag-header-cell') ?? label;
      const viewport = label.closest('.ag-header-viewport, .ag-header');
      // A column scrolled out of the grid's sight is not cut: the grid scrolls to it.
      if (viewport) {
        const seen = viewport.getBoundingClientRect();
        const rect = cell.getBoundingClientRect();
        if (rect.left < seen.left - 1 || rect.right > seen.right + 1) continue;
      }
      const style = getComputedStyle(label);
      // The words on screen: not a visually hidden full label, not a header set upright (it grows in height).
      const words: string[] = [];
      // Each word measured in the font of its own element (a muted line is smaller than its cell).
      let longest = 0;
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement!;
        let hidden = false;
        for (let a: Element | null = parent; a && !hidden; a = a === label ? null : a.parentElement) {
          const css = getComputedStyle(a);
          hidden = a.getBoundingClientRect().width <= 1 || css.clip.startsWith('rect') || css.clipPath !== 'none';
        }
        if (hidden || getComputedStyle(parent).writingMode !== 'horizontal-tb') continue;
        // In a cell, the words of the language, parted at their hyphens (« Saint-André-de-Cubzac » breaks there): an
        // address or a path may break where it must.
        const cell = label.tagName === 'TD';
        const own = (node.textContent ?? '').split(cell ? /[\s\u00ad-]+/ : /[\s\u00ad]+/).filter((word) => word && (!cell || /^[\p{L}'’]+$/u.test(word)));
        const font = getComputedStyle(parent);
        canvas.font = `${font.fontWeight} ${font.fontSize} ${font.fontFamily}`;
        for (const word of own) longest = Math.max(longest, canvas.measureText(word).width);
        words.push(...own);
      }
      // The width its lines take: a word wider than that was broken or hidden.
      const room = label.getBoundingClientRect().width - ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce((sum, side) => sum + parseFloat(style[side as 'paddingLeft']), 0);
      if (longest > room + 1) problems.push(`${label.tagName === 'TD' ? 'cellule' : 'en-tête'} « ${words.join(' ')} » coupé (${Math.round(longest)} > ${Math.round(room)})`);
    }
    return problems;
  }, dialogsOnly);
}
