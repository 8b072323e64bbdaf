/**
 * Mesures › Remontées in Chromium: a campaign created and sent, two returned workbooks dropped (one
 * filled by a partner with a conflict, one whose locked cell was changed), the preview, choices line
 * by line, a reminder to the others, and the fiche's journal afterwards; axe-core and the layout
 * checks on each screen.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignFolder } from '../../src/main/features/returns/prepare';
import { formatDate } from '../../src/shared/format';
import { parisToday } from '../../src/shared/wallclock';
import { FICHE_COLUMNS, dataRows, fillWorkbook } from '../helpers/returns';
import { axeFindings, formatFindings, pageFitsWidth, type AxeFinding } from './a11y';
import { demoCommission, startHarness, type Harness } from './harness';
import { layoutProblems } from './layout';

describe('Returns from partners in Chromium', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('creates and sends a campaign, previews two returned workbooks, takes one in line by line', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    const findings: AxeFinding[] = [];
    const check = async (label: string) => {
      findings.push(...(await axeFindings(page, label)));
      expect(await layoutProblems(page), label).toEqual([]);
    };

    await page.evaluate(() => (window.location.hash = '#/mesures/remontees'));
    await page.getByRole('heading', { name: 'Aucune campagne de remontées' }).waitFor();
    await check('remontées vides');

    await page.getByRole('button', { name: 'Nouvelle campagne de remontées…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle campagne de remontées' });
    await dialog.getByLabel('Nom de la campagne').fill('Point d’étape avant la plénière');
    await dialog.getByLabel('Adresse de réponse').fill('ddfe@gironde.gouv.fr');
    await check('dialogue nouvelle campagne');
    await dialog.getByRole('button', { name: 'Créer la campagne' }).click();
    await page.getByRole('heading', { name: 'Point d’étape avant la plénière' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    await page.getByRole('button', { name: 'Préparer les classeurs et les messages' }).click();
    await page.getByText(/classeurs et leurs messages préparés/).waitFor();
    const structures = page.getByRole('region', { name: 'Structures interrogées' });
    await expect.poll(() => structures.locator('.state-badge', { hasText: 'Envoyé' }).count()).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    expect(h.shownInFolder).toHaveLength(1);
    await h.screenshot('remontees-campagne');
    await check('campagne envoyée');

    // Two workbooks come back: one filled, after the secretary changed one of its fiches; one with a locked cell typed over.
    const { path, db } = h.session.require();
    const campaignId = page.url().split('/').pop()!;
    const name = db.prepare('SELECT name FROM return_campaigns WHERE id = ?').pluck().get(campaignId) as string;
    const folder = campaignFolder(path, { id: campaignId, name });
    const [first, second] = readdirSync(folder).filter((f) => f.endsWith('.xlsx'));
    let ficheCode = '';
    const filled = await fillWorkbook(
      join(folder, first!),
      (wb) => {
        const sheet = wb.getWorksheet('Fiches actions')!;
        const row = dataRows(sheet)[0]!;
        ficheCode = row.code;
        sheet.getCell(row.row, FICHE_COLUMNS.progress).value = 80;
        sheet.getCell(row.row, FICHE_COLUMNS.done).value = 'Deux maraudes numériques par semaine depuis janvier.';
        sheet.getCell(row.row, FICHE_COLUMNS.next).value = 'Former deux nouveaux intervenants.';
      },
      join(h.dataDir, 'retour-rempli.xlsx'),
    );
    const tampered = await fillWorkbook(join(folder, second!), (wb) => (wb.getWorksheet('Fiches actions')!.getCell(4, 2).value = 'Autre intitulé'), join(h.dataDir, 'retour-modifie.xlsx'));
    const ficheId = db.prepare('SELECT id FROM actions WHERE code = ?').pluck().get(ficheCode) as string;
    await page.evaluate(
      ({ id, today }) => window.maillage.invoke('journal.create', { actionId: id, entryOn: today, text: 'Point en comité technique.', progress: 65 }),
      { id: ficheId, today: parisToday(new Date()) },
    );

    await page.locator('.file-button input[accept=".xlsx"]').setInputFiles([filled, tampered]);
    const ready = page.getByRole('article', { name: /À prendre en compte/ });
    await ready.waitFor();
    const refused = page.getByRole('article', { name: /Refusé/ });
    await refused.getByText(/la cellule verrouillée B4 de la feuille « Fiches actions » a été modifiée/).waitFor();
    await ready.getByText('Le classeur montrait « ').waitFor();
    const apply = page.getByRole('button', { name: 'Prendre en compte 1 classeur' });
    expect(await apply.isDisabled()).toBe(true);
    await page.getByText('1 conflit reste à trancher').waitFor();
    await h.screenshot('remontees-apercu');
    await check('aperçu des réponses');
    // The secretary's office screen.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await layoutProblems(page), 'aperçu à 1024 px').toEqual([]);
    await h.screenshot('remontees-apercu-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    await ready.getByRole('radio', { name: 'Prendre « 80 % » (la structure)' }).check();
    await ready.getByRole('checkbox', { name: 'Prendre : Prochaines étapes' }).uncheck();
    await apply.click();
    await page.getByText(/pris en compte \(1 entrée de journal, 0 valeur d’indicateur\)/).waitFor();
    await structures.locator('.state-badge', { hasText: 'Pris en compte' }).waitFor();
    await page.getByText('1 sur').waitFor();
    await check('réponses prises en compte');

    // A reminder to those who have not answered: a fresh workbook and a draft each, the day noted.
    const unanswered = await structures.locator('tbody tr').count() - 1;
    await page.getByRole('button', { name: `Relancer ${unanswered} structures sans réponse` }).click();
    // Asked first: how many structures, and what will be written where.
    const confirm = page.getByRole('dialog', { name: 'Relancer les structures sans réponse ?' });
    await confirm.getByText(`Pour ${unanswered} structures qui n’ont pas répondu`).waitFor();
    await confirm.getByText(`« Relances du ${parisToday(new Date())} »`, { exact: false }).waitFor();
    expect(await page.getByText(/relances préparées/).count()).toBe(0);
    await confirm.getByRole('button', { name: `Relancer ${unanswered} structures` }).click();
    await page.getByText(`${unanswered} relances préparées, avec un classeur à jour, dans le dossier de la campagne.`).waitFor();
    await expect.poll(() => structures.locator('.state-badge', { hasText: 'Relancé' }).count()).toBe(unanswered);
    expect(await structures.getByText(`Relancé le ${formatDate(parisToday(new Date()))}`).count()).toBe(unanswered);
    await h.screenshot('remontees-relances');
    await check('structures relancées');

    await page.evaluate((id) => (window.location.hash = `#/mesures/fiches/${id}`), ficheId);
    const journal = page.getByRole('region', { name: 'Journal' });
    await journal.getByText(/^Remontée de .+ du \d\d\/\d\d\/\d{4}/).waitFor();
    await journal.getByText(/Ce qui a été fait : Deux maraudes numériques par semaine depuis janvier\./).waitFor();
    expect(await journal.getByText(/Former deux nouveaux intervenants/).count()).toBe(0);
    await page.getByRole('region', { name: 'État de la fiche' }).getByText('80 %').waitFor();

    // The campaign page reflows at 320 CSS px (200 % zoom on a small laptop).
    await page.evaluate((id) => (window.location.hash = `#/mesures/remontees/${id}`), campaignId);
    await page.getByRole('heading', { name: 'Point d’étape avant la plénière' }).waitFor();
    await page.setViewportSize({ width: 320, height: 700 });
    const fit = await pageFitsWidth(page);
    await h.screenshot('remontees-320');
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
    expect(formatFindings(findings)).toBe('');
    expect(h.errors).toEqual([]);
  }, 240_000);
});
