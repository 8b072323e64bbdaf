import { existsSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

describe('Paramètres and the Fichier menu in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ setup: (session) => session.create({ departmentCode: '59', name: null }, new Date()) });
  });
  afterEach(async () => {
    await h.close();
  });

  it('edits the commission and stores the préfecture logo in the commission folder', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Paramètres' }).waitFor();
    await page.getByLabel('Secrétaire de la commission').fill('Claire Vandamme, déléguée départementale aux droits des femmes');
    await page.getByLabel('Nom de la commission').fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le nom de la commission est obligatoire.').waitFor();
    await page.getByLabel('Nom de la commission').fill('Commission départementale de lutte contre la prostitution – Nord');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();

    // Any real PNG will do as a logo: Chromium makes one.
    const logo = join(h.dataDir, 'bloc-marque.png');
    writeFileSync(logo, await page.screenshot({ clip: { x: 0, y: 0, width: 120, height: 60 } }));
    h.dialogAnswers.push(logo);
    await page.getByRole('button', { name: 'Choisir une image…' }).click();
    await page.getByRole('img', { name: 'Logo de la préfecture' }).waitFor();
    await h.screenshot('settings');

    const { db, path } = h.session.require();
    // The file is named, not its path: the folder opens in the system's file manager.
    expect(await page.locator('main').textContent()).not.toContain(h.dataDir);
    // The folder beside it is named as it is on disk (it read « -fichiers »).
    expect(await page.locator('main').textContent()).toContain(`dans le dossier « ${basename(path, extname(path))}-fichiers » placé à côté`);
    await page.getByRole('button', { name: 'Montrer le dossier' }).click();
    await expect.poll(() => h.shownInFolder).toEqual([path]);
    expect(db.prepare('SELECT name, secretary_name, logo_file FROM commission').get()).toEqual({
      name: 'Commission départementale de lutte contre la prostitution – Nord',
      secretary_name: 'Claire Vandamme, déléguée départementale aux droits des femmes',
      logo_file: 'logo.png',
    });
    expect(existsSync(join(path.replace(/\.maillage$/, '-fichiers'), 'logo.png'))).toBe(true);

    // A file that is not an image is refused with a message, and the logo stays.
    const fake = join(h.dataDir, 'faux.png');
    writeFileSync(fake, 'pas une image');
    h.dialogAnswers.push(fake);
    await page.getByRole('button', { name: 'Remplacer le logo…' }).click();
    await page.getByText('n’est pas une image PNG valide').waitFor();
    expect(db.prepare('SELECT logo_file FROM commission').pluck().get()).toBe('logo.png');
    expect(h.errors).toEqual([]);
  });

  it('suggests the chef-lieu as the préfecture’s city, says where it comes from, and keeps what the secretary accepts or types', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Paramètres' }).click();
    const city = page.getByRole('textbox', { name: 'Ville de la préfecture' });
    await expect(city.inputValue()).resolves.toBe('');
    await expect(city.getAttribute('placeholder')).resolves.toBe('Lille');
    await page.getByText('Suggestion : Lille, chef-lieu du département d’après le code officiel géographique de l’INSEE.').waitFor();
    await page.getByRole('button', { name: 'Utiliser « Lille »' }).click();
    await expect(city.inputValue()).resolves.toBe('Lille');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    expect(h.session.require().db.prepare('SELECT prefecture_city FROM commission').pluck().get()).toBe('Lille');
    // Another city is the secretary's to type (a préfecture may sit elsewhere): no suggestion then.
    await city.fill('Villeneuve-d’Ascq');
    await expect(page.getByRole('button', { name: 'Utiliser « Lille »' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres enregistrés.').last().waitFor();
    await expect.poll(() => h.session.require().db.prepare('SELECT prefecture_city FROM commission').pluck().get()).toBe('Villeneuve-d’Ascq');
    expect(h.errors).toEqual([]);
  }, 60_000);

  it('saves a copy and opens it from the Fichier menu; Nouvelle commission can be cancelled', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(await page.title()).toContain('Nord');

    const copy = join(h.dataDir, 'copie-nord.maillage');
    h.dialogAnswers.push(copy);
    await h.menu('save-copy');
    await page.getByText('Copie enregistrée : « copie-nord.maillage »').waitFor();
    expect(existsSync(copy)).toBe(true);

    h.dialogAnswers.push(copy);
    await h.menu('open');
    await page.getByText('Commission ouverte : Nord').waitFor();
    // The window title names the section and the commission, never the file; the sidebar names the file.
    expect(await page.title()).toBe('Tableau de bord — Nord — Maillage');
    await page.getByRole('navigation', { name: 'Sections' }).getByText('copie-nord.maillage').waitFor();

    // A file that is not a commission: a plain message, and the open commission stays.
    const garbage = join(h.dataDir, 'n-importe-quoi.maillage');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    h.dialogAnswers.push(garbage);
    await h.menu('open');
    await page.getByText('Ce fichier n’est pas une commission Maillage, ou il est endommagé.').waitFor();
    expect(h.session.require().path).toBe(copy);

    await h.menu('new-commission');
    await page.getByRole('heading', { name: 'Bienvenue dans Maillage' }).waitFor();
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(h.errors).toEqual([]);
  });
});
