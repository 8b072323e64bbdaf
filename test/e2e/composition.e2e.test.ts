/**
 * Partenaires › Composition in Chromium on the small demo: the seats by college with their titulaires,
 * suppléants and arrêtés; ten seats marked « au titre de la protection de l’enfance » at once; members
 * appointed in bulk; a past day's composition; every change in the history; axe and layout checks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/wallclock';
import { formatDate } from '../../src/shared/format';
import { expectNoAxeViolations } from './a11y';
import { demoCommission, startHarness, type Harness } from './harness';
import { layoutProblems } from './layout';

describe('Composition de la commission in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(demoCommission('small'));
  });
  afterEach(async () => {
    await h.close();
  });

  const count = (sql: string, ...params: unknown[]) => h.session.require().db.prepare(sql).pluck().get(...params) as number;

  it('marks ten seats at once, appoints members in bulk, shows a past day, and keeps every change in the history', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByRole('link', { name: 'Composition' }).click();
    await page.getByRole('heading', { name: 'Composition de la commission' }).waitFor();
    expect(await page.title()).toBe('Composition de la commission — Partenaires — Gironde — Maillage');
    await expectNoAxeViolations(page, 'composition');
    expect(await layoutProblems(page)).toEqual([]);
    await h.screenshot('composition');

    // Every seat of the demo is on the page, by college, with its titulaire.
    const { db } = h.session.require();
    const seats = db.prepare(`SELECT id, label FROM seats WHERE title = 'commission' ORDER BY position`).all() as { id: string; label: string }[];
    expect(seats.length).toBeGreaterThanOrEqual(10);
    for (const s of seats) await page.getByRole('row', { name: s.label, exact: true }).waitFor();
    const childProtection = count(`SELECT count(*) FROM seats WHERE title = 'protection_enfance'`);

    // Ten seats, one click each, then one button: no partner page opened.
    const ten = seats.slice(0, 10);
    for (const s of ten) await page.getByRole('checkbox', { name: `Sélectionner le siège ${s.label}`, exact: true }).check();
    const bar = page.getByRole('toolbar', { name: 'Modifier les 10 sièges sélectionnés' });
    await bar.waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await h.screenshot('composition-selection');
    await bar.getByRole('button', { name: 'Au titre de la protection de l’enfance' }).click();
    await page.getByText('10 sièges au titre de la protection de l’enfance.').waitFor();
    expect(count(`SELECT count(*) FROM seats WHERE title = 'protection_enfance'`)).toBe(childProtection + 10);
    for (const s of ten) expect(await page.getByRole('row', { name: s.label, exact: true }).getByText('Au titre de la protection de l’enfance').count()).toBe(1);
    // The selection is cleared once done.
    expect(await bar.count()).toBe(0);

    // The history names each seat and the field that changed.
    await page.getByRole('button', { name: 'Historique', exact: true }).click();
    const history = page.getByRole('dialog', { name: /Composition de la commission/ });
    await history.getByText(ten[0]!.label).first().waitFor();
    expect(await history.getByText('Au titre de la protection de l’enfance').count()).toBeGreaterThanOrEqual(10);
    await expectNoAxeViolations(page, 'historique de la composition');
    await history.getByRole('button', { name: 'Fermer' }).first().click();

    // Two people of the directory who hold no seat, appointed at once under one arrêté.
    const free = db
      .prepare(
        `SELECT c.id, c.last_name AS lastName, trim(coalesce(c.first_name || ' ', '') || c.last_name) AS name, p.name AS partner
         FROM contacts c JOIN partners p ON p.id = c.partner_id WHERE NOT EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id) ORDER BY c.last_name LIMIT 2`,
      )
      .all() as { id: string; lastName: string; name: string; partner: string }[];
    expect(free).toHaveLength(2);
    await page.getByRole('button', { name: 'Nommer des membres' }).click();
    const appoint = page.getByRole('dialog', { name: 'Nommer des membres' });
    for (const person of free) {
      await appoint.getByRole('searchbox').fill(person.lastName);
      // The person by name and structure: a last name also finds others (« Martin » finds « Martine » and « Saint-Martin »).
      const item = appoint.getByRole('list', { name: 'Contacts de l’annuaire' }).getByRole('listitem').filter({ hasText: person.name }).filter({ hasText: person.partner });
      await item.getByRole('checkbox').check();
    }
    await appoint.getByLabel('Référence de l’arrêté préfectoral').fill('Arrêté préfectoral n° 2026-CDLP-009');
    await expectNoAxeViolations(page, 'nommer des membres');
    await appoint.getByRole('button', { name: 'Nommer 2 membres' }).click();
    await page.getByText('2 membres nommés.').waitFor();
    expect(count(`SELECT count(*) FROM seat_members WHERE arrete_ref = 'Arrêté préfectoral n° 2026-CDLP-009' AND role = 'titulaire'`)).toBe(2);

    // Reload: the page reads the same record.
    await page.reload();
    await page.getByRole('heading', { name: 'Composition de la commission' }).waitFor();
    expect(await page.getByText('Arrêté préfectoral n° 2026-CDLP-009', { exact: false }).count()).toBe(2);

    // The day before a titulaire was replaced, the seat shows the former one.
    const replaced = db.prepare(`SELECT name, to_on AS toOn FROM seat_members WHERE role = 'titulaire' AND to_on IS NOT NULL`).get() as { name: string; toOn: string };
    await page.getByLabel('Composition au').fill(formatDate(addDays(replaced.toOn, -1)));
    await page.getByLabel('Composition au').press('Tab');
    await page.getByText(`Sièges et membres nommés par arrêté préfectoral, au ${formatDate(addDays(replaced.toOn, -1))}`).waitFor();
    await page.getByRole('button', { name: replaced.name }).waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    expect(h.errors).toEqual([]);
  }, 180_000);
});
