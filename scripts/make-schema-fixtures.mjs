/**
 * Makes test/fixtures/schema-versions/: one commission of each released schema version, made by
 * that version's own code (its CLI, built from the git history at the last commit of main that had
 * that schema), and the exchange package that version exported. The tests open, restore and import
 * them through every entry point (test/integration/old-versions.test.ts).
 *
 * Committed, not built by the tests: CI's clone may not hold the history, and a file a user has
 * kept was made by the old code (its catalogue, its pragmas), which today's code cannot redo.
 * When a migration is released, add a commit of main with that schema below and run
 *   node scripts/make-schema-fixtures.mjs        (the missing fixtures; --all remakes every one)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test', 'fixtures', 'schema-versions');

/** Schema version → the last commit of main whose migrations stop at it. */
const RELEASES = {
  1: '48a03f7f98d1d60b0deb7523121d67642c7c5b2b',
  2: '8c09325fb4e96f7451a1cb97f7908871d0e693ef',
  3: '9ae505118c9697a2718c560bd7f763b4a8a97df6',
  4: '6a34a6e5bcc3c17388cbf7c46ceda8455ac859e0',
  5: 'e95f1886af80dfdf938b940cfaffb8761e694b9f',
  6: '6354caae3466e08a58f792e415c7516aaaaa7cbe',
  7: '4554d3496f35cd939d6f1cfa3e7caec10a16d8bf',
};

const PARTNERS = ['Structure;Type;Commune;Nom du contact;Prénom;Courriel', 'Amicale du Nid;Association;Bordeaux;Martin;Claire;claire.martin@example.fr', 'Parquet de Bordeaux;Parquet;Bordeaux;;;'].join('\r\n');

mkdirSync(OUT, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'maillage-fixtures-'));
try {
  const csv = join(work, 'partenaires.csv');
  writeFileSync(csv, `${PARTNERS}\r\n`);
  for (const [version, commit] of Object.entries(RELEASES)) {
    // A committed fixture is a file an old version made: remade only when asked.
    if (existsSync(join(OUT, `v${version}.maillage`)) && !process.argv.includes('--all')) continue;
    const src = join(work, `v${version}`);
    mkdirSync(src);
    const archive = execFileSync('git', ['archive', commit, 'src', 'resources', 'scripts', 'package.json', 'tsconfig.json'], { cwd: ROOT, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', src], { input: archive });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
    execFileSync(process.execPath, ['-e', "import('./scripts/build-cli.mjs').then((m) => m.buildCli())"], { cwd: src, stdio: 'inherit' });
    const cli = ['index.cjs', 'index.mjs'].map((f) => join(src, 'out', 'cli', f)).find(existsSync);
    const run = (...args) => execFileSync(process.execPath, [cli, ...args], { cwd: src, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
    const db = join(OUT, `v${version}.maillage`);
    const pkg = join(OUT, `v${version}.maillage-echange`);
    rmSync(db, { force: true });
    rmSync(pkg, { force: true });
    run('init', '--db', db, '--department', '33');
    run('import', 'partners', '--db', db, '--file', csv);
    run('package', 'export', '--db', db, '--out', pkg);
    // The backup `import` may have taken is no part of the fixture, nor SQLite's empty -wal and -shm, nor the lock file.
    rmSync(join(OUT, `v${version}-fichiers`), { recursive: true, force: true });
    for (const suffix of ['-wal', '-shm', '.verrou']) rmSync(db + suffix, { force: true });
    process.stdout.write(`schema ${version} (${commit.slice(0, 7)}): ${db}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
