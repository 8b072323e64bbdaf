/**
 * Rapports › Remontée annuelle à l’État and the Consolidation screen in Chromium: the figures previewed by
 * theme are those the package holds, a year not over is refused with its reason, the package is written into
 * the folder chosen and checked by the validator; the consolidation of a folder of demo returns (2A and an
 * overseas one among them) shows what it kept, set aside with the reason, kept-latest and missing, then writes
 * the synthesis and the workbook. Axe and the layout at 1366×768 and 1024×700 on both screens.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCommissionFile } from '../../src/main/commission-file/open';
import { renderStateReturn, writeStateReturn } from '../../src/main/features/state-return/package';
import { parisYear } from '../helpers/clock';
import { copyDemo } from '../helpers/demo-files';
import { axeFindings, formatFindings } from './a11y';
import { demoCommission, startHarness, type Harness } from './harness';
import { layoutProblems } from './layout';

const year = parisYear(-1);
let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Axe and the layout at the two small screens a secretary's office may have, with a screenshot of each. */
async function checkScreens(name: string): Promise<void> {
  const { page } = h;
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await h.settled();
    expect(formatFindings(await axeFindings(page, `${name} ${width}`))).toBe('');
    expect(await layoutProblems(page), `${name} à ${width} px`).toEqual([]);
    await h.screenshot(`${name}-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('Remontée annuelle à l’État in Chromium', () => {
  it('previews the figures of a finished year, refuses the year under way, writes the package into the folder chosen and checks it', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    await page.getByRole('link', { name: 'Rapports' }).click();
    await page.getByRole('link', { name: 'Remontée annuelle à l’État' }).click();
    await page.getByRole('heading', { name: 'Remontée annuelle à l’État', level: 1 }).waitFor();
    const preview = page.getByRole('region', { name: 'Chiffres de la remontée' });
    await preview.getByRole('columnheader', { name: String(year) }).first().waitFor();
    await expect(page.getByRole('combobox', { name: 'Année' }).inputValue()).resolves.toBe(String(year));

    // The year under way is refused, with why; nothing can be written.
    await page.getByRole('combobox', { name: 'Année' }).selectOption(String(year + 1));
    await page.getByText(`L’année ${year + 1} n’est pas terminée`).waitFor();
    await preview.getByText('Choisissez une année terminée pour voir ses chiffres.').waitFor();
    await expect(page.getByRole('button', { name: 'Enregistrer la remontée…' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('combobox', { name: 'Année' }).selectOption(String(year));
    await preview.getByRole('columnheader', { name: String(year) }).first().waitFor();
    await checkScreens('remontee-apercu');

    // Writing: the folder dialog, the four files, the validator's verdict, the folder shown.
    const folder = mkdtempSync(join(h.dataDir, 'envoi-'));
    h.dialogAnswers.push(folder);
    await page.getByRole('button', { name: 'Enregistrer la remontée…' }).click();
    const written = page.getByRole('region', { name: 'Remontée enregistrée' });
    await written.getByText(/Contrôle réussi : la remontée est conforme au format \(année \d{4}, D\w+, \d+ lignes\)/).waitFor();
    const steps = page.getByRole('status', { name: 'Avancement de l’enregistrement' });
    await expect(steps.getByText(': fait').count()).resolves.toBe(3);
    const csvName = (await written.getByText(/\.csv$/).textContent())!;
    for (const name of [csvName, 'datapackage.json', csvName.replace('.csv', '.xlsx'), csvName.replace('.csv', '-courrier.docx')]) expect(existsSync(join(folder, name)), name).toBe(true);
    await checkScreens('remontee-ecrite');
    await written.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await h.settled();
    expect(h.shownInFolder).toEqual([join(folder, 'datapackage.json')]);

    // The figures shown are the rows of the file written.
    const csv = readFileSync(join(folder, csvName), 'utf8');
    // Themes past the first two are folded: the network's opens with a click on its title.
    await preview.locator('summary', { hasText: 'Réseau partenarial' }).click();
    const held = (id: string) => Number(new RegExp(`^${id};[^;]*;[^;]*;${year}-12-31;realise;(\\d+)\\r?$`, 'm').exec(csv)![1]);
    for (const [label, id] of [
      ['Séances tenues', 'seances_tenues'],
      ['Premières demandes reçues', 'parcours_premieres_demandes'],
      ['Structures du réseau le 31 décembre', 'reseau_structures'],
    ] as const) {
      const row = preview.getByRole('row', { name: new RegExp(`^${label} \\d`) });
      await expect(row.getByRole('cell').first().textContent(), label).resolves.toBe(String(held(id)));
    }
    expect(h.errors).toEqual([]);
  }, 180_000);
});

describe('Consolidation in Chromium', () => {
  let dir: string;
  let folder: string;
  const now = new Date();

  /** A folder as a délégation keeps it: returns of demo commissions of five départements, an older copy of one, a broken one. */
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'maillage-consolidation-e2e-'));
    folder = join(dir, 'remontees');
    for (const code of ['33', '64', '2A', '971', '13']) {
      const db = copyDemo('small', now, dir, { departmentCode: code, name: `${code}.maillage` });
      const opened = await openCommissionFile(db, { access: 'read' });
      try {
        const { files } = await renderStateReturn(opened.db, db, year, now);
        mkdirSync(join(folder, code), { recursive: true });
        await writeStateReturn(join(folder, code), files);
      } finally {
        opened.close();
      }
    }
    // An earlier return of Gironde: the latest is kept, and the screen says so.
    cpSync(join(folder, '33'), join(folder, 'ancien-33'), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(folder, 'ancien-33', 'datapackage.json'), 'utf8')) as { created: string };
    writeFileSync(join(folder, 'ancien-33', 'datapackage.json'), JSON.stringify({ ...pkg, created: `${year}-12-01T09:00:00.000Z` }));
    // Bouches-du-Rhône's table edited by hand: a zone code that names no département.
    const csv = join(folder, '13', `remontee-annuelle-${year}-D13.csv`);
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/;D13;/, ';D20;'));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens from the welcome screen without a commission, shows what the folder holds, writes the synthesis and the workbook', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Consolider les remontées annuelles de plusieurs départements…' }).click();
    await page.getByRole('heading', { name: 'Consolidation des remontées annuelles', level: 1 }).waitFor();
    h.dialogAnswers.push(folder);
    await page.getByRole('button', { name: 'Choisir le dossier des remontées…' }).click();
    const found = page.getByRole('region', { name: 'Remontées trouvées' });
    await found.getByRole('heading', { name: `Remontées ${year} – France entière` }).waitFor();
    await found.getByText('6 fichiers examinés').waitFor();
    await found.getByText(/4 remontées retenues, 1 fichier écarté, 97 départements sans remontée/).waitFor();
    for (const name of ['Gironde (33)', 'Pyrénées-Atlantiques (64)', 'Corse-du-Sud (2A)', 'Guadeloupe (971)']) await found.getByRole('rowheader', { name }).waitFor();
    await found.getByText(/^2 remontées pour Gironde \(D33\) : la plus récente, 33\/datapackage\.json .* est retenue ; ancien-33\/datapackage\.json \(01\/12\/\d{4}\) est écartée\.$/).waitFor();
    await found.getByText(join('13', 'datapackage.json')).waitFor();
    await found.getByText(/colonne C \(zone_id\) : « D20 » n’est pas le code d’un département/).waitFor();
    await found.getByText(/Ain \(01\), Aisne \(02\)/).waitFor();
    await checkScreens('consolidation-lue');

    await page.getByRole('combobox', { name: 'Chiffre de la carte' }).selectOption('parcours_premieres_demandes');
    const target = join(dir, 'sortie', 'synthese.docx');
    mkdirSync(join(dir, 'sortie'));
    h.dialogAnswers.push(target);
    await page.getByRole('button', { name: 'Enregistrer la synthèse et le classeur…' }).click();
    const written = page.getByRole('region', { name: 'Consolidation enregistrée' });
    await written.getByText(join(dir, 'sortie', 'synthese.xlsx')).waitFor();
    expect(existsSync(target)).toBe(true);
    expect(existsSync(join(dir, 'sortie', 'synthese.xlsx'))).toBe(true);
    expect(h.openedPaths).toEqual([target]);
    await checkScreens('consolidation-ecrite');
    await written.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await h.settled();
    expect(h.shownInFolder).toEqual([target]);

    await page.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await page.getByRole('heading', { name: 'Bienvenue dans Maillage' }).waitFor();
    expect(h.errors).toEqual([]);
  }, 180_000);

  it('is a tab of Rapports when a commission is open', async () => {
    h = await startHarness(demoCommission('small'));
    const { page } = h;
    await page.getByRole('link', { name: 'Rapports' }).click();
    await page.getByRole('link', { name: 'Consolidation' }).click();
    await page.getByRole('heading', { name: 'Consolidation des remontées annuelles', level: 1 }).waitFor();
    h.dialogAnswers.push(folder);
    await page.getByRole('button', { name: 'Choisir le dossier des remontées…' }).click();
    await page.getByRole('heading', { name: `Remontées ${year} – France entière` }).waitFor();
    expect(h.errors).toEqual([]);
  }, 120_000);
});
