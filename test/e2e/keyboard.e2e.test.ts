/**
 * The whole job with the keyboard only (RGAA 7.3, 12.13): Tab, Shift+Tab, Enter, Space, arrows and
 * letters — no click anywhere. Locators are used to wait and to check, never to act.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { parisYear } from '../helpers/clock';
import { startHarness, type Harness } from './harness';

/** What a screen reader would call the focused element, near enough to find it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-labelledby');
    const byLabel = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = el.getAttribute('aria-label') ?? (labelled ? document.getElementById(labelled)?.textContent : null) ?? byLabel ?? el.textContent ?? '';
    return name.replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab (or Shift+Tab) until the focused control's name matches, as a keyboard user moves on. */
async function tabTo(page: Page, name: string | RegExp, options: { back?: boolean; max?: number } = {}): Promise<number> {
  const matches = (n: string) => (typeof name === 'string' ? n === name || n.replace(/ \*$/, '') === name : name.test(n));
  const seen: string[] = [];
  for (let presses = 0; presses <= (options.max ?? 120); presses++) {
    const current = await focusedName(page);
    if (matches(current)) return presses;
    seen.push(current);
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`« ${String(name)} » never got the focus; Tab went through: ${seen.slice(-30).join(' | ')}`);
}

describe('Keyboard only', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('creates a commission, a structure and its contact, a fiche and its journal, a session with attendance and a decision, and its compte rendu', async () => {
    h = await startHarness();
    const { page } = h;
    const kb = page.keyboard;
    const year = parisYear(1);

    // The welcome screen opens on its one field.
    await page.getByRole('heading', { name: 'Bienvenue dans Maillage' }).waitFor();
    await tabTo(page, 'Département');
    await kb.type('33 – Gi');
    await tabTo(page, 'Créer la commission');
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();

    // The skip link is the first Tab stop and takes the focus to the page's heading.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await kb.press('Tab');
    expect(await focusedName(page)).toBe('Aller au contenu');
    await kb.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // A structure: created, then the focus is on its heading.
    await tabTo(page, 'Ajouter la première structure');
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Nouvelle structure' }).waitFor();
    await tabTo(page, 'Nom de la structure');
    await kb.type('Amicale du Nid – Bordeaux');
    await tabTo(page, 'Type de structure');
    await kb.type('Association');
    expect(await page.getByLabel('Type de structure').inputValue()).not.toBe('');
    await tabTo(page, 'Créer la structure');
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Amicale du Nid – Bordeaux' }).waitFor();
    expect(await focusedName(page)).toBe('Amicale du Nid – Bordeaux');

    // Its contact, member of the commission, through the dialog.
    await tabTo(page, 'Ajouter un contact');
    await kb.press('Enter');
    const contactDialog = page.getByRole('dialog', { name: 'Nouveau contact' });
    await contactDialog.waitFor();
    expect(await contactDialog.evaluate((d) => d.contains(document.activeElement) && document.activeElement?.getAttribute('aria-label') !== 'Fermer')).toBe(true);
    // A failed submit puts the focus on the field in error.
    await tabTo(page, 'Enregistrer le contact');
    await kb.press('Enter');
    await contactDialog.getByText(/obligatoire|requis|Indiquez/i).first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await focusedName(page)).toMatch(/^Nom/);
    await kb.type('Desfontaines');
    await tabTo(page, 'Prénom', { back: true });
    await kb.type('Hélène');
    await tabTo(page, /^Membre de la commission/);
    await kb.press('Space');
    await tabTo(page, 'Enregistrer le contact');
    await kb.press('Enter');
    await page.getByRole('region', { name: 'Contacts' }).getByText('Hélène Desfontaines').waitFor();
    // The focus came back to the button that opened the dialog.
    expect(await focusedName(page)).toBe('Ajouter un contact');

    // A fiche action attached to a measure, through the search picker.
    await tabTo(page, 'Mesures', { back: true });
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Mesures', exact: true }).waitFor();
    await tabTo(page, 'Nouvelle fiche action');
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Nouvelle fiche action' }).waitFor();
    await tabTo(page, 'Intitulé');
    await kb.type('Former les veilleurs de nuit des hôtels');
    await tabTo(page, 'Mesures nationales');
    await kb.type('mesure 16');
    await page.getByRole('option', { name: /Mesure 16/ }).waitFor();
    await kb.press('Enter');
    await page.getByText('Stratégie 2024 · Mesure 16').waitFor();
    await tabTo(page, 'Créer la fiche action');
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Former les veilleurs de nuit des hôtels' }).waitFor();
    expect(await focusedName(page)).toBe('Former les veilleurs de nuit des hôtels');

    // Its journal entry.
    await tabTo(page, 'Nouvelle entrée');
    await kb.press('Enter');
    const journal = page.getByRole('dialog', { name: 'Nouvelle entrée du journal' });
    await journal.waitFor();
    await tabTo(page, 'Ce qui a avancé (ou non)');
    await kb.type('Première session de formation avec douze veilleurs.');
    await tabTo(page, 'Enregistrer l’entrée');
    await kb.press('Enter');
    await page.getByText('Première session de formation avec douze veilleurs.').waitFor();

    // A session: created from its dialog, then its heading has the focus.
    await tabTo(page, 'Séances', { back: true });
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Aucune séance pour l’instant' }).waitFor();
    await tabTo(page, 'Créer la première séance');
    await kb.press('Enter');
    const sessionDialog = page.getByRole('dialog', { name: 'Nouvelle séance' });
    await sessionDialog.waitFor();
    await tabTo(page, 'Date');
    await kb.type(`16/04/${year}`);
    await tabTo(page, 'Début');
    await kb.type('14:30');
    await tabTo(page, 'Créer la séance');
    await kb.press('Enter');
    await page.getByRole('heading', { name: `Séance plénière du 16/04/${year}` }).waitFor();
    expect(await focusedName(page)).toContain(`Séance plénière du 16/04/${year}`);

    // A point of the agenda and its decision.
    await tabTo(page, 'Ajouter un point');
    await kb.press('Enter');
    await page.getByRole('dialog', { name: 'Nouveau point de l’ordre du jour' }).waitFor();
    await tabTo(page, 'Intitulé du point');
    await kb.type('Repérage des mineurs dans les hôtels');
    await tabTo(page, 'Enregistrer le point');
    await kb.press('Enter');
    await page.getByRole('article', { name: 'Point 1 : Repérage des mineurs dans les hôtels' }).waitFor();
    await tabTo(page, 'Ajouter une décision');
    await kb.press('Enter');
    await page.getByRole('dialog', { name: 'Nouvelle décision' }).waitFor();
    await tabTo(page, 'Décision');
    await kb.type('La commission lance une formation des réceptionnistes d’hôtel.');
    await tabTo(page, 'Enregistrer la décision');
    await kb.press('Enter');
    await page.getByText('La commission lance une formation des réceptionnistes d’hôtel.').waitFor();

    // Attendance: the radio group of the one member, moved with the arrows.
    await tabTo(page, /^Participants/, { back: true });
    await kb.press('Enter');
    await page.getByRole('radiogroup', { name: 'Présence de Mme Hélène Desfontaines' }).or(page.getByRole('radiogroup', { name: /Hélène Desfontaines/ })).first().waitFor();
    await tabTo(page, 'Présent');
    await kb.press('Space');
    await page.getByText(/^Quorum atteint/).waitFor();
    const group = page.getByRole('radiogroup', { name: /Hélène Desfontaines/ });
    // À distance (which counts as present), Suppléant, then Mandat (which waits for the member it is given to: the arrows stay in the group), then Excusé.
    await kb.press('ArrowRight');
    await expect.poll(() => group.getByRole('radio', { name: 'À distance' }).isChecked()).toBe(true);
    await page.getByText(/^Quorum atteint/).waitFor();
    await kb.press('ArrowRight');
    await expect.poll(() => group.getByRole('radio', { name: 'Suppléant' }).isChecked()).toBe(true);
    await kb.press('ArrowRight');
    await expect.poll(() => group.getByRole('radio', { name: 'Mandat' }).isChecked()).toBe(true);
    await kb.press('ArrowRight');
    await expect.poll(() => group.getByRole('radio', { name: 'Excusé' }).isChecked()).toBe(true);
    // The badge, and the session's offer of a new convocation without quorum.
    await page.getByText(/^Quorum non atteint/).first().waitFor();
    await kb.press('ArrowLeft');
    await kb.press('ArrowLeft');
    await expect.poll(() => group.getByRole('radio', { name: 'Suppléant' }).isChecked()).toBe(true);
    await kb.press('ArrowLeft');
    await expect.poll(() => group.getByRole('radio', { name: 'À distance' }).isChecked()).toBe(true);
    await kb.press('ArrowLeft');
    await expect.poll(() => group.getByRole('radio', { name: 'Présent', exact: true }).isChecked()).toBe(true);
    await page.getByText(/^Quorum atteint/).waitFor();

    // The compte rendu, saved where the (fake) save dialog answers.
    const target = join(h.dataDir, 'compte-rendu.docx');
    h.dialogAnswers.push(target);
    await tabTo(page, 'Compte rendu', { back: true });
    await kb.press('Enter');
    await page.getByText(`Compte rendu enregistré : ${target}`).waitFor();
    expect(existsSync(target)).toBe(true);
    await h.screenshot('keyboard-only-session');
    expect(h.errors).toEqual([]);
  }, 240_000);
});
