/**
 * Sauvegardes, restore, the damaged-file screen, exchange packages and the Historique panel, as a
 * secretary uses them in Chromium.
 */
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireCommissionLock, type CommissionLock } from '../../src/main/commission-file/lock';
import { createContact, createPartner, updatePartner } from '../../src/main/features/partners/partners';
import { contactFields, partnerFields } from '../../src/shared/schemas/partners';
import { startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const partner = (name: string, commune: string) => partnerFields.parse({ name, type: 'association_sortie', domains: ['accompagnement'], commune, postcode: '33000' });

describe('Sauvegardes, échange and Historique in Chromium', () => {
  it('shows the history of a structure and of a contact, with the changed fields highlighted', async () => {
    h = await startHarness({
      async setup(session) {
        await session.create({ departmentCode: '33', name: null }, new Date('2026-03-02T09:00:00.000Z'));
        const { db } = session.require();
        const p = createPartner(db, partner('Amicale du Nid – Bordeaux', 'Bordeaux'), new Date('2026-03-02T09:15:00.000Z'));
        updatePartner(db, { ...partner('Amicale du Nid – Gironde', 'Mérignac'), id: p.id, notes: 'Antenne ouverte en 2025' }, new Date('2026-03-04T14:05:00.000Z'));
        createContact(db, contactFields.parse({ partnerId: p.id, civility: 'Mme', firstName: 'Claire', lastName: 'Martin', role: 'Directrice', isMember: true }), new Date('2026-03-04T14:10:00.000Z'));
      },
    });
    const { page } = h;
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByText('Amicale du Nid – Gironde').first().click();
    await page.getByRole('heading', { name: 'Amicale du Nid – Gironde' }).waitFor();
    await page.getByRole('button', { name: 'Historique', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Historique – Amicale du Nid – Gironde' });
    await dialog.waitFor();
    // Newest first: the contact's creation, the update, the creation.
    await expect.poll(() => dialog.locator('.history-entry').count()).toBe(3);
    const update = dialog.locator('.history-entry.op-update');
    expect(await update.locator('tr.changed th').allTextContents()).toEqual(['Nom', 'Commune', 'Notes']);
    expect(await update.locator('tr.changed td.before').allTextContents()).toEqual(['Amicale du Nid – Bordeaux', 'Bordeaux', '(vide)']);
    expect(await update.locator('tr.changed td.after').allTextContents()).toEqual(['Amicale du Nid – Gironde', 'Mérignac', 'Antenne ouverte en 2025']);
    await dialog.getByText('Contact : Claire Martin').waitFor();
    await dialog.getByText('04/03/2026 à 15:05').waitFor();
    await h.screenshot('history-partner');
    await dialog.getByLabel('Afficher aussi les champs inchangés').check();
    await update.getByRole('rowheader', { name: 'Type de structure' }).waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    await page.getByRole('button', { name: 'Historique de Mme Claire Martin' }).click();
    const contactDialog = page.getByRole('dialog', { name: 'Historique – Mme Claire Martin' });
    await contactDialog.getByRole('rowheader', { name: 'Membre de la commission' }).waitFor();
    expect(await contactDialog.locator('tr', { hasText: 'Membre de la commission' }).locator('td').textContent()).toBe('Oui');
    expect(h.errors).toEqual([]);
  });

  it('backs up on demand, restores after confirmation, and exports a package', async () => {
    h = await startHarness({
      async setup(session) {
        await session.create({ departmentCode: '33', name: null }, new Date());
        createPartner(session.require().db, partner('Amicale du Nid', 'Bordeaux'), new Date());
      },
    });
    const { page } = h;
    await page.getByRole('link', { name: 'Paramètres' }).click();
    const card = page.getByRole('region', { name: 'Sauvegardes' });
    await card.getByText('Automatique (à l’ouverture)').waitFor();
    await card.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await card.getByText('À la demande').waitFor();

    // A change after the backup, then back to the backup.
    createPartner(h.session.require().db, partner('Structure ajoutée par erreur', 'Pau'), new Date());
    await card.locator('tr', { hasText: 'À la demande' }).getByRole('button', { name: 'Restaurer…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Restaurer cette sauvegarde ?' });
    await confirm.getByText('l’état actuel est d’abord sauvegardé').waitFor();
    await h.screenshot('backups-confirm-restore');
    await confirm.getByRole('button', { name: 'Restaurer' }).click();
    await page.getByText(/Commission restaurée dans son état du/).waitFor();
    await card.getByText('Avant une restauration').waitFor();
    expect(h.session.require().db.prepare('SELECT name FROM partners').pluck().all()).toEqual(['Amicale du Nid']);
    await h.screenshot('backups-settings');

    const file = join(h.dataDir, 'gironde.maillage-echange');
    h.dialogAnswers.push(file);
    await page.getByRole('button', { name: 'Exporter un paquet d’échange…' }).click();
    await page.getByText(`Paquet d’échange enregistré : « ${basename(file)} »`).waitFor();
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(h.errors).toEqual([]);
  });

  it('explains a damaged commission at start and restores its latest good backup', async () => {
    h = await startHarness({
      async setup(session) {
        const summary = await session.create({ departmentCode: '33', name: null }, new Date());
        const { db } = session.require();
        for (let i = 0; i < 300; i++) createPartner(db, { ...partner(`Structure ${i}`, 'Bordeaux'), notes: 'n'.repeat(400) }, new Date());
        await session.backup();
        session.close();
        const fd = openSync(summary.filePath, 'r+');
        writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, Math.floor(statSync(summary.filePath).size / 8192) * 4096);
        closeSync(fd);
        return session.open(summary.filePath);
      },
    });
    const { page } = h;
    await page.getByRole('heading', { name: 'La commission n’a pas pu être ouverte' }).waitFor();
    await h.screenshot('damaged-commission');
    await page.getByRole('button', { name: /Restaurer la sauvegarde du/ }).click();
    await page.getByText('Commission restaurée depuis sa dernière sauvegarde intacte.').waitFor();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(h.session.require().db.prepare('SELECT count(*) FROM partners').pluck().get()).toBe(300);
    expect(h.errors).toEqual([]);
  });

  it('at start, names a commission open in Maillage elsewhere instead of calling it damaged, and moves nothing', async () => {
    let file = '';
    let otherInstance: CommissionLock | null = null;
    h = await startHarness({
      async setup(session) {
        file = (await session.create({ departmentCode: '33', name: null }, new Date())).filePath;
        session.close();
        // Maillage on another computer sharing the folder.
        otherInstance = acquireCommissionLock(file);
        return session.reopenLast();
      },
    });
    try {
      const { page } = h;
      const notice = page.getByRole('alert');
      await notice.getByText('La dernière commission n’a pas pu être rouverte.').waitFor();
      await notice.getByText(/Cette commission est ouverte dans Maillage \(sur ce poste ou un autre\)/).waitFor();
      await page.getByRole('heading', { name: 'Bienvenue dans Maillage' }).waitFor();
      expect(await page.getByRole('heading', { name: 'La commission n’a pas pu être ouverte' }).count()).toBe(0);
      await h.screenshot('commission-in-use');
      expect(existsSync(file)).toBe(true);
      expect(h.errors).toEqual([]);
    } finally {
      (otherInstance as CommissionLock | null)?.release();
    }
  });

  it('imports a package on a computer without any commission, from the welcome screen', async () => {
    // The sender: a commission exported to a package.
    const sender = await startHarness({
      async setup(session) {
        await session.create({ departmentCode: '64', name: null }, new Date());
        createPartner(session.require().db, partner('CIDFF des Pyrénées-Atlantiques', 'Pau'), new Date());
      },
    });
    const file = join(sender.dataDir, 'pyrenees.maillage-echange');
    sender.dialogAnswers.push(file);
    // The menu's commands reach the page once the app is on screen.
    await sender.page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor();
    await sender.menu('export-package');
    await sender.page.getByText('Paquet d’échange enregistré').waitFor();
    const { readFileSync, writeFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    await sender.close();

    h = await startHarness();
    const copy = join(h.dataDir, 'recu.maillage-echange');
    writeFileSync(copy, bytes);
    const { page } = h;
    await page.getByRole('heading', { name: 'Bienvenue dans Maillage' }).waitFor();
    h.dialogAnswers.push(copy);
    await page.getByRole('button', { name: 'Importer un paquet d’échange reçu d’un autre poste…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un paquet d’échange' });
    await dialog.getByText('64 · Pyrénées-Atlantiques').waitFor();
    await h.screenshot('package-import');
    await dialog.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('Paquet importé : Pyrénées-Atlantiques.').waitFor();
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByText('CIDFF des Pyrénées-Atlantiques').first().waitFor();
    expect(h.errors).toEqual([]);
  });
});
