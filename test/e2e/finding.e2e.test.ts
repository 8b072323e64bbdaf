/**
 * Finding and choosing as a secretary does: French search and sort, pickers by code, questions
 * before unsaved changes are lost, menus that close, short dashboard lists, fresh data after a restore.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPartner } from '../../src/main/features/partners/partners';
import { demoCommission, startHarness, type Harness } from './harness';

const NAMES = ['Protection judiciaire de la jeunesse', 'ARS Nouvelle-Aquitaine', 'Préfecture de la Gironde', 'Amicale du Nid – Bordeaux', 'École de la deuxième chance'];

async function directory(): Promise<Harness> {
  return startHarness({
    async setup(session) {
      const now = new Date();
      await session.create({ departmentCode: '33', name: null }, now);
      const { db } = session.require();
      for (const name of NAMES)
        createPartner(db, { name, type: 'association_sortie', domains: [], address: null, postcode: null, commune: null, website: null, siret: null, notes: null }, now);
    },
  });
}

describe('Finding and choosing in Chromium', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('sorts the directory the French way and searches it without minding accents', async () => {
    h = await directory();
    const { page } = h;
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByText('5 structures').first().waitFor();
    const names = () => page.locator('.ag-row [col-id="name"]').allInnerTexts();
    await expect.poll(names).toEqual(['Amicale du Nid – Bordeaux', 'ARS Nouvelle-Aquitaine', 'École de la deuxième chance', 'Préfecture de la Gironde', 'Protection judiciaire de la jeunesse']);
    await page.getByPlaceholder('Rechercher une structure, un contact…').fill('prefecture');
    await expect.poll(names).toEqual(['Préfecture de la Gironde']);
    await page.getByPlaceholder('Rechercher une structure, un contact…').fill('ECOLE');
    await expect.poll(names).toEqual(['École de la deuxième chance']);
    await h.screenshot('finding-directory-search');

    // The « Exporter » menu closes on a click elsewhere and on Échap.
    await page.getByPlaceholder('Rechercher une structure, un contact…').fill('');
    const menuItem = page.getByRole('menuitem', { name: /Classeur Excel/ });
    await page.locator('summary', { hasText: 'Exporter' }).click();
    await menuItem.waitFor();
    await h.screenshot('finding-export-menu-open');
    await page.getByRole('heading', { name: 'Partenaires', level: 1 }).click();
    await menuItem.waitFor({ state: 'hidden' });
    await page.locator('summary', { hasText: 'Exporter' }).click();
    await menuItem.waitFor();
    await page.keyboard.press('Escape');
    await menuItem.waitFor({ state: 'hidden' });
    expect(h.errors).toEqual([]);
  });

  it('picks measures by code, the exact match first', async () => {
    h = await directory();
    const { page } = h;
    await page.evaluate(() => (window.location.hash = '#/mesures/fiches/nouvelle'));
    const picker = page.getByRole('combobox', { name: /Mesures nationales/ });
    await picker.fill('A5');
    await page.getByRole('option').first().getByText('Action 5 — Mesure').waitFor();
    await h.screenshot('finding-picker-code');
    await picker.press('Enter');
    await page.getByText('Plan 2021 · Action 5').waitFor();
    await picker.fill('axe 2');
    // « Axe 2 », not « Axe 2 — Axe »: its name says its kind.
    await page.getByRole('option').first().getByText('Axe 2', { exact: true }).waitFor();
    await picker.press('Enter');
    await page.getByText('Stratégie 2024 · Axe 2').waitFor();
    await picker.fill('M21');
    await picker.press('Enter');
    await page.getByText('Stratégie 2024 · Mesure 21').waitFor();
    await expect.poll(() => page.locator('.chips-field .chip').count()).toBe(3);
    expect(h.errors).toEqual([]);
  });

  it('asks before unsaved changes are lost: leaving a page, Échap in a filled dialog', async () => {
    h = await directory();
    const { page } = h;
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByText('Préfecture de la Gironde').click();
    const form = page.getByRole('form', { name: 'Structure' });
    await form.getByLabel('Notes').fill('Interlocuteur à confirmer.');
    await page.getByRole('link', { name: 'Séances' }).click();
    const leave = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    await leave.waitFor();
    await h.screenshot('finding-unsaved-leave');
    await leave.getByRole('button', { name: 'Annuler' }).click();
    expect(await form.getByLabel('Notes').inputValue()).toBe('Interlocuteur à confirmer.');
    expect(page.url()).toContain('#/partenaires/');

    // A filled dialog asks on Échap; an untouched one closes at once.
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    const contact = page.getByRole('dialog', { name: 'Nouveau contact' });
    await contact.getByLabel(/^Nom/).fill('Duval');
    await page.keyboard.press('Escape');
    const abandon = page.getByRole('dialog', { name: 'Abandonner les modifications ?' });
    await abandon.waitFor();
    await abandon.getByRole('button', { name: 'Annuler' }).click();
    expect(await contact.getByLabel(/^Nom/).inputValue()).toBe('Duval');
    await contact.getByRole('button', { name: 'Annuler' }).click();
    await abandon.getByRole('button', { name: 'Abandonner' }).click();
    await contact.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    await page.keyboard.press('Escape');
    await contact.waitFor({ state: 'detached' });

    // Saved, nothing asks any more; unsaved and confirmed, the page is left.
    await form.getByLabel('Notes').fill('Interlocuteur à confirmer en mars.');
    await page.getByRole('link', { name: 'Séances' }).click();
    await leave.getByRole('button', { name: 'Quitter sans enregistrer' }).click();
    await page.getByRole('heading', { name: 'Séances', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByText('Préfecture de la Gironde').click();
    expect(await form.getByLabel('Notes').inputValue()).toBe('');
    await form.getByLabel('Notes').fill('Interlocuteur confirmé.');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Structure enregistrée.').waitFor();
    await page.getByRole('link', { name: 'Séances' }).click();
    await page.getByRole('heading', { name: 'Séances', level: 1 }).waitFor();
    expect(h.errors).toEqual([]);
  });

  it('shows the restored values in Paramètres after a restore', async () => {
    h = await directory();
    const { page } = h;
    await page.evaluate(() => (window.location.hash = '#/parametres'));
    const form = page.getByRole('form', { name: 'Commission' });
    await form.getByLabel('Secrétaire de la commission').fill('Mme Claire Duval');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await page.getByRole('button', { name: 'Restaurer…' }).first().waitFor();
    await form.getByLabel('Secrétaire de la commission').fill('M. Paul Martin');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // The first save's message may still be on screen: wait for this save itself to be written.
    const secretary = () => h.session.require().db.prepare('SELECT secretary_name FROM commission').pluck().get();
    await expect.poll(secretary).toBe('M. Paul Martin');

    await page.getByRole('button', { name: 'Restaurer…' }).first().click();
    await page.getByRole('dialog', { name: 'Restaurer cette sauvegarde ?' }).getByRole('button', { name: 'Restaurer' }).click();
    await expect.poll(() => form.getByLabel('Secrétaire de la commission').inputValue()).toBe('Mme Claire Duval');
    await h.screenshot('finding-settings-after-restore');
    expect(h.errors).toEqual([]);
  });

  it('keeps the large demo’s dashboard short, with a link to every protocol to renew', async () => {
    h = await startHarness(demoCommission('large'));
    const { page } = h;
    const card = page.getByRole('region', { name: 'Protocoles à renouveler' });
    const more = card.getByRole('link', { name: /^Voir les \d+ protocoles à renouveler$/ });
    await more.waitFor();
    expect(await card.locator('.renewals > li').count()).toBeLessThanOrEqual(7);
    const total = Number((await more.textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(6);
    await card.scrollIntoViewIfNeeded();
    await h.screenshot('finding-dashboard-renewals');
    await more.click();
    await page.getByRole('heading', { name: 'Protocoles', level: 1 }).waitFor();
    // The register lists five above its grid (forty rows pushed the grid off a 1024×700 screen), then its grid shows them all.
    const onRegister = page.getByRole('region', { name: 'Protocoles à renouveler' });
    await expect.poll(() => onRegister.locator('.renewals > li').count()).toBe(6);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('main .ag-root-wrapper').waitFor();
    expect(await page.evaluate(() => document.querySelector('main .ag-root-wrapper')!.getBoundingClientRect().top)).toBeLessThan(700);
    await h.screenshot('finding-protocols-1024');
    await onRegister.getByRole('button', { name: `Afficher les ${total} protocoles à renouveler dans le registre` }).click();
    expect(await page.getByLabel('À renouveler (60 jours ou en retard)').isChecked()).toBe(true);
    await page.getByText(new RegExp(`^${total} protocoles affichés sur `)).waitFor();
    expect(h.errors).toEqual([]);
  });
});
