/** `maillage composition export` as a user runs it (child processes), on the demo's composition and its past. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisToday } from '../../src/shared/wallclock';
import { cli } from '../helpers/cli';

let dir: string;
let source: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-composition-'));
  source = join(dir, 'demo.maillage');
  expect((await cli('demo', '--db', source)).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The appointments in force on `day`, read from the database: names by role. */
function inForce(day: string): { titulaires: string[]; suppleants: string[] } {
  const db = new Database(source, { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT name, role FROM seat_members WHERE (from_on IS NULL OR from_on <= ?) AND (to_on IS NULL OR to_on > ?)`)
      .all(day, day) as { name: string; role: string }[];
    return {
      titulaires: rows.filter((r) => r.role === 'titulaire').map((r) => r.name),
      suppleants: rows.filter((r) => r.role === 'suppleant').map((r) => r.name),
    };
  } finally {
    db.close();
  }
}

/** The CSV's lines (BOM and header left out), each split on the separator. */
const csvLines = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));

describe('maillage composition export', () => {
  it('writes the composition of a day, and that of a day before a titulaire was replaced', { timeout: 120_000 }, async () => {
    const db = new Database(source, { readonly: true });
    const replaced = db.prepare(`SELECT name, to_on AS toOn FROM seat_members WHERE to_on IS NOT NULL AND role = 'titulaire'`).get() as { name: string; toOn: string };
    db.close();
    expect(replaced).toBeDefined();

    const today = join(dir, 'aujourdhui.csv');
    const run = await cli('composition', 'export', '--db', source, '--out', today);
    expect(run.code).toBe(0);
    const [header, ...rows] = csvLines(today);
    expect(header).toEqual(expect.arrayContaining(['Collège', 'Siège', 'Titre', 'Qualité', 'Membre', 'Nommé à compter du', 'Arrêté']));
    const member = header!.indexOf('Membre');
    const now = inForce(parisToday(new Date()));
    expect(rows.length).toBe(now.titulaires.length + now.suppleants.length);
    expect(rows.map((r) => r[member])).toEqual(expect.arrayContaining([...now.titulaires, ...now.suppleants]));
    expect(rows.map((r) => r[member])).not.toContain(replaced.name);
    expect(rows.some((r) => r.includes('Au titre de la protection de l’enfance'))).toBe(true);
    expect(run.stdout).toContain(`${now.titulaires.length} sièges pourvus, ${now.suppleants.length} suppléants`);

    // The day before the replacement, the former titulaire still holds the seat.
    const before = addDays(replaced.toOn, -1);
    const past = join(dir, 'avant.xlsx');
    const [y, m, d] = before.split('-');
    const earlier = await cli('composition', 'export', '--db', source, '--out', past, '--on', `${d}/${m}/${y}`);
    expect(earlier.code).toBe(0);
    expect(earlier.stdout).toContain(`composition au ${d}/${m}/${y}`);
    const csvPast = join(dir, 'avant.csv');
    await cli('composition', 'export', '--db', source, '--out', csvPast, '--on', before);
    expect(csvLines(csvPast).map((r) => r[member])).toContain(replaced.name);
    expect(readFileSync(past).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a bad date, a bad output and an unknown action', async () => {
    const date = await cli('composition', 'export', '--db', source, '--out', join(dir, 'x.csv'), '--on', '31/02/2026');
    expect(date.code).toBe(1);
    expect(date.stderrLines[0]).toMatch(/^Erreur : l’option --on : le 31\/02\/2026 n’existe pas dans le calendrier/);
    const wrong = await cli('composition', 'export', '--db', source, '--out', join(dir, 'x.pdf'));
    expect(wrong.stderrLines[0]).toMatch(/^Erreur : le fichier de sortie doit finir par \.xlsx ou \.csv/);
    const action = await cli('composition', 'import', '--db', source);
    expect(action.code).toBe(1);
    expect(action.stderrLines[0]).toContain('seule « export »');
  });
});
