import { describe, expect, it } from 'vitest';
import { mapSvg, pathBox, SHADES, shadeClasses } from '../../src/main/documents/state-return/map';
import { departements } from '../../src/shared/departements';

/** The fill of a département's outline in the SVG, or of its inset for an overseas one. */
function fillOf(svg: string, code: string): string | undefined {
  return new RegExp(`<path d="[^"]*" fill="([^"]+)"[^>]*><title>${code}</title>`).exec(svg)?.[1] ?? new RegExp(`fill="([^"]+)"[^>]*data-code="${code}"`).exec(svg)?.[1];
}

describe('the map of départements', () => {
  it('measures a path of relative moves and lines, back to its start after z', () => {
    expect(pathBox('m 10,20 5,0 0,5 z m 2,2 -4,10 z')).toEqual({ minX: 8, minY: 20, maxX: 15, maxY: 32 });
  });

  it('shades in five greys of equal steps, zero alone in white', () => {
    const { shade, legend } = shadeClasses([0, 3, 8, 16]);
    expect([0, 1, 4, 5, 8, 12, 16].map(shade)).toEqual([SHADES[0], SHADES[1], SHADES[1], SHADES[2], SHADES[2], SHADES[3], SHADES[4]]);
    expect(legend.map((l) => l.label)).toEqual(['0', '1 à 4', '5 à 8', '9 à 12', '13 à 16']);
    expect(shadeClasses([0, 0]).legend).toHaveLength(1);
  });

  it('shades each département of the scope by its figure, hatches the silent ones, greys out the rest, and draws overseas insets', () => {
    const values = new Map([
      ['33', 16],
      ['2A', 0],
      ['971', 9],
      ['24', 4],
    ]);
    const scope = new Set(['33', '2A', '971', '24', '40']);
    const svg = mapSvg({ title: 'Personnes en parcours', values, scope });
    expect(fillOf(svg, '33')).toBe(SHADES[4]);
    expect(fillOf(svg, '24')).toBe(SHADES[1]);
    expect(fillOf(svg, '2A')).toBe(SHADES[0]);
    expect(fillOf(svg, '971')).toBe(SHADES[3]);
    expect(fillOf(svg, '40')).toBe('url(#none)');
    expect(fillOf(svg, '75')).toBe('#F3F3F3');
    // Only the overseas départements of the scope get an inset; every metropolitan one has its outline.
    expect(svg.match(/data-code=/g)).toHaveLength(1);
    // In a framed band, labelled with its code and name; a map without overseas départements has no band.
    expect(svg).toContain('Départements d’outre-mer (hors échelle)');
    expect(svg).toContain('>Guadeloupe</text>');
    expect(mapSvg({ title: 'Métropole', values, scope: new Set(['33', '24']) })).not.toContain('outre-mer');
    for (const d of departements.filter((x) => !x.overseas)) expect(fillOf(svg, d.code), d.code).toBeDefined();
    expect(svg).toContain('CC BY 4.0');
    expect(svg).toContain('Pas de remontée');
  });

  it('keeps every shade apart once printed in black and white', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const levels = SHADES.map(luminance);
    for (let k = 1; k < levels.length; k++) expect(levels[k - 1]! - levels[k]!).toBeGreaterThan(35);
  });
});
