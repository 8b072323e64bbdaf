/** A stand-in préfecture logo for document tests: a neutral text block drawn by resvg (no Marianne). */
import { Resvg } from '@resvg/resvg-js';

export function sampleLogoPng(): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="220" viewBox="0 0 360 220">
    <rect width="360" height="220" fill="#ffffff"/>
    <rect x="20" y="24" width="8" height="172" fill="#1e2a4a"/>
    <text x="44" y="70" font-family="DejaVu Sans, Arial, sans-serif" font-size="30" font-weight="bold" fill="#1e2a4a">PRÉFET</text>
    <text x="44" y="110" font-family="DejaVu Sans, Arial, sans-serif" font-size="30" font-weight="bold" fill="#1e2a4a">DE LA GIRONDE</text>
    <text x="44" y="160" font-family="DejaVu Sans, Arial, sans-serif" font-size="18" font-style="italic" fill="#5a6270">Liberté, Égalité, Fraternité</text>
  </svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}
