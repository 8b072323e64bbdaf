import { readdirSync, readFileSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests that run the built CLI: a mutant in the sources never reaches out/cli, so they would only fail or waste time.
const cliTests = readdirSync('test/integration')
  .filter((name) => name.endsWith('.test.ts') && readFileSync(`test/integration/${name}`, 'utf8').includes("helpers/cli'"))
  .map((name) => `test/integration/${name}`);

/**
 * The tests Stryker runs against each mutant (`npm run mutation`, see docs/testing.md): the unit tests and the
 * integration tests that reach the business rules in this process, through the services or the router on a real
 * SQLite file. Left out: tests that run the built CLI (a mutant in the sources never reaches it), e2e tests (the
 * built renderer), Word documents through LibreOffice, and the tests of the commission file (backups, crashes,
 * migrations, hostile files), of the spreadsheet reader and of the demo generators, which reach the rules only in
 * passing, at minutes per mutant.
 */
// `MUTATION_TESTS=unit`: the unit tests only, for the pure modules of src/shared. Their tables of rules are
// « static » mutants (evaluated once, when the module loads), which Stryker tests with every test that imports the
// module: through the router, that is every integration test, two minutes for each mutant.
// `MUTATION_TESTS=glob,glob`: those tests only, e.g. `test/integration/parcours*.test.ts` for parcours.ts, which every
// integration test imports through the router (the first run of all of them outlasts Stryker's five minutes).
const chosen = process.env.MUTATION_TESTS;
const include = chosen === 'unit' ? ['test/unit/**/*.test.ts'] : chosen ? chosen.split(',') : ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    exclude: [
      ...configDefaults.exclude,
      ...cliTests,
      'test/integration/backups.test.ts',
      'test/integration/commission-safety.test.ts',
      'test/integration/crash-safety.test.ts',
      'test/integration/demo.test.ts',
      'test/integration/hostile-*.test.ts',
      'test/integration/import-files.test.ts',
      'test/integration/migration*.test.ts',
      'test/integration/package-check.test.ts',
      'test/integration/parcours-demo.test.ts',
      'test/integration/parcours-import.test.ts',
      'test/integration/schema-fixtures.test.ts',
    ],
    // Tests of documents converted by LibreOffice take seconds each for every mutant they cover: left out, as
    // test/documents is (their titles say LibreOffice).
    testNamePattern: /^(?!.*LibreOffice)/,
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
