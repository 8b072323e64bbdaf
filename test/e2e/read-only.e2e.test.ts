/**
 * A commission on a read-only disk in the window: shown, with the banner that says why nothing can
 * change, no button or field that would change it on any page, and a write refused with the reason.
 * The disk is a tmpfs remounted read-only (root writes any file whatever its mode, not on a
 * read-only disk); skipped where mounting is not allowed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { generateDemo } from '../../src/main/features/demo';
import { createCampaign } from '../../src/main/features/returns/campaigns';
import { campaignCreate } from '../../src/shared/schemas/returns';
import { expectNoAxeViolations } from './a11y';
import { startHarness, type Harness } from './harness';

const point = mkdtempSync(join(tmpdir(), 'maillage-disque-ro-'));
const canMount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', point]).status === 0;
let h: Harness;
/** Records of the demo to open: one of each kind, a session with an agenda, an examining session. */
let ids: Record<'action' | 'partner' | 'protocol' | 'meeting' | 'examen' | 'request' | 'campaign', string>;
beforeAll(async () => {
  if (!canMount) return;
  const source = mkdtempSync(join(tmpdir(), 'maillage-source-'));
  const db = createCommissionDatabase(join(source, 'demo.maillage'), { departmentCode: '33', name: null }, new Date());
  generateDemo(db, { size: 'small', today: new Date() });
  const first = (sql: string) => db.prepare(sql).pluck().get() as string;
  ids = {
    action: first('SELECT action_id FROM indicators ORDER BY action_id'),
    partner: first('SELECT partner_id FROM contacts ORDER BY partner_id'),
    protocol: first('SELECT protocol_id FROM protocol_signatories ORDER BY protocol_id'),
    meeting: first('SELECT meeting_id FROM decisions ORDER BY meeting_id'),
    examen: first("SELECT id FROM meetings WHERE kind = 'examen_parcours' ORDER BY starts_at"),
    request: first('SELECT id FROM parcours_requests ORDER BY id'),
    // A campaign of returns, whose page offers to prepare, remind, take answers in and delete.
    campaign: createCampaign(db, campaignCreate.parse({ name: 'Point d’étape', periodFrom: '2026-01-01', periodTo: '2026-12-31', deadlineOn: '2026-12-31', replyTo: null }), new Date()),
  };
  db.close();
  mkdirSync(join(point, 'commissions'));
  cpSync(join(source, 'demo.maillage'), join(point, 'commissions', 'demo.maillage'));
  rmSync(source, { recursive: true, force: true });
  expect(spawnSync('mount', ['-o', 'remount,ro', point]).status).toBe(0);
  h = await startHarness({ setup: (session) => session.open(join(point, 'commissions', 'demo.maillage')) });
});
afterAll(async () => {
  await h?.close();
  if (canMount) spawnSync('umount', [point]);
  rmSync(point, { recursive: true, force: true });
});

it.skipIf(!canMount)('shows a read-only commission with its banner and refuses a change with the reason', async () => {
  const { page } = h;
  const banner = page.getByRole('status').filter({ hasText: 'Lecture seule.' });
  await banner.waitFor();
  await page.getByRole('link', { name: 'Partenaires' }).click();
  await page.getByRole('heading', { level: 1, name: 'Partenaires' }).waitFor();
  await banner.waitFor();
  await h.screenshot('lecture-seule');
  await expectNoAxeViolations(page, 'commission en lecture seule');
  const refused = (await page.evaluate(() => (window as unknown as { maillage: { invoke(c: string, i: unknown): Promise<unknown> } }).maillage.invoke('partners.create', { name: 'Nouvelle', type: 'autre' }))) as {
    ok: boolean;
    error?: { message: string };
  };
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toMatch(/^Cette commission est ouverte en lecture seule/);
  expect(h.errors).toEqual([]);
});

/** Buttons whose name says they change the commission. */
const WRITE_VERBS =
  /^(Nouvel|Nouvelle|Nouveau|Ajouter|Importer|Modifier|Supprimer|Retirer|Enregistrer|Créer|Effacer|Confirmé|Mettre|Joindre|Saisir|Inscrire|Inviter|Choisir|Remplacer|Générer|Restaurer|Renommer|Monter|Descendre|Corriger|Suite à donner|Préparer|Relancer|Prendre|Tout accepter)/;

