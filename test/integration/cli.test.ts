/** The CLI as a user runs it: child processes, checked by their exit code and their output. */
import { copyFileSync, existsSync, mkdtempSync, openSync, closeSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliRun } from '../helpers/cli';

/** A user error: exit code 1, one French line on stderr, no stack trace. */
function expectUserError(run: CliRun, message: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stderrLines).toHaveLength(1);
  expect(run.stderrLines[0]).toMatch(/^Erreur : /);
  expect(run.stderrLines[0]).toMatch(message);
  expect(run.stderrLines.some((l) => /^\s+at /.test(l))).toBe(false);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-cli-test-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('maillage CLI', () => {
  it('creates an empty commission that passes the check, and refuses to overwrite it', async () => {
    const file = join(dir, 'gironde.maillage');
    const init = await cli('init', '--db', file, '--department', '33');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Commission créée');
    expect(init.stdout).toContain('Gironde');

    const check = await cli('check', '--db', file);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Aucun problème détecté');

    const size = statSync(file).size;
    expectUserError(await cli('init', '--db', file, '--department', '59'), /existe déjà/);
    expect(statSync(file).size).toBe(size);
  });

  it('generates a small demo that passes the check, and names the damage of a corrupted copy', async () => {
    const file = join(dir, 'demo.maillage');
    const demo = await cli('demo', '--db', file, '--size', 'small');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/Structures partenaires\s+60/);
    expect(demo.stdout).toMatch(/Séances\s+18/);

    const check = await cli('check', '--db', file);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Aucun problème détecté');

    const damaged = join(dir, 'endommage.maillage');
    copyFileSync(file, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(statSync(damaged).size / 2));
    closeSync(fd);
    // Depending on the page hit, SQLite reports the damage while checking (a list of problems) or already at opening (one error).
    const checkDamaged = await cli('check', '--db', damaged);
    expect(checkDamaged.code).toBe(1);
    expect([checkDamaged.stdout, ...checkDamaged.stderrLines].join('\n')).toMatch(/endommagé/);
  });

  it('checks a missing file without creating it', async () => {
    const file = join(dir, 'absent.maillage');
    expectUserError(await cli('check', '--db', file), /fichier introuvable/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses unknown commands, options and départements in one line', async () => {
    expectUserError(await cli('imprimer'), /commande inconnue « imprimer »/);
    const unknownDepartment = join(dir, 'nulle-part.maillage');
    expectUserError(await cli('init', '--db', unknownDepartment, '--department', '99'), /département inconnu « 99 »/);
    expect(existsSync(unknownDepartment)).toBe(false);
    expectUserError(await cli('demo', '--db', join(dir, 'x.maillage'), '--taille', 'small'), /option inconnue --taille/);
  });

  it('lists its commands in French', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of ['init', 'demo', 'check']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(help.stdout).toContain('Utilisation');
  });
});
