/** `maillage import partners` and `maillage export partners` as a user runs them (child processes). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText, ROWS, windows1252 } from '../helpers/partner-files';
import { cli } from '../helpers/cli';



let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-partners-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe.concurrent('maillage import / export partners', () => {
  it('imports with warnings (exit 0), refuses a file with an error (exit 1, nothing written), dry-run writes nothing', { timeout: 120_000 }, async () => {
    const db = join(dir, 'a.maillage');
    expect((await cli('init', '--db', db, '--department', '33')).code).toBe(0);
    const bad = join(dir, 'erreur.csv');
    writeFileSync(bad, windows1252(csvText(';', [...ROWS, ['', 'Police nationale', '', '', 'Arcachon', '', '', '', 'Martin', 'Paul']])));
    const refused = await cli('import', 'partners', '--db', db, '--file', bad);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Ligne 6 – erreur : Nom de la structure absent');
    expect(refused.stderrLines).toEqual(['Erreur : 1 ligne est en erreur : rien n’a été importé.']);
    expect(count(db, 'partners')).toBe(0);

    const good = join(dir, 'liste.csv');
    writeFileSync(good, windows1252(csvText(';')));
    const dry = await cli('import', 'partners', '--db', db, '--file', good, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Simulation (--dry-run) : rien n’a été écrit.');
    expect(count(db, 'partners')).toBe(0);

    const done = await cli('import', 'partners', '--db', db, '--file', good);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Fichier CSV enregistré par Excel');
    expect(done.stdout).toContain('Ligne 4 (Brigade de protection des familles) – attention : Contact : courriel « pas-une-adresse » ignoré');
    expect(done.stdout).toContain('Import terminé : 3 structures créées, 3 contacts ajoutés.');
    expect(count(db, 'partners')).toBe(3);

    const again = await cli('import', 'partners', '--db', db, '--file', good);
    expect(again.stdout).toContain('Import terminé : 0 structure créée, 0 contact ajouté, 3 doublons ignorés.');
  });

  it.each(['csv', 'xlsx'])('exports to a .%s file that re-imports to the same data', { timeout: 120_000 }, async (ext) => {
    const source = join(dir, `demo-${ext}.maillage`);
    expect((await cli('demo', '--db', source)).code).toBe(0);
    const file = join(dir, `annuaire.${ext}`);
    expect((await cli('export', 'partners', '--db', source, '--out', file)).code).toBe(0);
    const copy = join(dir, `copie-${ext}.maillage`);
    await cli('init', '--db', copy, '--department', '33');
    const imported = await cli('import', 'partners', '--db', copy, '--file', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('0 ligne importée avec avertissement et 0 ligne en erreur');
    expect(directory(copy)).toEqual(directory(source));
    expect(directory(source).contacts.length).toBeGreaterThan(100);
  });

  it('refuses an output that is neither .xlsx nor .csv', async () => {
    const db = join(dir, 'b.maillage');
    await cli('init', '--db', db, '--department', '33');
    const wrong = await cli('export', 'partners', '--db', db, '--out', join(dir, 'annuaire.pdf'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderrLines[0]).toMatch(/^Erreur : le fichier de sortie doit finir par \.xlsx ou \.csv/);
  });
});

/** Partners and contacts without ids and timestamps, in a stable order. */
function directory(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      partners: db.prepare('SELECT name, type, domains, address, postcode, commune, website, siret, notes FROM partners ORDER BY name, commune').all(),
      contacts: db
        .prepare(
          `SELECT p.name AS structure, p.commune, c.civility, c.first_name, c.last_name, c.role, c.email, c.phone, EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND m.to_on IS NULL) AS is_member, c.source, c.confirmed_on, c.notes
           FROM contacts c JOIN partners p ON p.id = c.partner_id ORDER BY 1, 2, c.last_name, c.first_name, c.email, c.phone, c.role`,
        )
        .all(),
    };
  } finally {
    db.close();
  }
}
