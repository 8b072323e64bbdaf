import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../../src/shared/wallclock';
import { cli } from '../helpers/cli';
import { parisYear } from '../helpers/clock';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-parcours-'));
  db = join(dir, 'demo.maillage');
  expect((await cli('demo', '--db', db)).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parcours and avis commands', () => {
  it('prints the figures of a year as JSON with the State’s keys', async () => {
    const year = String(parisYear(-1));
    const run = await cli('parcours', 'stats', '--db', db, '--year', year, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const key of ['firstRequests', 'renewals', 'favourableOpinions', 'unfavourableOpinions', 'authorisations', 'refusals', 'inProgressAtEnd', 'exits']) expect(json).toHaveProperty(key);
    expect((json.firstRequests as number) + (json.renewals as number)).toBeGreaterThan(0);
    expect(json.inProgressOn).toBe(`${year}-12-31`);
    const text = await cli('parcours', 'stats', '--db', db, '--year', year);
    expect(text.stdout).toContain(`Parcours de sortie – année ${year}`);
    expect(text.stdout).toContain(`en parcours le 31/12/${year}`);
  });

  it('counts the current year’s people in a parcours today, not on 31 December', async () => {
    const now = new Date();
    const run = await cli('parcours', 'stats', '--db', db, '--year', String(parisYear(0, now)), '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Record<string, unknown>).inProgressOn).toBe(parisToday(now));
  });

  it('exports the register and writes the relevé of the latest examining meeting', async () => {
    const csv = join(dir, 'registre.csv');
    const exported = await cli('parcours', 'export', '--db', db, '--out', csv);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/demandes exportées/);
    expect(existsSync(csv)).toBe(true);
    const docx = join(dir, 'avis.docx');
    const avis = await cli('avis', '--db', db, '--session', 'latest', '--out', docx);
    expect(avis.code).toBe(0);
    expect(existsSync(docx)).toBe(true);
  });

  it('refuses bad options in one French line', async () => {
    const bad = await cli('parcours', 'stats', '--db', db, '--year', '26');
    expect(bad.code).toBe(1);
    expect(bad.stderrLines).toEqual([expect.stringContaining('l’option --year attend une année sur quatre chiffres')]);
    const noSession = await cli('avis', '--db', db, '--session', 'latest', '--out', join(dir, 'x.pdf'));
    expect(noSession.stderrLines[0]).toContain('.docx');
  });
});
