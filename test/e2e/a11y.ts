/**
 * Accessibility checks for the end-to-end tests: axe-core (WCAG 2.1 A and AA rules, the ones
 * RGAA 4.1 follows) run inside the page, plus reflow at 200 % zoom and 320 CSS px.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

// Evaluated rather than added as a <script>: the renderer's CSP (script-src 'self') rightly refuses inline scripts.
const AXE_SOURCE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFinding {
  label: string;
  rule: string;
  impact: string | null;
  target: string;
  summary: string;
}

/** Every WCAG 2.1 A/AA violation on the page as it is now, one line per element. */
export async function axeFindings(page: Page, label: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => ({ rule: v.id, impact: v.impact, target: n.target.map(String).join(' > '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    );
  }, WCAG_TAGS);
  return violations.map((v) => ({ label, ...v }));
}

export function formatFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `[${f.label}] ${f.rule} (${f.impact}) ${f.target}\n    ${f.summary}`).join('\n');
}

/** Fails with the rule id, the element and axe's summary of each violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const findings = await axeFindings(page, label);
  if (findings.length) throw new Error(`${findings.length} violation(s) axe-core :\n${formatFindings(findings)}`);
}

/**
 * The widths that matter for reflow: the document's and the main area's (the shell scrolls
 * there). A grid scrolling inside its own box does not count.
 */
export async function pageFitsWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const mainOverflow = main ? main.scrollWidth - main.clientWidth : 0;
    return { scrollWidth: Math.max(document.documentElement.scrollWidth, window.innerWidth + mainOverflow), innerWidth: window.innerWidth };
  });
}
