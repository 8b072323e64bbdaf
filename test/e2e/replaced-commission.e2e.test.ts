/**
 * Another commission takes the place of the open one — an exchange package imported over it from
 * Paramètres, another file opened through Fichier › Ouvrir — and every page shows the new one's data:
 * the directory, a structure's page (whose record both files share, with other values), and
 * Paramètres, whose « Enregistrer » then keeps the new values instead of writing the old ones back.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/connection';
import { readCommission } from '../../src/main/commission-file/commission';
import { updateCommission } from '../../src/main/features/settings/settings';
import { exportPackage } from '../../src/main/commission-file/packages';
import { createPartner, updatePartner } from '../../src/main/features/partners/partners';
import { commissionSettings } from '../../src/shared/schemas/commission';
import { partnerFields } from '../../src/shared/schemas/partners';
import { startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const now = () => new Date();
const partner = (name: string, commune: string) => partnerFields.parse({ name, type: 'association_sortie', domains: ['accompagnement'], commune, postcode: '33000' });

/** The commission's settings as Paramètres edits them. */
function settingsOf(db: Db, file: string) {
  const { departmentName: _name, logoFile: _logo, filePath: _path, readOnly: _readOnly, ...settings } = readCommission(db, file);
  return settings;
}

/** The same commission as another secretary left it: a copy of `db` with its own secretary and its own name for one structure. */
function variant(db: Db, file: string, change: { secretaryName: string; partnerId: string; partnerName: string; commune: string; name?: string }): Db {
  db.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
  const copy = openDatabase(file);
  const settings = settingsOf(copy, file);
  updateCommission(copy, commissionSettings.parse({ ...settings, name: change.name ?? settings.name, secretaryName: change.secretaryName }), now());
  updatePartner(copy, { ...partner(change.partnerName, change.commune), id: change.partnerId }, now());
  return copy;
}

async function structureShows(page: Page, name: string, commune: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  expect(await page.getByLabel('Nom de la structure').inputValue()).toBe(name);
  expect(await page.getByLabel('Commune').inputValue()).toBe(commune);
}

describe('When another commission replaces the open one', () => {
  it('reloads Partenaires, a structure page and Paramètres after a package import and after Fichier › Ouvrir', async () => {
    const ids = { partner: '' };
    const files = { own: '', copy: '', package: '' };
    h = await startHarness({
      async setup(session, dataDir) {
        files.own = (await session.create({ departmentCode: '33', name: null }, now())).filePath;
        const { db } = session.require();
        updateCommission(db, commissionSettings.parse({ ...settingsOf(db, files.own), secretaryName: 'Mme Pauline Roussel' }), now());
        ids.partner = createPartner(db, partner('Amicale du Nid – Bordeaux', 'Bordeaux'), now()).id;

        // A package of this commission sent back by the coordinator: same file name, so it can replace it.
        const sender = join(dataDir, 'envoi');
        mkdirSync(sender);
        const sent = join(sender, 'commission-33.maillage');
        const sentDb = variant(db, sent, { secretaryName: 'Mme Inès Barreau', partnerId: ids.partner, partnerName: 'Amicale du Nid – Aquitaine', commune: 'Pessac' });
        files.package = join(dataDir, 'commission-33.maillage-echange');
        await exportPackage(sentDb, sent, files.package, new Date());
        sentDb.close();

        // Another copy of it, kept elsewhere, with one more structure.
        files.copy = join(dataDir, 'gironde-coordination.maillage');
        const copyDb = variant(db, files.copy, {
          name: 'Commission de la Gironde (copie de coordination)',
          secretaryName: 'M. Hugo Lefèvre',
          partnerId: ids.partner,
          partnerName: 'Amicale du Nid – Gironde',
          commune: 'Mérignac',
        });
        createPartner(copyDb, partner('CIDFF de la Gironde', 'Bordeaux'), now());
        copyDb.close();
      },
    });
    const { page } = h;
    const secretary = page.getByLabel('Secrétaire de la commission');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByRole('link', { name: 'Partenaires', exact: true }).click();
    await page.getByRole('gridcell', { name: 'Amicale du Nid – Bordeaux' }).click();
    await structureShows(page, 'Amicale du Nid – Bordeaux', 'Bordeaux');

    // 1. The package replaces the commission while Paramètres is on screen.
    await page.getByRole('link', { name: 'Paramètres', exact: true }).click();
    expect(await secretary.inputValue()).toBe('Mme Pauline Roussel');
    h.dialogAnswers.push(files.package);
    await page.getByRole('button', { name: 'Importer un paquet d’échange…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un paquet d’échange' });
    await dialog.getByRole('button', { name: 'Remplacer la commission' }).click();
    await page.getByText('Paquet importé : la commission a été remplacée').waitFor();
    await expect.poll(() => secretary.inputValue()).toBe('Mme Inès Barreau');
    await h.screenshot('replaced-settings-after-package');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    expect(h.session.require().db.prepare("SELECT json_extract(after, '$.secretaryName') FROM change_log WHERE entity = 'commission' ORDER BY seq DESC LIMIT 1").pluck().get()).toBe('Mme Inès Barreau');
    expect(h.session.require().db.prepare('SELECT secretary_name FROM commission').pluck().get()).toBe('Mme Inès Barreau');

    await page.getByRole('link', { name: 'Partenaires', exact: true }).click();
    await page.getByRole('gridcell', { name: 'Amicale du Nid – Aquitaine' }).waitFor();
    expect(await page.getByRole('gridcell', { name: 'Amicale du Nid – Bordeaux' }).count()).toBe(0);
    await page.getByRole('gridcell', { name: 'Amicale du Nid – Aquitaine' }).click();
    await structureShows(page, 'Amicale du Nid – Aquitaine', 'Pessac');

    // 2. Fichier › Ouvrir, from that structure's page; going back to it shows the other file's record.
    h.dialogAnswers.push(files.copy);
    await h.menu('open');
    await page.getByText('Commission ouverte : Gironde').waitFor();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.goBack();
    await structureShows(page, 'Amicale du Nid – Gironde', 'Mérignac');
    await h.screenshot('replaced-structure-after-open');

    await page.getByRole('link', { name: 'Partenaires', exact: true }).click();
    await page.getByRole('gridcell', { name: 'CIDFF de la Gironde' }).waitFor();
    expect(await page.getByRole('gridcell', { name: 'Amicale du Nid – Aquitaine' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Paramètres', exact: true }).click();
    expect(await secretary.inputValue()).toBe('M. Hugo Lefèvre');
    expect(await page.getByLabel('Nom de la commission').inputValue()).toBe('Commission de la Gironde (copie de coordination)');
    const saves = () => h.session.require().db.prepare("SELECT count(*) FROM change_log WHERE entity = 'commission'").pluck().get();
    const before = saves();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(saves).toBe((before as number) + 1);
    expect(h.session.require().path).toBe(files.copy);
    expect(h.session.require().db.prepare('SELECT name, secretary_name FROM commission').get()).toEqual({
      name: 'Commission de la Gironde (copie de coordination)',
      secretary_name: 'M. Hugo Lefèvre',
    });
    // The file left behind keeps what the package brought.
    const own = new Database(files.own, { readonly: true });
    expect(own.prepare('SELECT secretary_name FROM commission').pluck().get()).toBe('Mme Inès Barreau');
    own.close();
    expect(h.errors).toEqual([]);
  }, 120_000);
});
