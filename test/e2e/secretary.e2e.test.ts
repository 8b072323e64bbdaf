/**
 * A new secretary of the Gironde commission, on a 1024-px screen: she imports her own directory,
 * finds her members marked, creates a session typing the time and date as she writes them and
 * invites them. Then every section, record page and main dialog is checked at 1024×700 and 1366×768:
 * no control runs past the window's right edge, no button's text is cut.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommissionDatabase } from '../../src/main/services/commission';
import { generateDemo } from '../../src/main/services/demo';
import { girondeCsv, girondeXlsx } from '../helpers/partner-files';
import { startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Controls that run past the viewport's right edge, or whose own text is cut, outside any scrolling area. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) problems.push(`la page défile horizontalement (${document.documentElement.scrollWidth} > ${width})`);
    const scrollsAway = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (['auto', 'scroll'].includes(style.overflowX) && a.scrollWidth > a.clientWidth + 1) return true;
      }
      return false;
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()} « ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 50)} »`;
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [role="tab"], .chip, .tree-label, h1, h2')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('.ag-root-wrapper') && !el.closest('.ag-header-cell, .ag-paging-panel')) continue;
      if (scrollsAway(el)) continue;
      if (rect.right > width + 1) problems.push(`${name(el)} dépasse à droite (${Math.round(rect.right)} > ${width})`);
      // A label shortened with an ellipsis is fine when its tooltip gives the whole text.
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1 && !el.getAttribute('title')) problems.push(`${name(el)} a un texte coupé`);
    }
    return problems;
  });
}

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
    expect(await dialog.getByRole('button', { name: 'Rien à importer' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Que faire de « Amicale du Nid 33 » ?').selectOption('merge');
    await dialog.getByRole('button', { name: 'Compléter 1 structure existante' }).waitFor();
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

  it('shows every section, record page and main dialog of the large demo within 1024×700 and 1366×768', async () => {
    h = await startHarness({
      setup: (session, dataDir) => {
        const file = join(dataDir, 'grande-demo.maillage');
        const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, new Date().toISOString());
        generateDemo(db, { size: 'large', today: new Date() });
        db.close();
        return session.open(file);
      },
    });
    const { page } = h;
    const db = h.session.require().db;
    const first = (sql: string) => db.prepare(sql).pluck().get() as string;
    const pages: [string, string][] = [
      ['tableau-de-bord', 'tableau-de-bord'],
      ['partenaires', 'partenaires'],
      ['partenaires/cartographie', 'cartographie'],
      ['mesures', 'mesures'],
      ['mesures/fiches', 'fiches'],
      ['protocoles', 'protocoles'],
      ['seances', 'seances'],
      ['rapports', 'rapports'],
      ['parametres', 'parametres'],
      [`partenaires/${first('SELECT id FROM partners ORDER BY name LIMIT 1')}`, 'structure'],
      [`mesures/fiches/${first('SELECT id FROM actions ORDER BY code LIMIT 1')}`, 'fiche'],
      [`protocoles/${first('SELECT id FROM protocols ORDER BY title LIMIT 1')}`, 'protocole'],
      [`seances/${first('SELECT id FROM meetings ORDER BY starts_at DESC LIMIT 1')}`, 'seance'],
    ];
    const found: Record<string, string[]> = {};
    for (const [width, height] of [
      [1024, 700],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [hash, name] of pages) {
        await page.evaluate((target) => (window.location.hash = `#/${target}`), hash);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await h.screenshot(`layout-${width}-${name}`);
        const problems = await layoutProblems(page);
        if (problems.length > 0) found[`${width} ${name}`] = problems;
      }
      for (const [hash, button, dialogName, name] of [
        ['partenaires', 'Importer…', 'Importer des partenaires', 'import'],
        ['seances', 'Nouvelle séance', 'Nouvelle séance', 'nouvelle-seance'],
      ] as const) {
        await page.evaluate((target) => (window.location.hash = `#/${target}`), hash);
        await page.getByRole('button', { name: button, exact: true }).click();
        const dialog = page.getByRole('dialog', { name: dialogName });
        await dialog.waitFor();
        await h.screenshot(`layout-${width}-dialog-${name}`);
        const problems = await layoutProblems(page);
        if (problems.length > 0) found[`${width} dialog ${name}`] = problems;
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }
    }
    expect(found).toEqual({});
    expect(h.errors).toEqual([]);
  }, 300_000);
});
