/** The bilan's charts as SVG: each series can be told apart on a black-and-white printout. */
import { describe, expect, it } from 'vitest';
import { actionStatuses, meteos } from '../../src/shared/labels';
import { chartSvg } from '../../src/main/documents/report/charts';

/** Grey level (0–1) of a #RRGGBB colour printed in black and white. */
function grey(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return (0.299 * r! + 0.587 * g! + 0.114 * b!) / 255;
}

describe('the bilan’s charts in black and white', () => {
  for (const [name, keys] of [
    ['statuses', actionStatuses.codes],
    ['météos', [...meteos.codes, 'none']],
  ] as const) {
    it(`tells every one of the ${name} apart: by its hatching, or by a clearly different grey`, () => {
      const svg = chartSvg({ kind: 'stacked', title: 'Essai', alt: 'Essai', note: null, categories: ['Plan 2021'], series: keys.map((key) => ({ key, label: key, values: [10] })) });
      // The legend: a swatch, then its label (here the series' key).
      const legend = new Map([...svg.matchAll(/<rect [^>]*width="18" height="18" fill="([^"]+)"[^>]*\/><text [^>]*>([^<]+)<\/text>/g)].map((m) => [m[2]!, m[1]!]));
      expect([...legend.keys()]).toEqual([...keys]);
      const hatchings: string[] = [];
      const greys: number[] = [];
      for (const key of keys) {
        const fill = legend.get(key)!;
        if (fill === `url(#p-${key})`) {
          // The marks of its pattern, whatever their ink (which follows the colour underneath).
          const marks = new RegExp(`<pattern id="p-${key}"[^>]*><rect [^>]*/>(.*?)</pattern>`).exec(svg)![1]!;
          hatchings.push(marks.replace(/ (stroke|fill)="[^"]+"/g, ''));
        } else {
          expect(fill).toMatch(/^#[0-9A-F]{6}$/i);
          greys.push(grey(fill));
        }
      }
      expect(new Set(hatchings).size).toBe(hatchings.length);
      greys.sort((a, b) => a - b);
      for (let i = 1; i < greys.length; i++) expect(greys[i]! - greys[i - 1]!).toBeGreaterThan(0.2);
    });
  }
});
