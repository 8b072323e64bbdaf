/**
 * The report's charts, drawn without a browser: a chart spec becomes SVG (plain strings, tested
 * as such), then PNG through resvg with the system's fonts, so the app and the CLI embed the
 * same pictures. Arial on Windows; on Linux its metric twin Liberation Sans, else DejaVu Sans.
 */
import { existsSync } from 'node:fs';
import { ApiError } from '../../../shared/errors';
import type { ChartSpec } from './view';

const WIDTH = 1000;
const FONT = "Arial, 'Liberation Sans', 'Segoe UI', 'DejaVu Sans', sans-serif";
const TEXT = '#1F2328';
const MUTED = '#5A6270';
const GRID = '#D5DAE1';

/** One colour per status and météo, the same in every chart (and close to the app's badges). */
const SERIES_COLORS: Record<string, string> = {
  a_lancer: '#A7B1C2',
  en_cours: '#3E6CB0',
  realisee: '#2E8B57',
  suspendue: '#E0A030',
  abandonnee: '#9B3B35',
  soleil: '#F2B705',
  couvert: '#8FB8DE',
  nuage: '#7A8494',
  orage: '#9B3B35',
  none: '#DDE1E7',
};
/**
 * A hatching per series, over its colour, so that a chart printed in black and white still tells
 * its series apart (the legend shows the same swatches, and counts are written in the segments).
 */
const PATTERNS: Record<string, 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical'> = {
  en_cours: 'diagonal',
  suspendue: 'dots',
  abandonnee: 'cross',
  couvert: 'horizontal',
  nuage: 'dots',
  orage: 'cross',
  // Its light grey would print as Soleil's yellow does.
  none: 'vertical',
};

function patternDefs(keys: readonly string[]): string {
  const defs = keys
    .filter((key) => PATTERNS[key])
    .map((key) => {
      const ink = contrast(SERIES_COLORS[key]!) === TEXT ? 'rgba(31,35,40,0.55)' : 'rgba(255,255,255,0.7)';
      const marks = {
        diagonal: `<path d="M-2,2 l4,-4 M0,12 l12,-12 M10,14 l4,-4" stroke="${ink}" stroke-width="2"/>`,
        dots: `<circle cx="3" cy="3" r="1.8" fill="${ink}"/><circle cx="9" cy="9" r="1.8" fill="${ink}"/>`,
        cross: `<path d="M0,0 l12,12 M12,0 l-12,12" stroke="${ink}" stroke-width="1.6"/>`,
        horizontal: `<path d="M0,3 h12 M0,9 h12" stroke="${ink}" stroke-width="1.6"/>`,
        vertical: `<path d="M3,0 v12 M9,0 v12" stroke="${ink}" stroke-width="1.6"/>`,
      }[PATTERNS[key]!];
      return `<pattern id="p-${key}" width="12" height="12" patternUnits="userSpaceOnUse"><rect width="12" height="12" fill="${SERIES_COLORS[key]}"/>${marks}</pattern>`;
    });
  return defs.length ? `<defs>${defs.join('')}</defs>` : '';
}

const fill = (key: string) => (PATTERNS[key] ? `url(#p-${key})` : SERIES_COLORS[key]!);

const BAR = '#3E6CB0';
const REFERENCE = '#9B3B35';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rough width of a text in the chart's font: enough to wrap labels and keep numbers inside bars. */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.53;
}

/** Splits a label into lines of about `width` units: whole, a reader must not guess the end of an axis's name. */
function wrap(text: string, width: number, size: number): string[] {
  const words = text.split(/\s+/);
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size) <= width || !line) line = candidate;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  return out;
}

/** The top of each row and the bottom of the last: a row is as tall as its label's lines need, `least` at least. */
function rowTops(labels: string[][], least: number, size: number, first: number): { tops: number[]; heights: number[]; bottom: number } {
  const heights = labels.map((lines) => Math.max(least, lines.length * size * 1.2 + 14));
  const tops: number[] = [];
  let y = first;
  for (const h of heights) {
    tops.push(y);
    y += h;
  }
  return { tops, heights, bottom: y };
}

function label(x: number, y: number, text: string, options: { size?: number; anchor?: 'start' | 'middle' | 'end'; color?: string; bold?: boolean } = {}): string {
  const size = options.size ?? 15;
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" font-family="${FONT}" fill="${options.color ?? TEXT}" text-anchor="${options.anchor ?? 'start'}"${options.bold ? ' font-weight="bold"' : ''}>${escape(text)}</text>`;
}

