/**
 * Every dialog the pages of the small demo open, at 1024×700 and at a 200 % zoom of a 1366×768 screen
 * (683×384 CSS px): its « × », « Annuler » and action buttons whole on screen (the body scrolls between a
 * fixed header and footer), nothing running out of it or scrolling sideways. Each button that may open a
 * dialog is clicked on a fresh visit of its page, then the dialog is closed without saving.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoCommission, startHarness, type Harness } from './harness';
import { dialogProblems } from './layout';

let h: Harness;
let pages: string[];
beforeAll(async () => {
  h = await startHarness(demoCommission('small'));
  const first = (sql: string) => h.session.require().db.prepare(sql).pluck().get() as string;
  const meeting = first('SELECT meeting_id FROM decisions ORDER BY meeting_id');
  pages = [
    'mesures/fiches/' + first('SELECT action_id FROM indicators ORDER BY action_id'),
    'mesures/remontees',
    'partenaires',
    'partenaires/' + first('SELECT partner_id FROM contacts ORDER BY partner_id'),
    'partenaires/composition',
    'partenaires/rgpd',
    'protocoles/' + first('SELECT protocol_id FROM protocol_signatories ORDER BY protocol_id'),
    'seances',
    ...['ordre-du-jour', 'participants', 'suites', 'informations'].map((tab) => `seances/${meeting}/${tab}`),
    `seances/${first("SELECT id FROM meetings WHERE kind = 'examen_parcours' ORDER BY starts_at")}/parcours`,
    'parcours',
    'parcours/' + first('SELECT id FROM parcours_requests ORDER BY id'),
    'parametres',
  ];
});
afterAll(async () => {
  await h?.close();
});

/** Buttons that open a dialog: « Importer… », « Modifier X », « Supprimer », « Historique »… (not the export menus, which write files). */
const OPENS_DIALOG = /…$|^(Modifier|Supprimer|Ajouter|Retirer|Historique|Effacer|Remplacer|Relancer|Nommer|Nouvelle campagne)/;

const SIZES = [
  { width: 1024, height: 700 },
  { width: 683, height: 384 },
];

async function visit(path: string): Promise<void> {
  await h.page.setViewportSize(SIZES[0]!);
  await h.page.evaluate((p) => (window.location.hash = `#/${p}`), path);
  await h.page.locator('main h1').first().waitFor();
  await h.settled();
}

it('keeps the buttons of every dialog whole on screen at 1024×700 and at 200 % zoom', async () => {
  const { page } = h;
  const found: Record<string, string[]> = {};
  let dialogs = 0;
  for (const path of pages) {
    await visit(path);
    const names = await page.evaluate((pattern) => {
      const opens = new RegExp(pattern);
      const name = (e: Element) => (e.getAttribute('aria-label') ?? (e as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ');
      const buttons = [...document.querySelectorAll('main button:not(:disabled)')].filter((e) => (e as HTMLElement).getClientRects().length > 0 && opens.test(name(e)) && !/^Exporter/.test(name(e)));
      // One button of each kind per page: « Effacer … partout » on every row opens the same dialog.
      const kinds = new Map<string, string>();
      for (const b of buttons) if (!kinds.has(name(b).split(' ')[0]!)) kinds.set(name(b).split(' ')[0]!, name(b));
      return [...kinds.values()];
    }, OPENS_DIALOG.source);
    for (const name of names) {
      await visit(path);
      const button = page.locator('main button:not(:disabled)').filter({ hasText: name }).or(page.locator(`main button[aria-label="${name.replace(/"/g, '\\"')}"]`)).first();
      // A button an earlier one took away (« Retirer » the last of something) is not there any more.
      if (!(await button.isVisible())) continue;
      await button.click();
      const dialog = page.locator('dialog[open]');
      const opened = await dialog
        .first()
        .waitFor({ timeout: 1500 })
        .then(() => true, () => false);
      if (!opened) continue;
      dialogs++;
      if (process.env.MAILLAGE_TRACE) console.log(path, name);
      const title = (await dialog.last().getAttribute('aria-label')) ?? name;
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await h.settled();
        const problems = await dialogProblems(page);
        if (problems.length > 0) found[`${path} › ${name} › ${size.width}×${size.height}`] = problems;
        await h.screenshot(`boite-${title.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 50)}-${size.width}`);
      }
      await page.keyboard.press('Escape');
      // A form left as it was closes at once; one the dialog filled in asks first.
      const abandon = page.getByRole('button', { name: 'Abandonner', exact: true });
      if (await abandon.isVisible()) await abandon.click();
    }
  }
  expect(found).toEqual({});
  // The walk reached the dialogs of the pages: the directory's import, a contact's edit and deletion, the histories…
  expect(dialogs).toBeGreaterThanOrEqual(15);
  expect(h.errors).toEqual([]);
}, 600_000);
