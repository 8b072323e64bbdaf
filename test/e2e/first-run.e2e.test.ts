/** A commission just created: every screen says what to do first, in words rather than rows of zeros. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCommission, startHarness, type Harness } from './harness';

describe('A new commission in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(newCommission('974'));
  });
  afterEach(async () => {
    await h.close();
  });

  it('says each list is empty in words, with its first actions inside their box', async () => {
    const { page } = h;
    const screens: [link: string, subtitle: string | RegExp][] = [
      ['Tableau de bord', /^Situation au \d\d\/\d\d\/\d{4}$/],
      ['Mesures', '2 cadres nationaux · aucune fiche action'],
      ['Partenaires', 'Aucune structure'],
      ['Protocoles', 'Aucun protocole'],
      ['Séances', 'Aucune séance'],
      ['Parcours de sortie', 'Aucune demande'],
    ];
    for (const [link, subtitle] of screens) {
      await page.getByRole('link', { name: link }).click();
      await expect.poll(() => page.locator('.page-header .subtitle').first().textContent()).toMatch(subtitle instanceof RegExp ? subtitle : new RegExp(`^${subtitle}$`));
      // No button of an empty state overflows its dashed box, whatever the length of its label.
      for (const box of await page.locator('.empty-state').all()) {
        const outer = (await box.boundingBox())!;
        for (const button of await box.locator('button').all()) {
          const b = (await button.boundingBox())!;
          expect(b.x, `${link} : ${await button.textContent()}`).toBeGreaterThanOrEqual(outer.x + 16);
          expect(b.x + b.width).toBeLessThanOrEqual(outer.x + outer.width - 16);
        }
      }
      await h.screenshot(`first-run-${link.normalize('NFD').replace(/[^A-Za-z]+/g, '-').toLowerCase()}`);
    }
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByText('Indicateurs en retard', { exact: true }).waitFor();
    expect(h.errors).toEqual([]);
  }, 120_000);
});
