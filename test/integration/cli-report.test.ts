/** `maillage report`, run as a user would, on a demo commission. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAllToPdf, convertToPdf, pdfText } from '../helpers/libreoffice';
import { cli } from '../helpers/cli';
import { parisYear } from '../helpers/clock';
import { typographyDefects } from '../helpers/typography-check';



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
    const year = parisYear(-1);
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

  it('writes the first bilan of a new commission as a reader expects it: zeros said in words, no empty annex or sommaire', async () => {
    const empty = join(dir, 'nouvelle.maillage');
    expect((await cli('init', '--db', empty, '--department', '974')).code).toBe(0);
    const out = join(dir, 'premier.docx');
    const r = await cli('report', '--db', empty, '--from', '2025-01-01', '--to', '2025-12-31', '--out', out, '--detailed');
    expect(r.stderr).toBe('');
    // The bilan and its annex B in one LibreOffice run.
    const [main, annex] = await convertAllToPdf([out, join(dir, 'premier – fiches détaillées.docx')], join(dir, 'premier'));
    const text = (await pdfText(main!)).replace(/\s+/g, ' ');
    expect(text).toContain('À la fin de la période, aucune structure n’est recensée dans le réseau');
    expect(text).toContain('Aucun protocole ni convention signé pendant la période ; aucun à réviser ou renouveler');
    expect(text).toContain('Indicateurs ayant atteint leur cible – – –');
    expect(text).not.toMatch(/\b0 (structure|personne|protocole|arrivé)|0 sur 0|Types de structures absents/);
    // Annex A would hold its heading alone: it is left out, and the sommaire does not list it.
    expect(text).not.toContain('Annexe A');
    // As a partner with DejaVu only reads it: the same sentences, no typography defect.
    const dejavu = await pdfText(await convertToPdf(out, join(dir, 'dejavu'), undefined, 'dejavu'));
    expect(dejavu.replace(/\s+/g, ' ')).toContain('À la fin de la période, aucune structure n’est recensée dans le réseau');
    expect(typographyDefects(dejavu)).toEqual([]);
    const detailed = (await pdfText(annex!)).replace(/\s+/g, ' ');
    expect(detailed).toContain('Annexe B du bilan d’avancement : aucune fiche action n’a été suivie sur la période.');
    expect(detailed).not.toContain('Sommaire');
  }, 90_000);

  it('explains bad options in one French line and writes nothing', async () => {
    const out = join(dir, 'rien.docx');
    const cases: [string[], string][] = [
      [['--from', '2025-12-31', '--to', '2025-01-01'], 'Erreur : l’option --to est invalide : la fin de la période doit suivre son début.\n'],
      [['--from', '2025-01-01', '--to', '2025-12-31', '--framework', 'foo'], 'Erreur : référentiel inconnu : FOO (référentiels de la commission : PLAN2021, SNSP2024).\n'],
      [['--from', 'hier', '--to', '2025-12-31'], 'Erreur : l’option --from attend une date (JJ/MM/AAAA ou AAAA-MM-JJ), pas « hier » (aide : maillage report --help).\n'],
      [['--from', '2025-01-01', '--to', '2025-02-29'], 'Erreur : l’option --to : le 2025-02-29 n’existe pas dans le calendrier (aide : maillage report --help).\n'],
      [['--from', '2025-01-01', '--to', '2025-12-31', '--without', 'tout'], 'Erreur : partie inconnue « tout » : synthese, actions, difficultes, parcours, seances, protocoles, reseau, perspectives, annexe_fiches (aide : maillage report --help).\n'],
    ];
    for (const [args, message] of cases) {
      const r = await cli('report', '--db', db, '--out', out, ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(message);
    }
    // A period still to come has nothing to report yet.
    const next = parisYear(1);
    const future = await cli('report', '--db', db, '--out', out, '--from', `${next}-01-01`, '--to', `${next}-12-31`);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(new RegExp(`^Erreur : la période commence le 01/01/${next}, après aujourd’hui \\(\\d\\d/\\d\\d/\\d{4}\\) : choisissez une période déjà commencée\\.\n$`));
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
