/**
 * RGAA 4.1 / WCAG 2.1 AA in Chromium: axe-core on every section, record page and dialog of the
 * small demo and on the empty states of a new commission; reflow at 200 % zoom and 320 px;
 * names and roles in the accessibility tree; focus on dialogs, errors and new records.
 */
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeFindings, formatFindings, pageFitsWidth, type AxeFinding } from './a11y';
import { demoCommission, settled, startHarness, type Harness } from './harness';

/** The id of the first record a list channel returns, read through the same bridge as the app. */
async function firstId(page: Page, channel: string): Promise<string> {
  const ids = await page.evaluate(async (c) => {
    const result = (await window.maillage.invoke(c as never, undefined as never)) as { ok: boolean; value: { id: string }[] };
    return result.value.map((r) => r.id);
  }, channel);
  if (!ids[0]) throw new Error(`${channel} is empty`);
  return ids[0];
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => (window.location.hash = `#/${target}`), hash);
  await shown(page);
}

/** The page has its heading and its data, painted. */
async function shown(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await settled(page);
}

const isActive = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

describe('Accessibility (RGAA 4.1, WCAG 2.1 AA) in Chromium', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('finds no axe-core violation on any screen or dialog of the small demo', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    const findings: AxeFinding[] = [];
    const check = async (label: string) => findings.push(...(await axeFindings(page, label)));
    const dialogsChecked: string[] = [];

    /** Opens a dialog, checks it, closes it with Échap: it opened on its first control (not « Fermer ») and gave the focus back. */
    async function dialog(opener: Locator, label: string) {
      await opener.focus();
      await page.keyboard.press('Enter');
      const open = page.locator('dialog[open]');
      await open.waitFor();
      await settled(page);
      await check(`dialogue ${label}`);
      expect(await open.evaluate((d) => d.contains(document.activeElement)), `${label}: focus inside`).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `${label}: not on « Fermer »`).not.toBe('Fermer');
      await page.keyboard.press('Escape');
      await open.waitFor({ state: 'detached' }).catch(() => open.waitFor({ state: 'hidden' }));
      expect(await isActive(opener), `${label}: focus back on its opener`).toBe(true);
      dialogsChecked.push(label);
    }

    const partner = await firstId(page, 'partners.list');
    const action = await firstId(page, 'actions.list');
    const meeting = await firstId(page, 'meetings.list');
    const protocol = await firstId(page, 'protocols.list');
    const request = await firstId(page, 'parcours.list');

    const screens: [string, string][] = [
      ['tableau-de-bord', 'Tableau de bord'],
      ['mesures', 'Mesures'],
      ['mesures/fiches', 'Mesures'],
      [`mesures/fiches/${action}`, 'Mesures'],
      ['mesures/fiches/nouvelle', 'Mesures'],
      ['partenaires', 'Partenaires'],
      [`partenaires/${partner}`, 'Partenaires'],
      ['partenaires/nouveau', 'Partenaires'],
      ['partenaires/cartographie', 'Partenaires'],
      ['partenaires/composition', 'Partenaires'],
      ['partenaires/rgpd', 'Partenaires'],
      ['protocoles', 'Protocoles'],
      [`protocoles/${protocol}`, 'Protocoles'],
      ['protocoles/nouveau', 'Protocoles'],
      ['seances', 'Séances'],
      [`seances/${meeting}/ordre-du-jour`, 'Séances'],
      [`seances/${meeting}/participants`, 'Séances'],
      [`seances/${meeting}/suites`, 'Séances'],
      [`seances/${meeting}/informations`, 'Séances'],
      ['parcours', 'Parcours de sortie'],
      [`parcours/${request}`, 'Parcours de sortie'],
      ['parcours/nouvelle', 'Parcours de sortie'],
      ['parcours/chiffres', 'Parcours de sortie'],
      ['parcours/conservation', 'Parcours de sortie'],
      ['rapports', 'Rapports'],
      ['parametres', 'Paramètres'],
    ];
    for (const [hash, section] of screens) {
      await go(page, hash);
      await check(hash);
      // The window names the page's heading too, unless it repeats the section's name (a record, a tab).
      const heading = (await page.locator('main h1').first().textContent())!.trim();
      expect(await page.title()).toBe(`${heading.startsWith(section) ? '' : `${heading} — `}${section} — Gironde — Maillage`);
      expect(await page.locator('main').count()).toBe(1);
      expect(await page.locator('nav[aria-label="Sections"]').count()).toBe(1);
    }

    // The dialogs, each opened from its own control.
    await go(page, 'partenaires');
    await dialog(page.getByRole('button', { name: 'Importer…' }), 'import de partenaires');
    await go(page, `partenaires/${partner}`);
    await dialog(page.getByRole('button', { name: 'Ajouter un contact' }), 'nouveau contact');
    await dialog(page.getByRole('region', { name: 'Contacts' }).getByRole('button', { name: /^Modifier / }).first(), 'modifier le contact');
    await dialog(page.getByRole('region', { name: 'Contacts' }).getByRole('button', { name: /^Historique de / }).first(), 'historique du contact');
    await dialog(page.getByRole('region', { name: 'Contacts' }).getByRole('button', { name: /^Supprimer / }).first(), 'supprimer le contact');
    await dialog(page.getByRole('button', { name: 'Historique', exact: true }), 'historique de la structure');
    await dialog(page.getByRole('button', { name: 'Supprimer la structure' }), 'supprimer la structure');

    await go(page, 'partenaires/composition');
    await dialog(page.getByRole('button', { name: 'Nommer des membres' }), 'nommer des membres');
    await dialog(page.getByRole('button', { name: /^Modifier le siège / }).first(), 'modifier le siège');
    await dialog(page.getByRole('button', { name: /^Ajouter un suppléant au siège / }).first(), 'nommer un suppléant');
    await dialog(page.getByRole('button', { name: 'Historique', exact: true }), 'historique de la composition');

    await go(page, 'mesures');
    await page.getByRole('treeitem').first().locator('> .tree-row').click();
    await dialog(page.getByRole('button', { name: 'Corriger l’intitulé' }), 'corriger l’intitulé');
    await dialog(page.getByRole('button', { name: 'Ajouter une sous-mesure locale' }), 'sous-mesure locale');

    await go(page, `mesures/fiches/${action}`);
    await dialog(page.getByRole('button', { name: 'Nouvelle entrée' }), 'entrée du journal');
    await dialog(page.getByRole('button', { name: /^Modifier l’entrée/ }).first(), 'modifier l’entrée');
    await dialog(page.getByRole('button', { name: 'Nouvel indicateur' }), 'nouvel indicateur');
    await dialog(page.getByRole('button', { name: 'Historique', exact: true }), 'historique de la fiche');
    await dialog(page.getByRole('button', { name: 'Supprimer', exact: true }), 'supprimer la fiche');
    const valueButton = page.getByRole('button', { name: 'Saisir une valeur' }).first();
    if (await valueButton.count()) await dialog(valueButton, 'valeur d’indicateur');

    await go(page, `protocoles/${protocol}`);
    await dialog(page.getByRole('button', { name: 'Historique', exact: true }), 'historique du protocole');
    await dialog(page.getByRole('button', { name: 'Supprimer le protocole' }), 'supprimer le protocole');
    await dialog(page.getByRole('button', { name: /^(Mettre en signature|Enregistrer la signature|Enregistrer le renouvellement|Revenir au projet|Constater l’expiration|Enregistrer la dénonciation)$/ }).first(), 'statut du protocole');

    await go(page, 'seances');
    await dialog(page.getByRole('button', { name: 'Nouvelle séance' }), 'nouvelle séance');
    await go(page, `seances/${meeting}/ordre-du-jour`);
    await dialog(page.getByRole('button', { name: 'Ajouter un point' }), 'point de l’ordre du jour');
    await dialog(page.getByRole('button', { name: 'Ajouter une décision' }).first(), 'décision');
    await dialog(page.getByRole('button', { name: 'Historique', exact: true }), 'historique de la séance');
    await go(page, `seances/${meeting}/participants`);
    await dialog(page.getByRole('button', { name: 'Ajouter des personnes' }), 'ajouter des personnes');
    await go(page, `seances/${meeting}/suites`);
    await dialog(page.getByRole('button', { name: 'Ajouter une suite à donner' }), 'suite à donner');
    await go(page, `seances/${meeting}/informations`);
    await dialog(page.getByRole('button', { name: 'Supprimer la séance' }), 'supprimer la séance');

    await go(page, 'parametres');
    const restore = page.getByRole('button', { name: 'Restaurer…' }).first();
    if (await restore.count()) await dialog(restore, 'restaurer une sauvegarde');

    expect(dialogsChecked.length).toBeGreaterThanOrEqual(28);
    expect(formatFindings(findings)).toBe('');
    expect(h.errors).toEqual([]);
  }, 300_000);

  it('finds no violation on the welcome screen and the empty states of a new commission', async () => {
    h = await startHarness();
    const { page } = h;
    const findings: AxeFinding[] = [];
    const check = async (label: string) => findings.push(...(await axeFindings(page, label)));
    await page.getByRole('heading', { name: 'Bienvenue dans Maillage' }).waitFor();
    expect(await page.locator('main').count()).toBe(1);
    await check('accueil');
    // A failed submit: the field in error has the focus, says it is invalid and why.
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    const department = page.getByLabel('Département');
    await page.getByText('Département inconnu').waitFor();
    expect(await isActive(department)).toBe(true);
    expect(await department.getAttribute('aria-invalid')).toBe('true');
    expect(await department.getAttribute('aria-required')).toBe('true');
    const description = await department.evaluate((e) =>
      (e.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    );
    expect(description).toContain('obligatoire');
    expect(description).toContain('Département inconnu');
    await check('accueil, erreur');
    await department.selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();

    for (const hash of ['tableau-de-bord', 'mesures', 'mesures/fiches', 'partenaires', 'partenaires/cartographie', 'partenaires/composition', 'partenaires/rgpd', 'protocoles', 'seances', 'rapports', 'rapports/remontee-etat', 'rapports/consolidation', 'parametres']) {
      await go(page, hash);
      await check(`vide ${hash}`);
    }
    expect(formatFindings(findings)).toBe('');
    expect(h.errors).toEqual([]);
  }, 120_000);

  it('reflows at 200 % zoom (640×400) and at 320 px: no horizontal scrolling of the page', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    const partner = await firstId(page, 'partners.list');
    const action = await firstId(page, 'actions.list');
    const meeting = await firstId(page, 'meetings.list');
    const protocol = await firstId(page, 'protocols.list');
    const pages = ['tableau-de-bord', 'mesures', 'mesures/fiches', `mesures/fiches/${action}`, 'partenaires', `partenaires/${partner}`, 'partenaires/composition', 'protocoles', `protocoles/${protocol}`, 'seances', `seances/${meeting}/ordre-du-jour`, `seances/${meeting}/participants`, 'rapports', 'rapports/remontee-etat', 'rapports/consolidation', 'parametres'];
    const overflowing: string[] = [];
    for (const [width, height] of [
      [640, 400],
      [320, 640],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const hash of pages) {
        await go(page, hash);
        const { scrollWidth, innerWidth } = await pageFitsWidth(page);
        if (scrollWidth > innerWidth) overflowing.push(`${width} px ${hash}: ${scrollWidth} > ${innerWidth}`);
        if (width === 640 && hash === 'partenaires') await page.getByRole('gridcell').first().waitFor();
        if (width === 640 && ['partenaires', `mesures/fiches/${action}`, `seances/${meeting}/participants`].includes(hash)) await h.screenshot(`zoom-200-${hash.split('/')[0]}`);
        if (width === 320 && ['partenaires', `mesures/fiches/${action}`, `seances/${meeting}/participants`].includes(hash)) await h.screenshot(`width-320-${hash.split('/')[0]}`);
      }
    }
    expect(overflowing).toEqual([]);
    expect(h.errors).toEqual([]);
  }, 120_000);

  it('names every control in French with a role (accessibility tree), and the measures tree answers the keys of the tree pattern', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    const WIDGETS = /^\s*- (button|link|textbox|combobox|checkbox|radio|treeitem|menuitem|searchbox|spinbutton|tab|option)\b(?! ")/;
    const ENGLISH = /"[^"]*\b(Close|Open|Search|Filter|Next|Previous|Page|Loading|Press|Column|Rows?)\b[^"]*"/;
    async function speech(label: string, locator: Locator): Promise<string> {
      const snapshot = await locator.ariaSnapshot();
      const unnamed = snapshot.split('\n').filter((line) => WIDGETS.test(line));
      expect(unnamed, `${label}: controls without a name`).toEqual([]);
      expect(snapshot.match(ENGLISH), `${label}: English name`).toBeNull();
      return snapshot;
    }

    await go(page, 'partenaires');
    await page.getByRole('gridcell').first().waitFor();
    const nav = await speech('sidebar', page.getByRole('navigation', { name: 'Sections' }));
    for (const section of ['Tableau de bord', 'Mesures', 'Partenaires', 'Protocoles', 'Séances', 'Parcours de sortie', 'Rapports', 'Paramètres']) expect(nav).toContain(`link "${section}"`);
    const toolbar = await speech('Partenaires', page.locator('main .page-header'));
    expect(toolbar).toContain('heading "Partenaires" [level=1]');
    expect(toolbar).toContain('button "Nouvelle structure"');
    expect(await page.getByRole('grid').first().getAttribute('aria-label')).toBeTruthy();

    const partner = await firstId(page, 'partners.list');
    await go(page, `partenaires/${partner}`);
    await page.getByRole('button', { name: 'Ajouter un contact' }).focus();
    await page.keyboard.press('Enter');
    const contact = await speech('contact dialog', page.getByRole('dialog', { name: 'Nouveau contact' }));
    expect(contact).toContain('combobox "Civilité"');
    expect(contact).toContain('textbox "Prénom"');
    expect(contact).toContain('checkbox "Membre de la commission');
    await page.keyboard.press('Escape');

    const meeting = await firstId(page, 'meetings.list');
    await go(page, `seances/${meeting}/participants`);
    const attendance = await speech('attendance', page.getByRole('region', { name: 'Participants' }));
    expect(attendance).toMatch(/radiogroup "Présence de [^"]+":\n\s+- radio "Présent"/);

    await go(page, 'mesures');
    const tree = page.getByRole('tree').first();
    const spoken = await speech('tree', tree);
    expect(spoken).toMatch(/treeitem "Priorité 1 [^"]*fiches? actions?[^"]*" \[expanded\]/);
    // One Tab stop in the tree, then the keys of the WAI-ARIA tree pattern.
    expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
    const first = tree.getByRole('treeitem').first();
    await first.focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-level') + ' ' + document.activeElement?.textContent?.slice(0, 40));
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^2 /);
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toMatch(/^1 Priorité 1/);
    await page.keyboard.press('ArrowLeft');
    expect(await first.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    expect(await first.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('End');
    const last = await focused();
    await page.keyboard.press('Home');
    expect(await focused()).toMatch(/^1 Priorité 1/);
    expect(last).not.toBe(await focused());
    await page.keyboard.type('Priorité 3');
    expect(await focused()).toMatch(/^1 Priorité 3/);
    await page.keyboard.press('Enter');
    expect(await page.getByRole('treeitem', { selected: true }).count()).toBe(1);
    await page.getByRole('complementary', { name: /^Priorité 3/ }).waitFor();
    expect(h.errors).toEqual([]);
  }, 120_000);
});
