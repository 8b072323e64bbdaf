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
const unitOnly = process.env.MUTATION_TESTS === 'unit';

export default defineConfig({
  test: {
    include: unitOnly ? ['test/unit/**/*.test.ts'] : ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
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
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
