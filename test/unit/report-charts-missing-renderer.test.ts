/**
 * An installation whose chart renderer (resvg, a native module with one package per platform) is
 * missing still starts: the bilan then fails with a sentence the user can act on.
 */
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/shared/errors';

vi.mock('@resvg/resvg-js', () => {
  throw new Error("Cannot find module '@resvg/resvg-js-win32-x64-msvc'");
});

describe('a missing chart renderer', () => {
  it('is loaded only when a chart is drawn, and then refused in words a secretary can act on', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Importing the module that draws the charts does not load resvg.
    const { renderChart } = await import('../../src/main/documents/report/charts');
    expect(errors).not.toHaveBeenCalled();
    const drawing = renderChart({ kind: 'stacked', title: 'Essai', alt: 'Essai', note: null, categories: ['Plan 2021'], series: [{ key: 'en_cours', label: 'En cours', values: [1] }] });
    await expect(drawing).rejects.toThrow(ApiError);
    await expect(drawing).rejects.toThrow('Réinstallez Maillage ou contactez votre service informatique.');
    await expect(drawing).rejects.not.toThrow(/resvg|win32/);
    // The technical cause goes to the log.
    expect(errors).toHaveBeenCalledWith('resvg could not be loaded:', expect.any(Error));
  });
});