/** What the page offers that would write: buttons named so, and fields of records (not searches, filters or the options of a report). */
async function writesOffered(page: Harness['page']): Promise<string[]> {
  return page.evaluate((verbs) => {
    const pattern = new RegExp(verbs);
    const shown = (e: Element) => (e as HTMLElement).getClientRects().length > 0;
    // :disabled, not .disabled: a field is disabled by its fieldset too.
    const enabled = (e: Element) => !e.matches(':disabled') && !(e as HTMLInputElement).readOnly;
    const name = (e: Element) => (e.getAttribute('aria-label') ?? (e as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ');
    // Importing a package opens another commission (or replaces this one, from a backup of it): this file is not written.
    const buttons = [...document.querySelectorAll('main button, main [role=button], main [role=menuitem]')].filter(
      (e) => shown(e) && enabled(e) && pattern.test(name(e)) && name(e) !== 'Importer un paquet d’échange…',
    );
    // A file input is hidden inside the label that looks like its button: the label shows it.
    const visible = (e: Element) => shown(e) || (e.matches('input[type=file]') && e.closest('label') !== null && shown(e.closest('label')!));
    const fields = [
      ...document.querySelectorAll(
        'main form :is(input, select, textarea), main textarea, main [role=radiogroup] input, main .opinion-choice input, main select[aria-label^="État de"], main #minors-count, main input[type=file]',
      ),
    ].filter((e) => visible(e) && enabled(e) && !e.closest('form[aria-label="Bilan d’avancement"]'));
    return [...buttons.map((e) => `bouton « ${name(e)} »`), ...fields.map((e) => `champ ${e.tagName.toLowerCase()} ${e.id || name(e) || (e as HTMLInputElement).name}`)];
  }, WRITE_VERBS.source);
}

it.skipIf(!canMount)('offers no button or field that would change it, on any page', async () => {
  const { page } = h;
  const pages = [
    'tableau-de-bord',
    'mesures',
    'mesures/fiches',
    'mesures/remontees',
    `mesures/remontees/${ids.campaign}`,
    `mesures/fiches/${ids.action}`,
    'partenaires',
    `partenaires/${ids.partner}`,
    'partenaires/rgpd',
    'protocoles',
    `protocoles/${ids.protocol}`,
    'seances',
    ...['ordre-du-jour', 'participants', 'suites', 'informations'].map((tab) => `seances/${ids.meeting}/${tab}`),
    `seances/${ids.examen}/parcours`,
    'parcours',
    `parcours/${ids.request}`,
    'parcours/conservation',
    'rapports',
    'parametres',
  ];
  const offered: Record<string, string[]> = {};
  for (const path of pages) {
    await page.evaluate((p) => (window.location.hash = `#/${p}`), path);
    await page.locator('main h1').first().waitFor();
    await page.locator('main .loading').waitFor({ state: 'detached' });
    // The catalogue's actions are those of the measure chosen in the tree.
    if (path === 'mesures') await page.getByRole('treeitem').first().click();
    if (path.endsWith('/participants')) await page.getByRole('radiogroup').first().waitFor();
    if (path.endsWith('/parcours')) await page.getByRole('heading', { name: 'Demandes examinées' }).waitFor();
    if (path === `partenaires/${ids.partner}`) await page.getByRole('button', { name: /^Historique de / }).first().waitFor();
    const found = await writesOffered(page);
    if (found.length > 0) offered[path] = found;
  }
  await page.evaluate((p) => (window.location.hash = `#/${p}`), `protocoles/${ids.protocol}`);
  await page.getByRole('button', { name: 'Historique' }).waitFor();
  await h.screenshot('lecture-seule-protocole');
  expect(offered).toEqual({});
  expect(h.errors).toEqual([]);
});

it.skipIf(!canMount)('writes the yearly return of a read-only commission into a folder the user chooses, as other exports do', async () => {
  const { page } = h;
  await page.evaluate(() => (window.location.hash = '#/rapports/remontee-etat'));
  await page.getByRole('region', { name: 'Chiffres de la remontée' }).getByRole('table').first().waitFor();
  const folder = mkdtempSync(join(tmpdir(), 'maillage-remontee-ro-'));
  try {
    h.dialogAnswers.push(folder);
    await page.getByRole('button', { name: 'Enregistrer la remontée…' }).click();
    await page.getByText(/Contrôle réussi : la remontée est conforme au format/).waitFor();
    expect(readdirSync(folder)).toHaveLength(4);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  expect(h.errors).toEqual([]);
});
