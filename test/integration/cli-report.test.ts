/** `maillage report`, run as a user would, on a demo commission. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf, pdfText } from '../helpers/libreoffice';
import { cli } from '../helpers/cli';



let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-report-'));
  db = join(dir, 'demo.maillage');
  expect((await cli('demo', '--db', db)).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report command', () => {
  it('writes the bilan of a semester for one framework, opened by LibreOffice', async () => {
    const year = new Date().getFullYear() - 1;
    const out = join(dir, 'bilan.docx');
    const r = await cli('report', '--db', db, '--from', `${year}-07-01`, '--to', `31/12/${year}`, '--out', out, '--framework', 'plan2021', '--without', 'annexe_fiches', '--detailed');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Bilan d’avancement – 2d semestre ${year} écrit : ${out}\nÉcrit aussi : ${join(dir, 'bilan – fiches détaillées.docx')}\n`);
    const text = (await pdfText(await convertToPdf(out, dir))).replace(/\s+/g, ' ');
    expect(text).toContain('2. Avancement par référentiel');
    expect(text).toContain('Plan national de lutte contre la prostitution des mineurs');
    expect(text).not.toContain('Stratégie nationale de lutte contre le système prostitutionnel et l’exploitation sexuelle');
    expect(text).not.toContain('Annexe A');
  }, 90_000);

  it('explains bad options in one French line and writes nothing', async () => {
    const out = join(dir, 'rien.docx');
    const cases: [string[], string][] = [
      [['--from', '2025-12-31', '--to', '2025-01-01'], 'Erreur : l’option --to est invalide : la fin de la période doit suivre son début.\n'],
      [['--from', '2025-01-01', '--to', '2025-12-31', '--framework', 'foo'], 'Erreur : référentiel inconnu : FOO (référentiels de la commission : PLAN2021, SNSP2024).\n'],
      [['--from', 'hier', '--to', '2025-12-31'], 'Erreur : l’option --from attend une date (AAAA-MM-JJ ou JJ/MM/AAAA), pas « hier » (aide : maillage report --help).\n'],
      [['--from', '2025-01-01', '--to', '2025-12-31', '--without', 'tout'], 'Erreur : partie inconnue « tout » : synthese, actions, difficultes, parcours, seances, protocoles, reseau, perspectives, annexe_fiches (aide : maillage report --help).\n'],
    ];
    for (const [args, message] of cases) {
      const r = await cli('report', '--db', db, '--out', out, ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(message);
    }
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
