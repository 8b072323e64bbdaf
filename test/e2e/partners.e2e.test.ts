import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './a11y';
import { startHarness, type Harness } from './harness';

describe('Partenaires in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('creates a commission, a partner and a contact, finds them, edits, reloads: still there', async () => {
    const { page } = h;
    // First start: no commission yet.
    await page.getByRole('heading', { name: 'Bienvenue dans Maillage' }).waitFor();
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByText('Département inconnu').waitFor();
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    expect(await page.title()).toContain('Gironde');

    // A new structure, with an inline error first.
    await page.getByRole('button', { name: 'Ajouter la première structure' }).click();
    await page.getByLabel('Nom de la structure').fill('Amicale du Nid – Bordeaux');
    await page.getByLabel('Type de structure').selectOption('association_sortie');
    await page.getByLabel('Accompagnement social').check();
    await page.getByLabel('Hébergement / mise à l’abri').check();
    await page.getByLabel('Code postal').fill('33000');
    await page.getByLabel('Commune').fill('Bordeaux');
    await page.getByLabel('SIRET').fill('1234');
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await page.getByText('SIRET invalide : 14 chiffres dont la clé de contrôle.').waitFor();
    await page.getByLabel('SIRET').fill('732 829 320 00074');
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await page.getByRole('heading', { name: 'Amicale du Nid – Bordeaux' }).waitFor();

    // A contact, member of the commission.
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau contact' });
    await dialog.getByLabel('Civilité').selectOption('Mme');
    await dialog.getByLabel('Prénom').fill('Hélène');
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Desfontaines');
    await dialog.getByLabel('Fonction').fill('Directrice');
    await dialog.getByLabel('Courriel').fill('pas-une-adresse');
    await dialog.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await dialog.getByText('Adresse électronique invalide').waitFor();
    await dialog.getByLabel('Courriel').fill('helene.desfontaines@amicaledunid.org');
    await dialog.getByLabel('Membre de la commission').check();
    await dialog.getByLabel('Coordonnées confirmées le').fill('31/02/2026');
    await dialog.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await dialog.getByText('Date invalide (format attendu : jj/mm/aaaa).').waitFor();
    await dialog.getByLabel('Coordonnées confirmées le').fill('05/11/2026');
    await dialog.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await page.getByRole('region', { name: 'Contacts' }).getByText('Mme Hélène Desfontaines').waitFor();
    // A member becomes the titulaire of a seat of the commission.
    await page.getByText('Titulaire de la commission', { exact: true }).waitFor();
    await page.getByText('Coordonnées confirmées le 05/11/2026').waitFor();

    // Back to the directory, find the structure by its contact's name.
    await page.getByRole('link', { name: 'Tous les partenaires' }).click();
    await page.getByRole('gridcell', { name: 'Amicale du Nid – Bordeaux' }).waitFor();
    await h.screenshot('partners-grid-one');
    await page.getByPlaceholder('Rechercher une structure, un contact…').fill('desfont');
    await page.getByText('1 structure affichée sur 1').waitFor();
    await page.getByPlaceholder('Rechercher une structure, un contact…').fill('gendarmerie');
    await page.getByText('Aucune structure affichée sur 1').waitFor();
    await page.getByPlaceholder('Rechercher une structure, un contact…').fill('desfont');

    // Edit, reload, still there.
    await page.getByText('1 structure affichée sur 1').waitFor();
    await page.getByRole('gridcell', { name: 'Amicale du Nid – Bordeaux' }).first().click();
    await page.getByLabel('Commune').fill('Mérignac');
    await page.getByLabel('Code postal').fill('33700');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Structure enregistrée.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Amicale du Nid – Bordeaux' }).waitFor();
    expect(await page.getByLabel('Commune').inputValue()).toBe('Mérignac');
    await page.getByRole('region', { name: 'Contacts' }).getByText('Mme Hélène Desfontaines').waitFor();
    await h.screenshot('partner-detail');

    // And in the database, through the real router.
    const db = h.session.require().db;
    expect(db.prepare("SELECT commune, siret FROM partners").get()).toEqual({ commune: 'Mérignac', siret: '73282932000074' });
    expect(db.prepare('SELECT email, EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND m.to_on IS NULL) AS is_member, confirmed_on FROM contacts c').get()).toEqual({
      email: 'helene.desfontaines@amicaledunid.org',
      is_member: 1,
      confirmed_on: '2026-11-05',
    });
    expect(h.errors).toEqual([]);
  });

  it('says what goes with a structure before deleting it', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('2A');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('button', { name: 'Ajouter la première structure' }).click();
    await page.getByLabel('Nom de la structure').fill('CIDFF de Corse-du-Sud');
    await page.getByLabel('Type de structure').selectOption('association_sortie');
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Santoni');
    await page.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await page.getByText('Santoni', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Supprimer la structure' }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer cette structure ?' });
    await confirm.getByText('1 contact sera supprimé avec elle.').waitFor();
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    expect(h.session.require().db.prepare('SELECT count(*) FROM partners').pluck().get()).toBe(1);

    await page.getByRole('button', { name: 'Supprimer la structure' }).click();
    await confirm.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    expect(h.session.require().db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
  });

  it('undoes the deletion of a contact and of a structure with « Annuler », by mouse and by keyboard, and they stay back', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('button', { name: 'Ajouter la première structure' }).click();
    await page.getByLabel('Nom de la structure').fill('CIDFF de la Gironde');
    await page.getByLabel('Type de structure').selectOption('association_sortie');
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    for (const name of ['Santoni', 'Pujol']) {
      await page.getByRole('button', { name: 'Ajouter un contact' }).click();
      await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(name);
      await page.getByRole('button', { name: 'Enregistrer le contact' }).click();
      await page.getByText(name, { exact: true }).waitFor();
    }
    const contacts = page.getByRole('region', { name: 'Contacts' });
    const undoButton = page.locator('.toasts').getByRole('button', { name: 'Annuler' });

    // A contact, with the mouse.
    await page.getByRole('button', { name: 'Supprimer Santoni' }).click();
    await page.getByRole('dialog', { name: 'Supprimer ce contact ?' }).getByRole('button', { name: 'Supprimer' }).click();
    await page.getByText('Santoni ne fait plus partie des contacts.').waitFor();
    await contacts.getByText('Santoni', { exact: true }).waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, 'annuler une suppression');
    await h.screenshot('undo-toast');
    await undoButton.click();
    await page.getByText('Suppression annulée.').waitFor();
    await contacts.getByText('Santoni', { exact: true }).waitFor();

    // The structure, from the keyboard: its page is gone, « Annuler » has the focus.
    await page.getByRole('button', { name: 'Supprimer la structure' }).click();
    await page.getByRole('dialog', { name: 'Supprimer cette structure ?' }).getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Annuler');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'CIDFF de la Gironde' }).waitFor();
    await contacts.getByText('Santoni', { exact: true }).waitFor();
    await contacts.getByText('Pujol', { exact: true }).waitFor();

    // Reopened: still there, and the history says what happened.
    await page.reload();
    await page.getByRole('heading', { name: 'CIDFF de la Gironde' }).waitFor();
    await contacts.getByText('Pujol', { exact: true }).waitFor();
    expect(h.session.require().db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(2);
    await page.getByRole('button', { name: 'Historique de Santoni' }).click();
    await page.getByRole('dialog').getByText('Suppression annulée').first().waitFor();
    expect(h.errors).toEqual([]);
  });
});
