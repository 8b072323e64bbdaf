import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../src/main/commission-file/backups';
import { csvText, girondeXlsx, GIRONDE_ROWS, ROWS, windows1252 } from '../helpers/partner-files';
import { expectNoAxeViolations } from './a11y';
import { startHarness, type Harness } from './harness';

describe('Importing partners in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('imports a French Excel CSV through the mapping step and finds the rows in the grid', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();

    // The file's header « Ville » is recognised; « Personne ressource » is not and the user maps it by hand.
    const rows = [...ROWS, ['', 'Police nationale', '', '', 'Arcachon', '', '', '', 'Martin', 'Paul']];
    const text = csvText(';', rows).replace('Nom du contact', 'Personne ressource').replace('Commune', 'Ville');
    const path = join(h.dataDir, 'annuaire partenaires.csv');
    writeFileSync(path, windows1252(text));
    h.dialogAnswers.push(path);

    await page.getByRole('button', { name: 'Importer une liste Excel ou CSV…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer des partenaires' });
    await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
    await dialog.getByText('Fichier CSV enregistré par Excel').waitFor();
    expect(await dialog.getByLabel('Champ pour la colonne « Ville »').inputValue()).toBe('commune');
    const referent = dialog.getByLabel('Champ pour la colonne « Personne ressource »');
    expect(await referent.inputValue()).toBe('');
    await referent.selectOption('lastName');
    await h.screenshot('import-mapping');
    await dialog.getByRole('button', { name: 'Vérifier les données' }).click();

    // Row 6 has no structure name: the import is refused until the file is fixed.
    await dialog.getByText('Nom de la structure absent').waitFor();
    expect(await dialog.getByRole('button', { name: 'Import impossible : corrigez les erreurs' }).isDisabled()).toBe(true);
    // Counts read as French: « 1 ligne en erreur », not « 1 lignes ».
    const errors = dialog.locator('.stat-error');
    expect([await errors.locator('.stat-value').textContent(), await errors.locator('.stat-label').textContent()]).toEqual(['1', 'ligne en erreur']);
    await dialog.getByText('1 ligne est en erreur : l’import est tout ou rien, rien ne sera enregistré tant qu’elle n’est pas corrigée dans le fichier.').waitFor();
    await h.screenshot('import-preview-error');

    // Fixed file, chosen again from the first step.
    writeFileSync(path, windows1252(csvText(';', ROWS).replace('Nom du contact', 'Personne ressource').replace('Commune', 'Ville')));
    h.dialogAnswers.push(path);
    await dialog.getByRole('button', { name: 'Retour aux colonnes' }).click();
    await dialog.getByRole('button', { name: 'Retour' }).click();
    await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
    await dialog.getByLabel('Champ pour la colonne « Personne ressource »').selectOption('lastName');
    await dialog.getByRole('button', { name: 'Vérifier les données' }).click();
    await dialog.getByText('Contact : courriel « pas-une-adresse » ignoré', { exact: false }).waitFor();
    await h.screenshot('import-preview');
    await dialog.getByRole('button', { name: 'Importer : 3 structures nouvelles et 3 contacts' }).click();
    await dialog.getByText('3 structures créées').waitFor();
    await dialog.getByText('3 contacts ajoutés').waitFor();
    await h.screenshot('import-done');
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();

    await page.getByRole('gridcell', { name: 'CHRS L’Escale' }).waitFor();
    await page.getByRole('gridcell', { name: 'Amicale du Nid – Bordeaux' }).waitFor();
    await page.getByText('3 structures · 3 contacts').waitFor();
    await h.screenshot('import-grid');
    expect(h.session.require().db.prepare("SELECT last_name FROM contacts ORDER BY last_name").pluck().all()).toEqual(['Bézier', 'Desfontaines', 'Leclerc']);

    // The map of the network shows the gaps.
    await page.getByRole('link', { name: 'Cartographie' }).click();
    await page.getByRole('heading', { name: 'Cartographie du réseau' }).waitFor();
    await page.getByRole('region', { name: 'Lacunes du réseau' }).getByText('Absents du réseau').waitFor();
    await h.screenshot('network-map');

    // No contact was ever confirmed: all three are listed; one is confirmed.
    await page.getByRole('link', { name: 'Contacts à reconfirmer' }).click();
    await page.getByText('3 contacts à reconfirmer').waitFor();
    await page.getByRole('row', { name: /Hélène Desfontaines/ }).getByRole('button', { name: 'Confirmé aujourd’hui' }).click();
    await page.getByText('2 contacts à reconfirmer').waitFor();
    await h.screenshot('stale-contacts');
    // Erasing her says first what will change and which backups will keep her, then offers to delete those.
    await page.getByRole('button', { name: 'Effacer Anaïs Bézier partout' }).click();
    const erase = page.getByRole('dialog', { name: 'Effacer cette personne partout ?' });
    await erase.getByRole('list', { name: 'Sauvegardes faites avant l’effacement' }).getByText(/Automatique \(à l’ouverture\), \d\d\/\d\d\/\d{4}/).waitFor();
    await expectNoAxeViolations(page, 'erasure-preview');
    await h.screenshot('erasure-preview');
    await erase.getByRole('button', { name: 'Effacer définitivement' }).click();
    const copies = page.getByRole('dialog', { name: 'Supprimer aussi les sauvegardes ?' });
    await copies.getByText(/contient\s+encore ses données/).waitFor();
    await expectNoAxeViolations(page, 'erasure-copies');
    await h.screenshot('erasure-copies');
    const before = listBackups(h.session.require().path);
    await copies.getByRole('button', { name: 'Supprimer cette sauvegarde' }).click();
    await page.getByText('1 contact à reconfirmer').waitFor();
    expect(h.session.require().db.prepare("SELECT count(*) FROM contacts WHERE last_name = 'Bézier'").pluck().get()).toBe(0);
    // The backup that held her is gone; a new one, made after the erasure, took its place.
    const after = listBackups(h.session.require().path);
    expect(after.map((b) => b.kind)).toEqual(['manuel']);
    expect(after.some((b) => before.some((o) => o.id === b.id))).toBe(false);
    expect(h.errors).toEqual([]);
  });
  it('says, until the import ends, which lines of a file of mixed encodings to check', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    // UTF-8, but one name was pasted from a Windows-1252 file: the file stays UTF-8, that line is named.
    const path = join(h.dataDir, 'annuaire mixte.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('Structure;Commune\r\nZéro Déchet;Bègles\r\nCafé;', 'utf8'), Buffer.from([0xe9]), Buffer.from('cole\r\n', 'utf8')]));
    h.dialogAnswers.push(path);
    await page.getByRole('button', { name: 'Importer une liste Excel ou CSV…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer des partenaires' });
    await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
    const warning = 'Le fichier est en UTF-8, mais 1 caractère n’y est pas valide (ligne 3) : il est remplacé par « � ».';
    await dialog.getByText(warning, { exact: false }).waitFor();
    await dialog.getByText('Zéro Déchet').waitFor();
    await h.screenshot('import-mapping-encoding');
    await expectNoAxeViolations(page, 'import de partenaires, avertissement d’encodage');
    await dialog.getByRole('button', { name: 'Vérifier les données' }).click();
    await dialog.getByRole('button', { name: 'Importer : 2 structures nouvelles' }).waitFor();
    await dialog.getByText(warning, { exact: false }).waitFor();
    expect(h.errors).toEqual([]);
  });

  it('says there is nothing to change when the same directory is merged again, and counts the rows left aside apart', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    const path = join(h.dataDir, 'annuaire cdlp33.xlsx');
    writeFileSync(path, await girondeXlsx());
    const dialog = page.getByRole('dialog', { name: 'Importer des partenaires' });
    const openFile = async (button: string) => {
      h.dialogAnswers.push(path);
      await page.getByRole('button', { name: button, exact: true }).click();
      await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
      // Excel's dates read as people write them.
      await dialog.getByText('12/01/2026').waitFor();
      expect(await dialog.getByText('2026-01-12').count()).toBe(0);
      await dialog.getByRole('button', { name: 'Vérifier les données' }).click();
    };
    await openFile('Importer une liste Excel ou CSV…');
    await dialog.getByRole('button', { name: 'Importer : 8 structures nouvelles et 8 contacts' }).click();
    await dialog.getByText('8 structures créées').waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();
    await page.getByText('8 structures · 8 contacts').waitFor();
    const changes = () => h.session.require().db.prepare('SELECT count(*) FROM change_log').pluck().get();
    const before = changes();

    await openFile('Importer…');
    await dialog.getByLabel('Pour toutes :').selectOption('merge');
    const nothing = dialog.getByRole('button', { name: 'Rien à changer : l’annuaire contient déjà tout ce que dit le fichier' });
    await nothing.waitFor();
    expect(await nothing.isDisabled()).toBe(true);
    expect(await dialog.getByText('Fusionner n’y changerait rien : la fiche a déjà tout ce que dit le fichier.').count()).toBe(8);
    await dialog.getByText(`${GIRONDE_ROWS.length} lignes seront ignorées`, { exact: false }).waitFor();
    const warnings = dialog.locator('.stat', { hasText: 'avertissement' });
    expect(await warnings.locator('.stat-value').textContent()).toBe('0');
    await h.screenshot('import-nothing-to-change');
    await expectNoAxeViolations(page, 'import de partenaires, rien à changer');
    expect(changes()).toBe(before);
    expect(h.errors).toEqual([]);
  });
});
