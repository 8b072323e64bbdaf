import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/main/features/demo';
import { parisYear } from '../helpers/clock';
import { newCommission, startHarness, type Harness } from './harness';

describe('Rapports of a new commission in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(newCommission('974'));
  });
  afterEach(async () => {
    await h.close();
  });

  it('says in words what an empty first report will hold, and writes it', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Rapports' }).click();
    const preview = page.getByRole('region', { name: 'Contenu du rapport' });
    await preview.getByText('Aucune fiche action suivie : les mesures nationales à couvrir').waitFor();
    await preview.getByText('Aucune séance tenue, aucune décision, aucune suite à donner ouverte').waitFor();
    await preview.getByText('Aucun protocole signé, aucun à réviser ou renouveler, aucun arrivé à échéance ou dénoncé').waitFor();
    await preview.getByText('Aucune structure recensée : le rapport le dira').waitFor();
    await preview.getByText('Aucune fiche à y lister').waitFor();
    await page.getByLabel(/Bilan détaillé/).check();
    await preview.getByText('Fiches actions détaillées : aucune fiche suivie sur la période').waitFor();
    await expect(preview.getByText(/\b0 /).count()).resolves.toBe(0);
    await h.screenshot('reports-new-commission');

    const target = join(h.dataDir, 'premier-bilan.docx');
    h.dialogAnswers.push(target);
    await page.getByRole('button', { name: 'Générer le rapport…' }).click();
    await page.getByText(`Rapport enregistré et ouvert : ${target}`).waitFor();
    expect(existsSync(join(h.dataDir, 'premier-bilan – fiches détaillées.docx'))).toBe(true);
    expect(h.errors).toEqual([]);
  }, 120_000);
});

describe('Rapports in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      async setup(session) {
        await session.create({ departmentCode: '33', name: null }, new Date());
        generateDemo(session.require().db, { size: 'small', today: new Date() });
      },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  it('chooses a period, shows what the report will hold, generates it through the save dialog and lists it', async () => {
    const { page } = h;
    const lastYear = parisYear(-1);
    await page.getByRole('link', { name: 'Rapports' }).click();
    await page.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
    const preview = page.getByRole('region', { name: 'Contenu du rapport' });
    await preview.getByText(`Bilan d’avancement – année ${lastYear}`).waitFor();
    await preview.getByText(/\d+ fiches actions suivies, par mesure nationale/).waitFor();
    await page.getByText('Aucun rapport généré pour l’instant').waitFor();
    await h.screenshot('reports-year');

    // Custom dates: a wrong order is refused in place, then the counts follow the new period.
    await page.getByText('Dates choisies').click();
    await page.getByRole('textbox', { name: 'Du' }).fill(`01/07/${lastYear}`);
    await page.getByRole('textbox', { name: 'Au' }).fill(`30/06/${lastYear}`);
    await page.getByText('La fin de la période doit suivre son début.').waitFor();
    await expect(page.getByRole('button', { name: 'Générer le rapport…' }).isDisabled()).resolves.toBe(true);
    // A period still to come is refused by the main side: the preview says why, nothing can be generated.
    const nextYear = parisYear(1);
    await page.getByRole('textbox', { name: 'Au' }).fill(`31/12/${nextYear}`);
    await page.getByRole('textbox', { name: 'Du' }).fill(`01/01/${nextYear}`);
    await page.getByText(`La période commence le 01/01/${nextYear}, après aujourd’hui`).waitFor();
    await preview.getByText('Choisissez une période valide pour voir ce que contiendra le rapport.').waitFor();
    await expect(page.getByRole('button', { name: 'Générer le rapport…' }).isDisabled()).resolves.toBe(true);
    await h.screenshot('reports-future-period');
    await page.getByRole('textbox', { name: 'Du' }).fill(`01/07/${lastYear}`);
    await page.getByRole('textbox', { name: 'Au' }).fill(`31/12/${lastYear}`);
    await preview.getByText(`Bilan d’avancement – 2d semestre ${lastYear}`).waitFor();
    await expect(page.getByRole('button', { name: 'Générer le rapport…' }).isDisabled()).resolves.toBe(false);

    // Leave annex A out and ask for the detailed fiches; the preview follows.
    await page.getByLabel('Annexe A : une ligne par fiche action').uncheck();
    await expect(preview.getByText('Annexe A : une ligne par fiche action').count()).resolves.toBe(0);
    await page.getByLabel(/Bilan détaillé/).check();
    await preview.getByText(/Fiches actions détaillées : \d+ fiches/).waitFor();

    const target = join(h.dataDir, 'bilan-semestre.docx');
    h.dialogAnswers.push(target);
    await page.getByRole('button', { name: 'Générer le rapport…' }).click();
    await page.getByText(`Rapport enregistré et ouvert : ${target}`).waitFor();
    const list = page.getByRole('region', { name: 'Rapports générés' });
    await list.getByText(`Du 01/07/${lastYear} au 31/12/${lastYear}`).waitFor();
    await list.getByText('bilan-semestre.docx').waitFor();
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');
    expect(existsSync(join(h.dataDir, 'bilan-semestre – fiches détaillées.docx'))).toBe(true);
    expect(h.openedPaths).toEqual([target]);
    await h.screenshot('reports-generated');

    // Reopen from the list, then take it off the list after confirmation; the file stays.
    await list.getByRole('button', { name: `Ouvrir le rapport du 01/07/${lastYear} au 31/12/${lastYear}` }).click();
    await expect.poll(() => h.openedPaths.length).toBe(2);
    await list.getByRole('button', { name: `Retirer de la liste le rapport du 01/07/${lastYear} au 31/12/${lastYear}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Retirer ce rapport de la liste ?' });
    await confirm.getByText('reste là où il a été enregistré').waitFor();
    await confirm.getByRole('button', { name: 'Retirer de la liste' }).click();
    await page.getByText('Aucun rapport généré pour l’instant').waitFor();
    expect(existsSync(target)).toBe(true);
    expect(h.errors).toEqual([]);
  }, 120_000);
});
