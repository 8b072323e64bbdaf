import { afterEach, describe, expect, it } from 'vitest';
import { foldText } from '../../src/shared/search';
import { expectNoAxeViolations } from './a11y';
import { demoCommission, startHarness, type Harness } from './harness';

describe('Search across sections and the guide', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('finds a contact, a fiche and a demande from one box (Ctrl+K), without accents', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    await page.setViewportSize({ width: 1366, height: 768 });
    const db = h.session.require().db;
    // A person with an accent in her name, looked for without it; she opens on her structure's page.
    const person = db
      .prepare("SELECT c.first_name || ' ' || c.last_name AS name, p.name AS partner FROM contacts c JOIN partners p ON p.id = c.partner_id WHERE c.last_name GLOB '*[éèëïîôç]*' OR c.first_name GLOB '*[éèëïîôç]*' LIMIT 1")
      .get() as { name: string; partner: string };
    const fiche = db.prepare("SELECT code, title FROM actions WHERE code IS NOT NULL ORDER BY code LIMIT 1").get() as { code: string; title: string };
    const request = db.prepare('SELECT id, reference FROM parcours_requests ORDER BY reference LIMIT 1').get() as { id: string; reference: string };

    const search = async (query: string) => {
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Rechercher dans la commission' });
      const box = dialog.getByRole('combobox', { name: 'Rechercher dans la commission' });
      await expect.poll(() => box.getAttribute('placeholder')).toBe('Nom, code, référence…');
      await box.fill(query);
      return { dialog, box };
    };

    const { dialog, box } = await search(foldText(person.name));
    await dialog.getByRole('option').first().waitFor();
    // The list of matches is drawn whole inside the dialog.
    const [list, frame] = [await dialog.getByRole('listbox').boundingBox(), await dialog.boundingBox()];
    expect(list!.y + list!.height).toBeLessThanOrEqual(frame!.y + frame!.height);
    await h.screenshot('global-search');
    await expectNoAxeViolations(page, 'recherche globale');
    expect(await dialog.getByRole('option').first().textContent()).toContain(person.name);
    await box.press('Enter');
    await page.getByRole('heading', { name: person.partner, level: 1 }).waitFor();

    const second = await search(fiche.code.toLowerCase());
    await second.box.press('Enter');
    await page.getByRole('heading', { name: fiche.title, level: 1 }).waitFor();

    const third = await search(request.reference.replace(/\u2011/g, '-'));
    await third.box.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/parcours/${request.id}`);
    expect(h.errors).toEqual([]);
  });

  it('opens a short guide from every screen (F1 or the sidebar), which says what the screen is for', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    await page.evaluate(() => (window.location.hash = '#/seances'));
    await page.getByRole('heading', { name: 'Séances', level: 1 }).waitFor();
    await page.keyboard.press('F1');
    const guide = page.getByRole('dialog', { name: 'Guide de Maillage' });
    await guide.getByText(/^Séances : pour chaque réunion/).waitFor();
    await guide.getByRole('heading', { name: 'Où sont les données' }).waitFor();
    await h.screenshot('help');
    await expectNoAxeViolations(page, 'guide');
    await page.keyboard.press('Escape');
    await guide.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByRole('button', { name: 'Aide' }).click();
    await guide.getByText(/^Partenaires : l’annuaire/).waitFor();
    expect(h.errors).toEqual([]);
  });
});
