import { afterEach, describe, expect, it } from 'vitest';
import { axeFindings, formatFindings, type AxeFinding } from './a11y';
import { demoCommission, startHarness, type Harness } from './harness';

describe('Demo commissions in Chromium', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('opens the demo commission from the welcome screen', async () => {
    h = await startHarness();
    const { page } = h;
    await page.getByRole('button', { name: 'Explorer une commission de démonstration' }).click();
    // An existing commission opens on its dashboard.
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByRole('link', { name: 'Partenaires' }).click();
    // 150 contacts and the gendarmerie's former commander, kept as the past of its seat.
    await page.getByText('60 structures · 151 contacts').waitFor();
    expect(await page.title()).toContain('Gironde');
    expect(h.errors).toEqual([]);
  });

  it('shows the large demo directory: sorted, filtered, searched, column state kept', async () => {
    h = await startHarness(demoCommission('large'));
    const { page } = h;
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByText('2 000 structures · 5 001 contacts').waitFor();
    await h.screenshot('partners-large-demo');

    // Sort by commune, then reload: the grid comes back sorted the same way.
    await page.getByRole('columnheader', { name: 'Commune' }).click();
    const communeHeader = page.getByRole('columnheader', { name: 'Commune' });
    await expect.poll(() => communeHeader.getAttribute('aria-sort')).toBe('ascending');
    await page.reload();
    await page.getByText('2 000 structures · 5 001 contacts').waitFor();
    expect(await communeHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByRole('columnheader', { name: 'Structure' }).getAttribute('aria-sort')).toBe('none');

    await page.getByPlaceholder('Rechercher une structure, un contact…').fill('gendarmerie');
    await h.screenshot('partners-large-demo-search');
    await page.getByText(/structures? affichées? sur 2\s000/).waitFor();
    expect(h.errors).toEqual([]);
  });

  it('shows every section of the large demo without an error or an axe violation', async () => {
    h = await startHarness(demoCommission('large'));
    const { page } = h;
    const findings: AxeFinding[] = [];
    for (const [hash, heading] of [
      ['tableau-de-bord', 'Tableau de bord'],
      ['mesures', 'Mesures'],
      ['mesures/fiches', 'Mesures'],
      ['partenaires', 'Partenaires'],
      // Its largest counts are the darkest cells: white on them must still read (it was 3.16:1).
      ['partenaires/cartographie', 'Cartographie du réseau'],
      ['partenaires/rgpd', 'Contacts à reconfirmer'],
      ['protocoles', 'Protocoles et conventions'],
      ['seances', 'Séances'],
      ['parcours', 'Parcours de sortie de la prostitution'],
      ['parcours/chiffres', 'Parcours de sortie : chiffres'],
      ['rapports', 'Rapports'],
      ['parametres', 'Paramètres'],
    ] as const) {
      await page.evaluate((target) => (window.location.hash = `#/${target}`), hash);
      await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
      await h.settled();
      findings.push(...(await axeFindings(page, hash)));
      await h.screenshot(`large-demo-${hash.replace('/', '-')}`);
    }
    expect(formatFindings(findings)).toBe('');
    expect(h.errors).toEqual([]);
  }, 120_000);
});
