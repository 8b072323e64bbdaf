/**
 * `npm run bench:ui`: how long a secretary waits after a click, on the large demo, in Chromium.
 *
 * The built renderer runs in the e2e harness (test/e2e/harness.ts): the real router on a real SQLite file,
 * reached over loopback HTTP instead of Electron's IPC (both copy the answer in one native pass; Playwright's
 * own bindings took 150 ms more for the large directory, through the DevTools protocol). Each view is timed from the click (the event's own timestamp) to the first frame painted with its
 * content: grid rows on screen, or the record's title and its filled form — not merely the route change. The
 * page counts its own API calls, so each line also says how much of the wait was spent waiting for data.
 */
import type { Locator, Page } from 'playwright-core';
import { demoCommission, startHarness, stopBrowser } from '../test/e2e/harness';
import { environment } from './lib';

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 9);
/** The budget of the issue: a section or a record shows its content within 300 ms of the click. */
const BUDGET_MS = 300;

/** Something that must be on screen: a visible element matching `selector` (at least `min` of them), with this text or value. */
interface Check {
  selector: string;
  /** textContent contains it. */
  text?: string;
  /** An input's value equals it. */
  value?: string;
  /** An input's value is a non-empty part of it. */
  valueIn?: string;
  min?: number;
}

interface Step {
  /** The element the user clicks. */
  target: Locator;
  /** What shows that the view is there. */
  checks: Check[];
}

interface View {
  name: string;
  /** Puts the user where they are before the click (not timed), and says what to click and what to wait for. */
  prepare(page: Page, run: number): Promise<Step>;
}

interface Timing {
  /** Click to content painted. */
  total: number;
  /** Click to the last answer of the API calls made meanwhile (0 if none). */
  data: number;
}

/** In the page: counts API calls and times a click up to the first frame that passes every check. */
function installProbe(): void {
  type Probe = { pending: number; calls: { start: number; end: number }[]; result?: Promise<{ total: number; data: number } | null> };
  const w = window as unknown as { maillage: { invoke: (c: string, i: unknown) => Promise<unknown> }; __uiBench: Probe };
  const probe: Probe = { pending: 0, calls: [] };
  w.__uiBench = probe;
  const invoke = w.maillage.invoke;
  w.maillage.invoke = (channel, input) => {
    const call = { start: performance.now(), end: Infinity };
    probe.calls.push(call);
    probe.pending++;
    return invoke(channel, input).finally(() => {
      call.end = performance.now();
      probe.pending--;
    });
  };
}

