/**
 * A commission on a read-only disk in the window: shown, with the banner that says why nothing can
 * change, and a write refused with the reason. The disk is a tmpfs remounted read-only (root writes
 * any file whatever its mode, not on a read-only disk); skipped where mounting is not allowed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { generateDemo } from '../../src/main/features/demo';
import { expectNoAxeViolations } from './a11y';
import { startHarness, type Harness } from './harness';

const point = mkdtempSync(join(tmpdir(), 'maillage-disque-ro-'));
const canMount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', point]).status === 0;
let h: Harness;
beforeAll(async () => {
  if (!canMount) return;
  const source = mkdtempSync(join(tmpdir(), 'maillage-source-'));
  const db = createCommissionDatabase(join(source, 'demo.maillage'), { departmentCode: '33', name: null }, new Date());
  generateDemo(db, { size: 'small', today: new Date() });
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