function multiline(x: number, centerY: number, lines: string[], size: number, anchor: 'start' | 'end' = 'start'): string {
  const lineHeight = size * 1.2;
  const top = centerY - ((lines.length - 1) * lineHeight) / 2 + size * 0.35;
  return lines.map((line, i) => label(x, top + i * lineHeight, line, { size, anchor })).join('');
}

function svg(height: number, body: string): string {
  const h = Math.ceil(height);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${h}" viewBox="0 0 ${WIDTH} ${h}"><rect x="0" y="0" width="${WIDTH}" height="${h}" fill="#FFFFFF"/>${body}</svg>`;
}

/** Horizontal stacked bars (one per category), counts inside the segments, a legend below. */
function stacked(spec: Extract<ChartSpec, { kind: 'stacked' }>): string {
  const labelWidth = 230;
  const left = labelWidth + 20;
  const right = WIDTH - 90;
  const rowHeight = 58;
  const barHeight = 32;
  const totals = spec.categories.map((_, k) => spec.series.reduce((n, s) => n + s.values[k]!, 0));
  const scale = (right - left) / Math.max(1, ...totals);
  let body = '';
  const labels = spec.categories.map((category) => wrap(category, labelWidth, 17));
  const rows = rowTops(labels, rowHeight, 17, 16);
  spec.categories.forEach((_, k) => {
    const y = rows.tops[k]! + (rows.heights[k]! - rowHeight) / 2;
    const mid = y + barHeight / 2;
    body += multiline(labelWidth, mid, labels[k]!, 17, 'end');
    let x = left;
    for (const s of spec.series) {
      const w = s.values[k]! * scale;
      if (w <= 0) continue;
      body += `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${fill(s.key)}"/>`;
      const text = String(s.values[k]);
      // The count on a white plate stays legible over any colour and hatching, in print too.
      if (w >= textWidth(text, 16) + 12) {
        body += `<rect x="${(x + w / 2 - textWidth(text, 16) / 2 - 4).toFixed(1)}" y="${mid - 11}" width="${(textWidth(text, 16) + 8).toFixed(1)}" height="22" rx="3" fill="#FFFFFF"/>`;
        body += label(x + w / 2, mid + 6, text, { size: 16, anchor: 'middle' });
      }
      x += w;
    }
    body += label(x + 8, mid + 6, totals[k] === 0 ? 'aucune fiche' : `${totals[k]}`, { size: 16, color: MUTED, bold: true });
  });
  // Legend, wrapping on as many lines as needed.
  let y = rows.bottom + 10;
  let x = left;
  for (const s of spec.series) {
    const w = 28 + textWidth(s.label, 16) + 24;
    if (x + w > WIDTH - 10) {
      x = left;
      y += 30;
    }
    body += `<rect x="${x}" y="${y}" width="18" height="18" fill="${fill(s.key)}" stroke="${MUTED}" stroke-width="0.8"/>` + label(x + 24, y + 15, s.label, { size: 16 });
    x += w;
  }
  return svg(y + 30, patternDefs(spec.series.map((s) => s.key)) + body);
}

/** Dark text on light colours, white on dark ones. */
function contrast(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 150 ? TEXT : '#FFFFFF';
}

/** Horizontal bars in per cent, a value after each bar, a grid, and an optional reference line. */
function bars(spec: Extract<ChartSpec, { kind: 'bars' }>): string {
  const labelWidth = 380;
  const left = labelWidth + 20;
  const right = WIDTH - 200;
  const rowHeight = 60;
  const barHeight = 30;
  const top = spec.reference ? 38 : 12;
  const scale = (right - left) / spec.max;
  const labels = spec.rows.map((row) => wrap(row.label, labelWidth, 17));
  const rows = rowTops(labels, rowHeight, 17, top);
  const bottom = rows.bottom;
  let body = '';
  for (let tick = 0; tick <= spec.max; tick += 25) {
    const x = left + tick * scale;
    body += `<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${bottom}" stroke="${GRID}" stroke-width="1"/>`;
    body += label(x, bottom + 24, `${tick} %`, { size: 16, anchor: 'middle', color: MUTED });
  }
  spec.rows.forEach((row, k) => {
    const y = rows.tops[k]! + (rows.heights[k]! - barHeight) / 2;
    const mid = y + barHeight / 2;
    body += multiline(labelWidth, mid, labels[k]!, 17, 'end');
    const w = Math.max(0, Math.min(row.value, spec.max)) * scale;
    if (w > 0) body += `<rect x="${left}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${barHeight}" fill="${BAR}"/>`;
    body += label(left + w + 8, mid + 6, row.valueLabel, { size: 17, color: TEXT, bold: true });
  });
  if (spec.reference) {
    const x = left + spec.reference.value * scale;
    body += `<line x1="${x.toFixed(1)}" y1="${top - 10}" x2="${x.toFixed(1)}" y2="${bottom}" stroke="${REFERENCE}" stroke-width="2" stroke-dasharray="6 4"/>`;
    body += label(x, top - 16, spec.reference.label, { size: 16, anchor: 'middle', color: REFERENCE, bold: true });
  }
  body += `<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${bottom}" stroke="${MUTED}" stroke-width="1.5"/>`;
  return svg(bottom + 36, body);
}