/** In the page: arms the timer for the next click. */
function arm(checks: Check[]): void {
  const probe = (window as unknown as { __uiBench: { calls: { start: number; end: number }[]; result?: Promise<unknown> } }).__uiBench;
  const onScreen = (el: Element) => {
    const box = el.getBoundingClientRect();
    // Laid out and not hidden; it may be below the fold (the protocols register comes after the renewals).
    return box.width > 0 && box.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  };
  const passes = (check: Check) =>
    [...document.querySelectorAll(check.selector)].filter(
      (el) => onScreen(el) && (check.text === undefined || (el.textContent ?? '').includes(check.text)) && (check.value === undefined || (el as HTMLInputElement).value === check.value) &&
        (check.valueIn === undefined || ((el as HTMLInputElement).value !== '' && check.valueIn.includes((el as HTMLInputElement).value))),
    ).length >= (check.min ?? 1);
  probe.result = new Promise((resolve) => {
    document.addEventListener(
      'click',
      (event) => {
        const clicked = event.timeStamp;
        probe.calls = [];
        const frame = () => {
          if (checks.every(passes)) {
            // A task queued from a frame callback runs once that frame is painted.
            setTimeout(() => {
              const painted = performance.now();
              const ends = probe.calls.filter((c) => c.end <= painted).map((c) => c.end - clicked);
              resolve({ total: painted - clicked, data: Math.max(0, ...ends) });
            });
          } else if (performance.now() - clicked > 15_000) resolve(null);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      { capture: true, once: true },
    );
  });
}

/** No API call under way and two frames painted: the previous view is done before the next click. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __uiBench: { pending: number } }).__uiBench.pending === 0);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

async function go(page: Page, hash: string, checks: Check[]): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.waitForFunction(
    (cs) =>
      cs.every((c) =>
        [...document.querySelectorAll(c.selector)].some(
          (el) => (c.text === undefined || (el.textContent ?? '').includes(c.text)) && (c.value === undefined || (el as HTMLInputElement).value === c.value),
        ),
      ),
    checks,
  );
  await settle(page);
}

async function time(page: Page, step: Step, name: string): Promise<Timing> {
  await page.evaluate(arm, step.checks);
  await step.target.click();
  const timing = await page.evaluate(() => (window as unknown as { __uiBench: { result: Promise<Timing | null> } }).__uiBench.result);
  if (!timing) throw new Error(`${name}: content not on screen 15 s after the click (${JSON.stringify(step.checks)})`);
  await settle(page);
  return timing;
}

// ——— What is on screen when each view is there ———

const gridRows = (label: string): Check => ({ selector: `[role="grid"][aria-label="${label}"] .ag-row[row-index]`, min: 5 });
const heading = (text: string): Check => ({ selector: 'main h1', text });
const sidebar = (page: Page, section: string) => page.locator(`nav[aria-label="Sections"] a[href="#/${section}"]`);

const sectionChecks = {
  'tableau-de-bord': [heading('Tableau de bord'), { selector: '.dash-grid .framework-card', min: 2 }],
  mesures: [heading('Mesures'), { selector: '[role="tree"] [role="treeitem"]', min: 5 }],
  partenaires: [heading('Partenaires'), gridRows('Annuaire des structures')],
  protocoles: [heading('Protocoles'), gridRows('Registre des protocoles')],
  seances: [heading('Séances'), { selector: 'section[aria-label="Séances passées"] tbody tr', min: 5 }],
  parcours: [heading('Parcours de sortie'), gridRows('Registre des demandes de parcours de sortie')],
  rapports: [heading('Rapports'), { selector: 'section[aria-label="Contenu du rapport"] .report-preview li' }],
  parametres: [heading('Paramètres'), { selector: 'form[aria-label="Commission"] input' }],
} satisfies Record<string, Check[]>;
type Section = keyof typeof sectionChecks;

const sectionLabels: Record<Section, string> = {
  'tableau-de-bord': 'Tableau de bord',
  mesures: 'Mesures (cadres nationaux)',
  partenaires: 'Partenaires (annuaire)',
  protocoles: 'Protocoles',
  seances: 'Séances',
  parcours: 'Parcours de sortie',
  rapports: 'Rapports',
  parametres: 'Paramètres',
};

/** A section clicked in the sidebar, from Paramètres (a light page: its unmounting costs nothing), or from the dashboard for Paramètres itself. */
function sectionView(section: Section): View {
  const from: Section = section === 'parametres' ? 'tableau-de-bord' : 'parametres';
  return {
    name: `Section ${sectionLabels[section]}`,
    async prepare(page) {
      await go(page, `#/${from}`, sectionChecks[from]);
      return { target: sidebar(page, section), checks: sectionChecks[section] };
    },
  };
}

/** Another view of a section (a tab, a button of its toolbar), clicked from the section's first view. */
function tabView(name: string, section: Section, target: string, checks: Check[]): View {
  return {
    name,
    async prepare(page) {
      await go(page, `#/${section}`, sectionChecks[section]);
      return { target: page.locator('main').locator(target), checks };
    },
  };
}

/** The `run`-th row of a grid (a different record each run), and the text of one of its cells. */
async function gridRow(page: Page, label: string, colId: string, run: number): Promise<{ cell: Locator; text: string; id: string }> {
  const row = page.locator(`[role="grid"][aria-label="${label}"] .ag-row[row-index][row-index="${run}"]`);
  const cell = row.locator(`[col-id="${colId}"]`);
  return { cell, text: (await cell.innerText()).trim(), id: (await row.getAttribute('row-id')) ?? '' };
}

/** A record opened from its register: its title in the heading and in the form's first field. */
function recordView(name: string, register: string, grid: string, colId: string, form: string, headingOf: (text: string) => string = (t) => t): View {
  return {
    name,
    async prepare(page, run) {
      await go(page, register, [gridRows(grid)]);
      const { cell, text } = await gridRow(page, grid, colId, run);
      return { target: cell, checks: [heading(headingOf(text)), { selector: `form[aria-label="${form}"] input`, value: text }] };
    },
  };
}

const views: View[] = [
  ...(Object.keys(sectionChecks) as Section[]).map(sectionView),
  tabView('Mesures › Fiches actions', 'mesures', 'a[href="#/mesures/fiches"]', [gridRows('Fiches actions')]),
  tabView('Partenaires › Cartographie', 'partenaires', 'a[href="#/partenaires/cartographie"]', [heading('Cartographie'), { selector: 'table.matrix tbody tr', min: 5 }]),
  tabView('Partenaires › Contacts à reconfirmer', 'partenaires', 'a[href="#/partenaires/rgpd"]', [heading('reconfirmer'), { selector: 'table.stale-table tbody tr', min: 5 }]),
  tabView('Parcours › Chiffres', 'parcours', 'button:has-text("Chiffres")', [heading('chiffres'), { selector: 'section[aria-label="Chiffres de la période"]' }]),
  tabView('Parcours › Conservation', 'parcours', 'button:has-text("Conservation")', [heading('Conservation'), { selector: 'main section.card' }]),
  recordView('Fiche structure', '#/partenaires', 'Annuaire des structures', 'name', 'Structure'),
  {
    name: 'Contact (dialogue « Modifier »)',
    async prepare(page, run) {
      await go(page, '#/partenaires', sectionChecks.partenaires);
      const { text, id } = await gridRow(page, 'Annuaire des structures', 'name', run);
      await go(page, `#/partenaires/${id}`, [heading(text), { selector: 'section[aria-label="Contacts"] button[aria-label^="Modifier "]' }]);
      const edit = page.locator('section[aria-label="Contacts"] button[aria-label^="Modifier "]').first();
      const fullName = ((await edit.getAttribute('aria-label')) ?? '').replace(/^Modifier /, '');
      return { target: edit, checks: [{ selector: 'dialog h2', text: 'Modifier le contact' }, { selector: 'dialog input', valueIn: fullName }] };
    },
  },
  recordView('Fiche action', '#/mesures/fiches', 'Fiches actions', 'title', 'Fiche action'),
  recordView('Protocole', '#/protocoles', 'Registre des protocoles', 'title', 'Protocole'),
  {
    name: 'Séance (ordre du jour)',
    async prepare(page, run) {
      await go(page, '#/seances', sectionChecks.seances);
      const link = page.locator('section[aria-label="Séances passées"] tbody tr').nth(run).locator('a');
      const date = /\d\d\/\d\d\/\d{4}/.exec(await link.innerText())?.[0] ?? '';
      return { target: link, checks: [heading(date), { selector: 'article.agenda-item h2' }] };
    },
  },
  recordView('Demande de parcours', '#/parcours', 'Registre des demandes de parcours de sortie', 'reference', 'Demande de parcours de sortie', (ref) => `Demande ${ref}`),
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ms = (v: number) => Math.round(v).toString();

async function main() {
  // `npm run bench:ui -- fiche séance` measures only the views whose name contains one of these words.
  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const selected = only.length > 0 ? views.filter((v) => only.some((word) => v.name.toLowerCase().includes(word))) : views;
  process.stderr.write('… démo « large »\n');
  const h = await startHarness(demoCommission('large'));
  try {
    const { page } = h;
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.evaluate(installProbe);
    const rows: string[][] = [];
    for (const view of selected) {
      process.stderr.write(`… ${view.name}\n`);
      // One run first, not counted: the code of the view is compiled and its styles computed once.
      await time(page, await view.prepare(page, RUNS), view.name);
      const timings: Timing[] = [];
      for (let run = 0; run < RUNS; run++) timings.push(await time(page, await view.prepare(page, run), view.name));
      const totals = timings.map((t) => t.total);
      const m = median(totals);
      rows.push([view.name, ms(m), ms(Math.max(...totals)), ms(median(timings.map((t) => t.data))), m > BUDGET_MS ? `> ${BUDGET_MS} ms` : 'ok']);
    }
    if (h.errors.length > 0) throw new Error(`Erreurs dans la page : ${h.errors.join(' | ')}`);
    const header = ['Vue (clic → contenu affiché)', 'Médiane (ms)', 'Max (ms)', 'dont données, médiane (ms)', 'Budget'];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
    console.log(`\n${environment()}, ${RUNS} essais par vue\n\n${[line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n')}`);
  } finally {
    await h.close();
    await stopBrowser();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
