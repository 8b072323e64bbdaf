import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeeting } from '../../src/main/features/meetings/meetings';
import { createContact, createPartner } from '../../src/main/features/partners/partners';
import { meetingCreate } from '../../src/shared/schemas/meetings';
import { parisYear } from '../helpers/clock';
import { expectNoAxeViolations } from './a11y';
import { startHarness, type Harness } from './harness';

/** Where the page's landmarks sit on screen, and how far every scrollable box is scrolled. */
function placement(page: Page) {
  return page.evaluate(() => ({
    sidebar: document.querySelector('nav')?.getBoundingClientRect().top,
    scrolled: [document.scrollingElement, ...document.querySelectorAll('*')].filter((e) => e && e.scrollTop > 0).map((e) => `${e!.tagName}.${e!.className}:${e!.scrollTop}`),
  }));
}

describe('Participants of a large session', () => {
  let h: Harness;
  const year = parisYear(1);
  beforeEach(async () => {
    h = await startHarness({
      setup: async (session) => {
        const now = new Date();
        await session.create({ departmentCode: '33', name: null }, now);
        const { db } = session.require();
        const partner = (name: string, commune: string | null = null) =>
          createPartner(db, { name, type: 'association_sortie', domains: [], address: null, postcode: null, commune, website: null, siret: null, notes: null }, now).id;
        const contact = { civility: null, role: null, email: null, phone: null, source: null, confirmedOn: null, notes: null };
        const members = partner('Association membre');
        // 40 members, named so that their French order is their number.
        for (let i = 1; i <= 40; i++) createContact(db, { ...contact, partnerId: members, firstName: 'Membre', lastName: `Numéro ${i}`, isMember: true }, now);
        createContact(db, { ...contact, partnerId: partner('CCAS de Mérignac', 'Mérignac'), civility: 'M.', firstName: 'Rémi', lastName: 'Aubépine', isMember: false }, now);
        createContact(db, { ...contact, partnerId: partner('Maison des femmes'), civility: 'Mme', firstName: 'Anne', lastName: 'Lœuillet', isMember: false }, now);
        createMeeting(db, meetingCreate.parse({ kind: 'pleniere', date: `${year}-11-05`, startTime: '09:30', endTime: '12:00' }), now);
      },
    });
    await h.page.getByRole('link', { name: 'Séances' }).click();
    await h.page.getByText('1 séance à venir · aucune séance passée').waitFor();
    await h.page.getByRole('link', { name: `05/11/${year} à 09:30` }).click();
    await h.page.getByText('Aucun point à l’ordre du jour').waitFor();
    // The heading gives the end time too.
    await h.page.getByText(/ 5 novembre \d{4} à 9 h 30 – 12 h 00$/).waitFor();
    await h.page.getByRole('link', { name: /Participants/ }).click();
    // The window names the séance, not only its section.
    await expect.poll(() => h.page.title()).toBe(`Séance plénière du 05/11/${year} — Séances — Gironde — Maillage`);
  });
  afterEach(async () => {
    await h.close();
  });

  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const)
    it(`marks the last of 40 people without moving the page (${width}×${height})`, async () => {
      const { page } = h;
      await page.setViewportSize({ width, height });
      const last = page.getByRole('row', { name: 'Membre Numéro 40', exact: true });
      await last.scrollIntoViewIfNeeded();
      const before = await placement(page);
      const rowTop = (await last.boundingBox())?.y;
      await last.getByText('Absent', { exact: true }).click();
      await page.getByText(/Absent : 1/).waitFor();
      expect(await placement(page)).toEqual(before);
      expect((await last.boundingBox())?.y).toBe(rowTop);
      await h.screenshot(`attendance-last-row-${width}`);

      // With the keyboard: the radio in focus stays where it is drawn.
      await last.getByRole('radio', { name: 'Présent' }).focus();
      const focused = await placement(page);
      await page.keyboard.press('Space');
      await page.getByText(/Présent : 1/).waitFor();
      expect(await placement(page)).toEqual(focused);
      expect(h.errors).toEqual([]);
    });

  it('writes only the choice the arrow keys stop on', async () => {
    const { page } = h;
    const db = h.session.require().db;
    const row = page.getByRole('row', { name: 'Membre Numéro 3', exact: true });
    const id = db.prepare("SELECT id FROM meeting_attendees WHERE name LIKE '%Numéro 3'").pluck().get() as string;
    const history = () => db.prepare("SELECT count(*) FROM change_log WHERE entity_id = ? AND op = 'update'").pluck().get(id) as number;
    await row.getByText('Présent', { exact: true }).click();
    await page.getByText(/Présent : 1/).waitFor();
    expect(history()).toBe(1);
    await row.getByRole('radio', { name: 'Présent' }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    // Présent → À distance → Suppléant → Mandat → Excusé: only « Excusé » is written, not the choices passed over.
    expect(await row.locator('label.checked').textContent()).toBe('Excusé');
    await expect.poll(() => db.prepare('SELECT status FROM meeting_attendees WHERE id = ?').pluck().get(id)).toBe('excuse');
    expect(history()).toBe(2);
    expect(h.errors).toEqual([]);
  });

  it('finds people in « Ajouter des personnes » without their accents', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Ajouter des personnes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter des personnes' });
    const search = dialog.getByRole('searchbox', { name: 'Rechercher un contact' });
    const found = () => dialog.getByRole('listitem').allInnerTexts();
    for (const [query, person] of [
      ['remi', 'M. Rémi Aubépine'],
      ['aubepine', 'M. Rémi Aubépine'],
      ['merignac', 'M. Rémi Aubépine'],
      ['loeuillet', 'Mme Anne Lœuillet'],
      ['LŒUILLET', 'Mme Anne Lœuillet'],
    ] as const) {
      await search.fill(query);
      expect((await found()).map((t) => t.split(' · ')[0])).toEqual([person]);
    }
    // The box is one line high, and the dialog holds its list without a scroll bar of its own.
    expect((await search.boundingBox())!.height).toBeLessThan(48);
    expect(await dialog.evaluate((d) => d.scrollHeight <= d.clientHeight + 1)).toBe(true);
    await search.fill('');
    await h.screenshot('add-people');
    await expectNoAxeViolations(page, 'Ajouter des personnes');
  });
});
