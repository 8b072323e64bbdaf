import { afterEach, describe, expect, it } from 'vitest';
import { demoCommission, startHarness, type Harness } from './harness';

describe('The registers’ grids in Chromium', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('fiches: the météo in words, a search by the measure’s short code, a visible focus, Tab out of the grid', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => (window.location.hash = '#/mesures/fiches'));
    const grid = page.getByRole('treegrid').or(page.getByRole('grid')).first();
    await grid.getByRole('row').nth(1).waitFor();
    await h.settled();

    // The météo cells say their word beside the icon.
    const meteo = await page.locator('.ag-cell[col-id="meteo"]').allInnerTexts();
    expect(meteo.filter((t) => /^(Soleil|Couvert|Nuage|Orage)$/.test(t.trim())).length).toBeGreaterThan(0);

    // « A5 », the code the measure picker suggests, finds the fiches attached to Action 5.
    const search = page.getByRole('searchbox');
    await search.fill('A5');
    const shown = page.getByText(/^\d+ fiches? affichées? sur \d+$/);
    await shown.waitFor();
    const count = Number((await shown.textContent())!.match(/^\d+/)![0]);
    expect(count).toBeGreaterThan(0);
    // The rows filtered out leave once the grid's animation is over.
    const measures = page.locator('.ag-cell[col-id="measuresText"]');
    await expect.poll(() => measures.count()).toBe(count);
    expect((await measures.allInnerTexts()).every((m) => /Action 5\b/.test(m))).toBe(true);
    await h.screenshot('grid-fiches-a5');
    await search.fill('');

    // The cell in focus has the app's 2 px navy ring; Tab leaves the grid rather than walking its cells.
    const cell = page.locator('.ag-cell[col-id="code"]').first();
    await cell.focus();
    expect(await cell.evaluate((c) => getComputedStyle(c).boxShadow)).toContain('rgb(22, 37, 74)');
    await h.screenshot('grid-fiches-focus');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.ag-center-cols-viewport, .ag-body')))).toBe(false);
    await cell.focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.ag-center-cols-viewport, .ag-body')))).toBe(false);
    expect(h.errors).toEqual([]);
  });
});
