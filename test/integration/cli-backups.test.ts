/** `maillage backup`, `restore` and `package` as a user runs them: child processes, exit codes, output. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';



const partners = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM partners').pluck().get() as number;
  } finally {
    db.close();
  }
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-backups-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('backup, restore and package commands', () => {
  it('backs up, restores the latest backup after saving the current state, and refuses a bad source', async () => {
    const file = join(dir, 'gironde.maillage');
    expect((await cli('demo', '--db', file, '--size', 'small')).code).toBe(0);
    const backup = await cli('backup', '--db', file);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Sauvegarde du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} : \d{8}T\d{6}Z-manuel/);

    const db = new Database(file);
    db.prepare('DELETE FROM partners').run();
    db.close();
    expect(partners(file)).toBe(0);

    const restore = await cli('restore', '--db', file, '--from', 'derniere');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/État actuel sauvegardé : .*-avant-restauration/);
    expect(partners(file)).toBe(60);
    expect((await cli('check', '--db', file)).code).toBe(0);

    const bad = join(dir, 'pas-une-base.maillage');
    writeFileSync(bad, 'rien');
    const refused = await cli('restore', '--db', file, '--from', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderrLines).toEqual([expect.stringMatching(/^Erreur : impossible de restaurer .* : ce fichier est refusé : ce n’est pas une base de données lisible\. Rien n’a été modifié\.$/)]);
    expect(partners(file)).toBe(60);
  });

  it('writes a backup to a file with --out, which restores', async () => {
    const file = join(dir, 'nord.maillage');
    expect((await cli('demo', '--db', file, '--size', 'small')).code).toBe(0);
    const out = join(dir, 'nord-sauvegarde.maillage');
    expect((await cli('backup', '--db', file, '--out', out)).code).toBe(0);
    expect((await cli('check', '--db', out)).code).toBe(0);
    expect((await cli('backup', '--db', file, '--out', out)).stderrLines[0]).toMatch(/existe déjà/);
    rmSync(file);
    expect((await cli('restore', '--db', file, '--from', out)).code).toBe(0);
    expect(partners(file)).toBe(60);
  });

  it('exports a package and imports it, replacing only with --replace after a backup', async () => {
    const file = join(dir, 'landes.maillage');
    expect((await cli('demo', '--db', file, '--size', 'small')).code).toBe(0);
    const pkg = join(dir, 'landes.maillage-echange');
    const exported = await cli('package', 'export', '--db', file, '--out', pkg);
    expect(exported.code).toBe(0);
    // The demo keeps the gendarmerie's former commander, who held its seat before the current one.
    expect(exported.stdout).toMatch(/60 structures, 151 contacts/);

    const target = join(dir, 'recue.maillage');
    expect((await cli('package', 'import', '--db', target, '--file', pkg)).code).toBe(0);
    expect(partners(target)).toBe(60);
    const again = await cli('package', 'import', '--db', target, '--file', pkg);
    expect(again.code).toBe(1);
    expect(again.stderrLines[0]).toMatch(/existe déjà : ajoutez --replace/);
    const replaced = await cli('package', 'import', '--db', target, '--file', pkg, '--replace');
    expect(replaced.code).toBe(0);
    expect(readdirSync(join(dir, 'recue-fichiers', 'sauvegardes')).some((e) => e.endsWith('-avant-import'))).toBe(true);

    const garbage = join(dir, 'faux.maillage-echange');
    writeFileSync(garbage, 'MAILLAGE-ECHANGE pas vraiment');
    const refused = await cli('package', 'import', '--db', join(dir, 'autre.maillage'), '--file', garbage);
    expect(refused.code).toBe(1);
    expect(refused.stderrLines[0]).toMatch(/^Erreur : ce paquet d’échange est incomplet ou endommagé/);
    expect(existsSync(join(dir, 'autre.maillage'))).toBe(false);
    expect((await cli('package', 'envoyer')).stderrLines[0]).toMatch(/action inconnue « envoyer »/);
  });
});