/** Vertical columns (months), the count above each one, the label below: read in black and white as in colour. */
function columns(spec: Extract<ChartSpec, { kind: 'columns' }>): string {
  const left = 40;
  const right = WIDTH - 20;
  const top = 30;
  const bottom = 300;
  const max = Math.max(1, ...spec.columns.map((c) => c.value));
  const step = (right - left) / spec.columns.length;
  const width = Math.min(56, step * 0.7);
  let body = `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${MUTED}" stroke-width="1.5"/>`;
  spec.columns.forEach((c, k) => {
    const x = left + k * step + (step - width) / 2;
    const h = ((bottom - top) * c.value) / max;
    if (h > 0) body += `<rect x="${x.toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${width.toFixed(1)}" height="${h.toFixed(1)}" fill="${BAR}"/>`;
    body += label(x + width / 2, bottom - h - 8, String(c.value), { size: 16, anchor: 'middle', bold: true });
    body += label(x + width / 2, bottom + 24, c.label, { size: spec.columns.length > 12 ? 12 : 15, anchor: 'middle', color: MUTED });
  });
  return svg(bottom + 40, body);
}

export function chartSvg(spec: ChartSpec): string {
  return spec.kind === 'stacked' ? stacked(spec) : spec.kind === 'columns' ? columns(spec) : bars(spec);
}

/** Pixel width of the PNG, the drawing’s own: 150 dpi at the 17 cm of an A4 page’s text width, sharp on paper and quick to draw and pack. */
const PNG_WIDTH = 1000;

interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * The font files of the first family the charts ask for that is installed, regular and bold, found
 * once: resvg would otherwise scan every system font for each chart, and each file it is given is
 * parsed again for each chart. When none is where expected, resvg loads the system's fonts after all.
 */
const WINDOWS_FONTS = `${process.env.WINDIR ?? 'C:\\Windows'}\\Fonts`;
const FONT_FAMILIES: [regular: string, bold: string][] = [
  [`${WINDOWS_FONTS}\\arial.ttf`, `${WINDOWS_FONTS}\\arialbd.ttf`],
  ['/System/Library/Fonts/Supplemental/Arial.ttf', '/System/Library/Fonts/Supplemental/Arial Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
  ['/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf', '/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
];
let fontFiles: string[] | null = null;

function fonts(): { fontFiles: string[]; loadSystemFonts: boolean } {
  fontFiles ??= (FONT_FAMILIES.find(([regular]) => existsSync(regular)) ?? []).filter((f) => existsSync(f));
  return { fontFiles, loadSystemFonts: fontFiles.length === 0 };
}

/**
 * resvg is a native module with one package per platform: loaded when the first chart is drawn, so
 * that an installation without the right one still starts and says what is wrong when asked for a bilan.
 */
async function loadResvg(): Promise<typeof import('@resvg/resvg-js')> {
  try {
    return await import('@resvg/resvg-js');
  } catch (error) {
    console.error('resvg could not be loaded:', error);
    throw new ApiError(
      'internal',
      'Les graphiques du bilan ne peuvent pas être dessinés : le composant de dessin de Maillage est absent ou ne fonctionne pas sur cet ordinateur. Réinstallez Maillage ou contactez votre service informatique.',
    );
  }
}

/** Drawn on resvg's own threads: the document goes on being built meanwhile. */
export async function renderChart(spec: ChartSpec): Promise<ChartImage> {
  return renderSvg(chartSvg(spec));
}

/** Any picture of a document drawn as SVG (a chart, a map) to PNG, with the system's fonts. */
export async function renderSvg(svg: string): Promise<ChartImage> {
  const { renderAsync } = await loadResvg();
  const rendered = await renderAsync(svg, { fitTo: { mode: 'width', value: PNG_WIDTH }, font: fonts() });
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}
