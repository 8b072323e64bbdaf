import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartner } from '../../src/main/features/partners/partners';
import { parisYear } from '../helpers/clock';
import { startHarness, type Harness } from './harness';

describe('Mesures, fiches actions and dashboard in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      setup: async (session) => {
        const now = new Date();
        await session.create({ departmentCode: '33', name: null }, now);
        const db = session.require().db;
        const blank = { domains: [], address: null, postcode: null, commune: null, website: null, siret: null, notes: null };
        createPartner(db, { ...blank, name: 'Amicale du Nid – Gironde', type: 'association_sortie' }, now);
        createPartner(db, { ...blank, name: 'Brigade de protection des familles de Bordeaux', type: 'police' }, now);
      },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  it('creates a fiche on A5, journals it twice, measures an indicator: the tree and the dashboard follow', async () => {
    const { page } = h;
    const year = parisYear();
    const treeRow = (label: string) => page.getByRole('treeitem', { name: new RegExp(`^${label}\\b`) }).locator('> .tree-row');

    // The catalogue before: nothing attached to A5.
    await page.evaluate(() => (window.location.hash = '#/mesures'));
    await page.getByRole('heading', { name: 'Plan national de lutte contre la prostitution des mineurs' }).waitFor();
    await expect.poll(() => treeRow('Action 5').locator('.tree-count').textContent()).toBe('0');
    await expect.poll(() => treeRow('Priorité 2').locator('.tree-count').textContent()).toBe('0');

    // From A5's panel, a new fiche already attached to it.
    await treeRow('Action 5').click();
    await page.getByRole('button', { name: 'Nouvelle fiche rattachée' }).click();
    await page.getByRole('heading', { name: 'Nouvelle fiche action' }).waitFor();
    await page.getByText('Plan 2021 · Action 5').waitFor();
    await page.getByLabel('Intitulé').fill('Former les veilleurs de nuit des hôtels au repérage');
    // A second measure through the search picker, with the keyboard.
    const measures = page.getByRole('combobox', { name: 'Mesures nationales' });
    await measures.fill('mesure 16');
    await page.getByRole('option', { name: /Mesure 16/ }).waitFor();
    await measures.press('Enter');
    await page.getByText('Stratégie 2024 · Mesure 16').waitFor();
    await page.getByRole('combobox', { name: 'Structure pilote' }).fill('amicale');
    await page.getByRole('option', { name: /Amicale du Nid/ }).click();
    await page.getByRole('combobox', { name: 'Structures contributrices' }).fill('brigade');
    await page.getByRole('option', { name: /Brigade de protection/ }).click();
    await page.getByLabel('Début').fill(`01/01/${year}`);
    await page.getByLabel('Fin prévue').fill(`01/02/${year - 1}`);
    await page.getByLabel('Budget (€)').fill('8 500');
    await page.getByRole('button', { name: 'Créer la fiche action' }).click();
    await page.getByText('La date de fin précède la date de début.').waitFor();
    await page.getByLabel('Fin prévue').fill(`31/12/${year + 1}`);
    await page.getByRole('button', { name: 'Créer la fiche action' }).click();
    await page.getByRole('heading', { name: 'Former les veilleurs de nuit des hôtels au repérage' }).waitFor();
    const journal = page.getByRole('region', { name: 'Journal' });
    await journal.getByText('Création de la fiche action.').waitFor();

    // Two journal entries: the fiche's state follows the latest.
    await page.getByRole('button', { name: 'Mettre à jour l’avancement' }).click();
    let dialog = page.getByRole('dialog', { name: 'Nouvelle entrée du journal' });
    await dialog.getByLabel('Ce qui a avancé (ou non)').fill('Première session de formation avec 12 hôtels.');
    await dialog.getByLabel('Nouveau statut').selectOption('en_cours');
    await dialog.getByLabel('Nouvel avancement (%)').fill('30');
    await dialog.getByRole('radio', { name: 'Orage' }).check();
    await dialog.getByLabel('Motif de la météo').fill('Deux chaînes hôtelières refusent de participer.');
    await dialog.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
    await page.getByText('Entrée ajoutée au journal.').waitFor();
    const state = page.getByRole('region', { name: 'État de la fiche' });
    await state.getByText('En cours').waitFor();
    await state.getByText('Deux chaînes hôtelières refusent de participer.').waitFor();

    await journal.getByRole('button', { name: 'Nouvelle entrée' }).click();
    dialog = page.getByRole('dialog', { name: 'Nouvelle entrée du journal' });
    await dialog.getByLabel('Ce qui a avancé (ou non)').fill('Accord trouvé avec les chaînes ; deuxième session programmée.');
    // PILOTE's scale, best first, each weather with its meaning.
    expect(await dialog.locator('.meteo-choice label').allInnerTexts()).toEqual([
      'Inchangée (Orage)',
      'Soleil\nObjectifs sécurisés',
      'Couvert\nObjectifs atteignables',
      'Nuage\nAppuis nécessaires',
      'Orage\nObjectifs compromis',
    ]);
    await dialog.getByRole('radio', { name: 'Couvert' }).check();
    await dialog.getByLabel('Nouvel avancement (%)').fill('55');
    await dialog.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
    await expect.poll(() => journal.locator('.timeline-entry').count()).toBe(3);
    await state.getByText('55 %').waitFor();
    await state.getByText('Couvert', { exact: true }).waitFor();
    await state.getByText('Objectifs atteignables').waitFor();
    await state.getByText('En cours').waitFor();

    // An indicator far behind its straight path.
    await page.getByRole('button', { name: 'Nouvel indicateur' }).click();
    dialog = page.getByRole('dialog', { name: 'Nouvel indicateur' });
    await dialog.getByLabel('Nom de l’indicateur').fill('Veilleurs de nuit formés');
    await dialog.getByLabel('Unité').fill('personnes');
    await dialog.getByLabel('Valeur de référence').fill('0');
    await dialog.getByLabel('Date de référence').fill(`01/01/${year - 1}`);
    await dialog.getByLabel('Cible').fill('200');
    await dialog.getByLabel('À atteindre le').fill(`31/12/${year + 1}`);
    await dialog.getByRole('button', { name: 'Enregistrer l’indicateur' }).click();
    await page.getByText('Indicateur ajouté.').waitFor();
    await page.getByRole('button', { name: 'Saisir une valeur' }).click();
    dialog = page.getByRole('dialog', { name: 'Nouvelle valeur : Veilleurs de nuit formés' });
    await dialog.getByLabel('Valeur (personnes)').fill('12');
    await dialog.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await page.getByText(/En retard sur la trajectoire : 12 au lieu de/).waitFor();
    await page.locator('.indicator-chart circle.dot.behind').waitFor();
    await h.screenshot('fiche-action-e2e');

    // The tree counts the fiche on A5, on its priority and on M16.
    await page.getByRole('link', { name: 'Toutes les fiches actions' }).click();
    await page.getByRole('gridcell', { name: 'Former les veilleurs de nuit des hôtels au repérage' }).waitFor();
    await page.getByRole('link', { name: 'Cadres nationaux' }).click();
    await expect.poll(() => treeRow('Action 5').locator('.tree-count').textContent()).toBe('1');
    await expect.poll(() => treeRow('Priorité 2').locator('.tree-count').textContent()).toBe('1');
    await expect.poll(() => treeRow('Action 4').locator('.tree-count').textContent()).toBe('0');
    await expect.poll(() => treeRow('Mesure 16').locator('.tree-count').textContent()).toBe('1');
    await treeRow('Action 5').click();
    await page.getByRole('complementary').getByRole('link', { name: /Former les veilleurs de nuit/ }).waitFor();
    await h.screenshot('mesures-e2e');

    // The dashboard counts it too.
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    const plan = page.getByRole('region', { name: 'Plan national de lutte contre la prostitution des mineurs' });
    await plan.getByText('1 fiche action').waitFor();
    expect(await plan.locator('.breakdown-legend li', { hasText: 'En cours' }).locator('strong').textContent()).toBe('1');
    expect(await plan.locator('.meteo-bars li', { hasText: 'Couvert' }).locator('strong').textContent()).toBe('1');
    expect((await plan.locator('.meteo-bars-label').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Soleil Objectifs sécurisés',
      'Couvert Objectifs atteignables',
      'Nuage Appuis nécessaires',
      'Orage Objectifs compromis',
    ]);
    await page.getByRole('region', { name: 'Indicateurs en retard' }).getByRole('link', { name: 'Veilleurs de nuit formés' }).waitFor();
    await page.getByRole('region', { name: 'Prochaine séance' }).waitFor();
    await page.getByRole('region', { name: 'Protocoles à renouveler' }).waitFor();
    await h.screenshot('dashboard-e2e');

    const db = h.session.require().db;
    expect(db.prepare('SELECT status, meteo, progress, budget_cents FROM actions').get()).toEqual({ status: 'en_cours', meteo: 'couvert', progress: 55, budget_cents: 850000 });
    expect(db.prepare('SELECT count(*) FROM journal_entries').pluck().get()).toBe(3);
    expect(h.errors).toEqual([]);
  });

  it('filters the fiches and exports what is shown to CSV', async () => {
    const { page } = h;
    const db = h.session.require().db;
    const node = (code: string) => db.prepare('SELECT id FROM catalogue_nodes WHERE code = ?').pluck().get(code) as string;
    await page.evaluate(
      async ([a5, axe2]) => {
        const invoke = (window as unknown as { maillage: { invoke: (c: string, i: unknown) => Promise<unknown> } }).maillage.invoke;
        await invoke('actions.create', { title: 'Maraudes numériques', measureIds: [axe2], status: 'en_cours', meteo: 'orage', endsOn: '2020-06-30' });
        await invoke('actions.create', { title: 'Repérage dans les hôtels', measureIds: [a5], status: 'a_lancer', meteo: 'soleil' });
      },
      [node('PLAN2021-A5'), node('SNSP2024-AXE2')],
    );
    await page.evaluate(() => (window.location.hash = '#/mesures/fiches'));
    await page.getByText('2 fiches', { exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'En retard' }).check();
    await page.getByText('1 fiche affichée sur 2').waitFor();
    await page.getByRole('gridcell', { name: 'Maraudes numériques' }).waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByLabel('Cadre').selectOption('PLAN2021');
    await page.getByText('1 fiche affichée sur 2').waitFor();
    await page.getByRole('gridcell', { name: 'Repérage dans les hôtels' }).first().waitFor();
    await expect.poll(() => page.getByRole('gridcell', { name: 'Maraudes numériques' }).count()).toBe(0);
    await h.screenshot('fiches-grid-e2e');

    const target = join(h.dataDir, 'fiches.csv');
    h.dialogAnswers.push(target);
    await page.getByRole('button', { name: 'Exporter en CSV' }).click();
    await page.getByText(/1 fiche exportée/).waitFor();
    const csv = readFileSync(target, 'utf8');
    expect(csv.startsWith('\uFEFFRéférence;Intitulé;')).toBe(true);
    expect(csv).toContain('Repérage dans les hôtels');
    expect(csv).not.toContain('Maraudes numériques');
    expect(h.openedPaths).toEqual([target]);
    expect(h.errors).toEqual([]);
  });

  it('shows a measure’s national pilot and condensed title, corrects them, and shows them again after reopening', async () => {
    const { page } = h;
    const treeRow = (label: string) => page.getByRole('treeitem', { name: new RegExp(`^${label}\\b`) }).locator('> .tree-row');
    await page.evaluate(() => (window.location.hash = '#/mesures'));
    await page.getByRole('heading', { name: 'Plan national de lutte contre la prostitution des mineurs' }).waitFor();
    // 13 actions in the 2021 plan; Priorité 5 takes fiches itself.
    await expect.poll(() => page.locator('.tree-kind', { hasText: /^Action \d+$/ }).count()).toBe(13);
    await expect.poll(() => treeRow('Priorité 5').locator('.tree-toggle-space').count()).toBe(1);
    // The tree shows A7's condensed form, the panel its official wording.
    expect(await treeRow('Action 7').locator('.tree-title').textContent()).toBe('Optimiser la prise en charge des fugues par les professionnels');
    await treeRow('Action 7').click();
    await page.getByRole('heading', { name: /Action 7 — Optimiser la prise en charge des fugues par les professionnels \(mise en place dans chaque commissariat/ }).waitFor();

    await treeRow('Mesure 15').click();
    const panel = page.getByRole('complementary');
    await panel.getByRole('heading', { name: 'Mesure 15 — Prévenir les risques prostitutionnels en sensibilisant les jeunes du secondaire' }).waitFor();
    await panel.getByText('Éducation nationale – DGESCO').waitFor();
    await h.screenshot('mesure-pilote-e2e');

    await panel.getByRole('button', { name: 'Corriger l’intitulé' }).click();
    const dialog = page.getByRole('dialog', { name: 'Corriger l’intitulé' });
    expect(await dialog.getByLabel('Pilote national').inputValue()).toBe('Éducation nationale – DGESCO');
    await dialog.getByLabel('Pilote national').fill('Éducation nationale – DGESCO et DSDEN');
    await dialog.getByLabel('Intitulé abrégé').fill('Sensibiliser les jeunes du secondaire');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => treeRow('Mesure 15').locator('.tree-title').textContent()).toBe('Sensibiliser les jeunes du secondaire');

    await page.reload();
    await page.getByRole('heading', { name: 'Plan national de lutte contre la prostitution des mineurs' }).waitFor();
    await treeRow('Mesure 15').click();
    await page.getByRole('complementary').getByText('Éducation nationale – DGESCO et DSDEN').waitFor();
    const db = h.session.require().db;
    expect(db.prepare("SELECT short_title, pilot FROM catalogue_nodes WHERE code = 'SNSP2024-M15'").get()).toEqual({
      short_title: 'Sensibiliser les jeunes du secondaire',
      pilot: 'Éducation nationale – DGESCO et DSDEN',
    });
    expect(h.errors).toEqual([]);
  });
});
