/**
 * A new secretary of the Gironde commission, on a 1024-px screen: she imports her own directory,
 * finds her members marked, creates a session typing the time and date as she writes them and
 * invites them. She folds the sidebar to gain room, and filters a grid by a date typed in French.
 * Then every section, record page and main dialog (the exchange package's too) is checked at
 * 1024×700, sidebar folded or not, and at 1366×768 with the checks of ./layout.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addLocalMeasure } from '../../src/main/features/measures/catalogue';
import { openDatabase } from '../../src/main/db/connection';
import { exportPackage } from '../../src/main/commission-file/packages';
import { copyDemo } from '../helpers/demo-files';
import { girondeCsv, girondeXlsx } from '../helpers/partner-files';
import { demoCommission, startHarness, type Harness } from './harness';
import { layoutProblems } from './layout';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('A new secretary on a small screen', () => {
  it('imports the Gironde directory, finds her members marked and invites them to a session', async () => {
    h = await startHarness();
    const { page } = h;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();

    const xlsx = join(h.dataDir, 'Annuaire CDLP 33.xlsx');
    writeFileSync(xlsx, await girondeXlsx());
    h.dialogAnswers.push(xlsx);
    await page.getByRole('button', { name: 'Importer une liste Excel ou CSV…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer des partenaires' });
    await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
    await dialog.getByText('Classeur Excel, feuille « Partenaires CDLP »').waitFor();
    expect(await dialog.getByLabel('Champ pour la colonne « Nom du contact »').inputValue()).toBe('fullName');
    expect(await dialog.getByLabel('Champ pour la colonne « Mis à jour le »').inputValue()).toBe('confirmedOn');
    expect(await dialog.getByLabel('Champ pour la colonne « Membre CDLP »').inputValue()).toBe('isMember');
    await h.screenshot('secretary-import-mapping-1024');
    expect(await layoutProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Vérifier les données' }).click();
    // Her own words for each type are understood: no line needs a look.
    await dialog.getByText('Toutes les lignes sont correctes.').waitFor();
    await h.screenshot('secretary-import-preview-1024');
    await dialog.getByRole('button', { name: 'Importer : 8 structures nouvelles et 8 contacts' }).click();
    await dialog.getByText('8 structures créées').waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();
    await page.getByRole('gridcell', { name: 'Amicale du Nid 33' }).waitFor();

    // The same list again, as CSV: nothing new, and the dialog says so instead of promising 8 structures.
    const csv = join(h.dataDir, 'annuaire.csv');
    writeFileSync(csv, girondeCsv());
    h.dialogAnswers.push(csv);
    await page.getByRole('button', { name: 'Importer…' }).click();
    await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
    await dialog.getByRole('button', { name: 'Vérifier les données' }).click();
    await dialog.getByRole('heading', { name: 'Structures déjà dans l’annuaire' }).waitFor();
    const nothing = dialog.getByRole('button', { name: 'Rien à changer : l’annuaire contient déjà tout ce que dit le fichier' });
    expect(await nothing.isDisabled()).toBe(true);
    // Merging the same structure again would bring nothing: the dialog says so, and still offers nothing to do.
    await dialog.getByLabel('Que faire de « Amicale du Nid 33 » ?').selectOption('merge');
    await dialog.getByText('Fusionner n’y changerait rien : la fiche a déjà tout ce que dit le fichier.').first().waitFor();
    expect(await nothing.isDisabled()).toBe(true);
    await h.screenshot('secretary-import-duplicates-1024');
    const choice = await dialog.getByLabel('Que faire de « Amicale du Nid 33 » ?').boundingBox();
    expect(choice!.width).toBeGreaterThan(110);
    expect(await layoutProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuler' }).or(dialog.getByRole('button', { name: 'Fermer' })).first().click();

    // A session typed the way she writes: « 15 février 2027 », « 14h30 », « 17 h ».
    await page.getByRole('link', { name: 'Séances' }).click();
    await page.getByRole('button', { name: 'Créer la première séance' }).click();
    const form = page.getByRole('dialog', { name: 'Nouvelle séance' });
    await form.getByLabel('Date').fill('15 février 2027');
    await form.getByLabel('Début').fill('14h30');
    await form.getByLabel('Fin').fill('17 h');
    await form.getByLabel('Lieu').fill('Préfecture de la Gironde');
    await h.screenshot('secretary-new-session-1024');
    expect(await layoutProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'Créer la séance' }).click();
    await page.getByText('Séance créée : 5 personnes invitées.').waitFor();
    const meeting = h.session.require().db.prepare('SELECT starts_at, ends_at FROM meetings').get();
    expect(meeting).toEqual({ starts_at: '2027-02-15T14:30', ends_at: '2027-02-15T17:00' });
    expect(h.errors).toEqual([]);
  });

  it('folds the sidebar to a rail of icons and back from the keyboard, and finds it as she left it after a restart', async () => {
    h = await startHarness({ setup: (session) => session.create({ departmentCode: '33', name: null }, new Date()) });
    const { page } = h;
    await page.setViewportSize({ width: 1024, height: 700 });
    const nav = page.getByRole('navigation', { name: 'Sections' });
    const toggle = nav.getByRole('button', { name: 'Menu latéral complet' });
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.getAttribute('aria-controls')).toBe('sidebar-sections');
    const page1 = (await page.getByRole('main').boundingBox())!.width;

    // The skip link, then the button: Enter folds the menu, the focus stays on the button.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);
    expect((await nav.boundingBox())!.width).toBeLessThanOrEqual(72);
    expect((await page.getByRole('main').boundingBox())!.width).toBeGreaterThan(page1 + 150);

    // Each icon keeps its name, shown beside it when the keyboard reaches it; Enter opens the section.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const partners = nav.getByRole('link', { name: 'Mesures' });
    expect(await partners.evaluate((a) => a === document.activeElement)).toBe(true);
    const label = (await partners.getByText('Mesures').boundingBox())!;
    expect(label.width).toBeGreaterThan(40);
    expect(label.x).toBeGreaterThan((await nav.boundingBox())!.width);
    await h.screenshot('sidebar-rail-1024');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mesures', exact: true }).waitFor();
    expect(await layoutProblems(page)).toEqual([]);

    // Maillage restarted: still a rail; Space unfolds it, and that too is remembered.
    await page.reload();
    await page.getByRole('heading', { name: 'Mesures', exact: true }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect((await nav.boundingBox())!.width).toBeGreaterThan(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Mesures', exact: true }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(h.errors).toEqual([]);
  });

  it('filters the fiches by a date typed in French in the grid’s date filter', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    await page.setViewportSize({ width: 1024, height: 700 });
    const db = h.session.require().db;
    const { ends_on: day, n } = db.prepare('SELECT ends_on, count(*) AS n FROM actions WHERE ends_on IS NOT NULL GROUP BY ends_on ORDER BY n DESC, ends_on LIMIT 1').get() as { ends_on: string; n: number };
    await page.evaluate(() => (window.location.hash = '#/mesures/fiches'));
    const grid = page.getByRole('grid').first();
    await grid.getByRole('gridcell').first().waitFor();
    await page.locator('.ag-header-cell', { hasText: 'Fin' }).locator('.ag-header-cell-filter-button').click();
    const filter = page.locator('.ag-filter');
    const input = filter.getByLabel('Date (jj/mm/aaaa)').first();
    await input.waitFor();
    // No browser date box (« mm/dd/yyyy, --:-- » on an English system): a French text box.
    expect(await filter.locator('input[type="date"], input[type="datetime-local"]').count()).toBe(0);
    expect(await input.getAttribute('placeholder')).toBe('jj/mm/aaaa');
    expect(await filter.innerText()).not.toMatch(/mm\/dd|yyyy|--:--/);
    const [y, m, d] = day.split('-');
    await input.fill(`${d}/${m}/${y!.slice(2)}`);
    await h.screenshot('grid-date-filter-1024');
    // « 30/06/27 » is read as 30/06/2027: only the fiches ending that day are left.
    await expect.poll(() => grid.locator('.ag-row [col-id="endsOn"]').allInnerTexts()).toEqual(Array(n).fill(`${d}/${m}/${y}`));
    expect(await layoutProblems(page)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('shows every section, record page and main dialog of the large demo within 1024×700 and 1366×768, the sidebar folded or not', async () => {
    const exchange = { file: '' };
    h = await startHarness({
      setup: async (session, dataDir) => {
        // Where Maillage keeps its commissions: a package of the same commission offers both « Remplacer » and « Importer comme nouvelle ».
        mkdirSync(session.commissionsDir, { recursive: true });
        const file = copyDemo('large', new Date(), session.commissionsDir);
        const db = openDatabase(file);
        // The longest measure of the catalogue, and a local sub-measure with a long label, on the first fiche.
        const now = new Date();
        const longest = db.prepare("SELECT id FROM catalogue_nodes WHERE kind <> 'axe' ORDER BY length(title) DESC LIMIT 1").pluck().get() as string;
        const local = addLocalMeasure(db, { parentId: longest, label: 'A7.1 Accueil prioritaire des fugues en commissariat', title: 'Accueil et traitement prioritaire, dans chaque commissariat et brigade de Gironde, des fugues possiblement liées à une situation de prostitution' }, now);
        const firstFiche = db.prepare('SELECT id FROM actions ORDER BY code LIMIT 1').pluck().get() as string;
        db.prepare('INSERT OR IGNORE INTO action_measures (action_id, node_id) VALUES (?, ?), (?, ?)').run(firstFiche, longest, firstFiche, local.id);
        exchange.file = join(dataDir, 'grande-demo.maillage-echange');
        await exportPackage(db, file, exchange.file, new Date());
        db.close();
        return session.open(file);
      },
    });
    const { page } = h;
    const db = h.session.require().db;
    const first = (sql: string) => db.prepare(sql).pluck().get() as string;
    const meeting = first('SELECT id FROM meetings ORDER BY starts_at DESC LIMIT 1');
    const pages: [string, string][] = [
      ['tableau-de-bord', 'tableau-de-bord'],
      ['partenaires', 'partenaires'],
      ['partenaires/cartographie', 'cartographie'],
      ['partenaires/rgpd', 'contacts-a-reconfirmer'],
      ['mesures', 'mesures'],
      ['mesures/fiches', 'fiches'],
      ['protocoles', 'protocoles'],
      ['seances', 'seances'],
      ['parcours', 'parcours'],
      ['parcours/chiffres', 'parcours-chiffres'],
      ['parcours/conservation', 'parcours-conservation'],
      ['rapports', 'rapports'],
      ['parametres', 'parametres'],
      [`partenaires/${first('SELECT id FROM partners ORDER BY name LIMIT 1')}`, 'structure'],
      [`partenaires/${first('SELECT partner_id FROM contacts GROUP BY partner_id ORDER BY count(*) DESC LIMIT 1')}`, 'structure-contacts'],
      ['partenaires/nouveau', 'nouvelle-structure'],
      [`mesures/fiches/${first('SELECT id FROM actions ORDER BY code LIMIT 1')}`, 'fiche'],
      ['mesures/fiches/nouvelle', 'nouvelle-fiche'],
      [`protocoles/${first('SELECT id FROM protocols ORDER BY title LIMIT 1')}`, 'protocole'],
      [`protocoles/${first('SELECT protocol_id FROM protocol_signatories GROUP BY protocol_id ORDER BY count(*) DESC LIMIT 1')}`, 'protocole-signataires'],
      [`seances/${meeting}`, 'seance'],
      [`seances/${meeting}/participants`, 'seance-participants'],
      [`seances/${meeting}/suites`, 'seance-suites'],
      [`seances/${meeting}/informations`, 'seance-informations'],
      [`parcours/${first('SELECT id FROM parcours_requests ORDER BY received_on DESC LIMIT 1')}`, 'demande-parcours'],
      ['parcours/nouvelle', 'nouvelle-demande'],
    ];
    const dialogs: [string, string, string][] = [
      ['partenaires', 'Importer…', 'import'],
      [pages[13]![0], 'Ajouter un contact', 'contact'],
      [pages[16]![0], 'Mettre à jour l’avancement', 'journal'],
      [pages[16]![0], 'Historique', 'historique'],
      ['seances', 'Nouvelle séance', 'nouvelle-seance'],
      [`seances/${meeting}`, 'Ajouter un point', 'point'],
      [`seances/${meeting}/participants`, 'Ajouter des personnes', 'personnes'],
    ];
    const go = async (hash: string) => {
      await page.evaluate((target) => (window.location.hash = `#/${target}`), hash);
      await page.locator('h1').first().waitFor();
      await h.settled();
    };
    const toggle = page.getByRole('button', { name: 'Menu latéral complet' });
    const found: Record<string, string[]> = {};
    for (const [width, height, sidebar] of [
      [1024, 700, 'menu'],
      [1024, 700, 'rail'],
      [1366, 768, 'menu'],
    ] as const) {
      await page.setViewportSize({ width, height });
      if ((await toggle.getAttribute('aria-expanded')) !== String(sidebar === 'menu')) await toggle.click();
      const at = `${width}${sidebar === 'rail' ? '-rail' : ''}`;
      for (const [hash, name] of pages) {
        await go(hash);
        await h.screenshot(`layout-${at}-${name}`);
        const problems = await layoutProblems(page);
        if (problems.length > 0) found[`${at} ${name}`] = problems;
      }

      // The fiche's measure chips stay within its card, shortened, with the whole title as their tooltip.
      await go(pages[16]![0]);
      const chip = page.locator('.chip', { hasText: 'Accueil prioritaire' });
      const card = await page.getByRole('form', { name: 'Fiche action' }).boundingBox();
      const box = await chip.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width);
      expect(await chip.getAttribute('title')).toMatch(/^Accueil et traitement prioritaire/);

      for (const [hash, button, name] of dialogs) {
        await go(hash);
        await page.getByRole('main').getByRole('button', { name: button, exact: true }).first().click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        await h.settled();
        await h.screenshot(`layout-${at}-dialog-${name}`);
        const problems = await layoutProblems(page);
        if (problems.length > 0) found[`${at} dialog ${name}`] = problems;
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }

      // The exchange package of this very commission: three choices, all in sight.
      h.dialogAnswers.push(exchange.file);
      await h.menu('import-package');
      const packageDialog = page.getByRole('dialog', { name: 'Importer un paquet d’échange' });
      await packageDialog.getByText('33 · Gironde').waitFor();
      await h.screenshot(`layout-${at}-dialog-paquet`);
      for (const label of ['Annuler', 'Importer comme nouvelle commission', 'Remplacer la commission']) {
        const button = packageDialog.getByRole('button', { name: label });
        expect(await button.isVisible()).toBe(true);
        const rect = (await button.boundingBox())!;
        expect(rect.x).toBeGreaterThanOrEqual(0);
        expect(rect.y).toBeGreaterThanOrEqual(0);
        expect(rect.x + rect.width).toBeLessThanOrEqual(width);
        expect(rect.y + rect.height).toBeLessThanOrEqual(height);
        // Not hidden by the dialog's own edge: a click at either end of the button lands on it.
        const reachable = await button.evaluate((b) => {
          const r = b.getBoundingClientRect();
          return [r.left + 2, r.right - 2].every((x) => b.contains(document.elementFromPoint(x, r.top + r.height / 2)));
        });
        expect(reachable, label).toBe(true);
      }
      const problems = await layoutProblems(page);
      if (problems.length > 0) found[`${at} dialog paquet`] = problems;
      await packageDialog.getByRole('button', { name: 'Annuler' }).click();
      await packageDialog.waitFor({ state: 'hidden' });
    }
    expect(found).toEqual({});
    expect(h.errors).toEqual([]);
  }, 600_000);
});
