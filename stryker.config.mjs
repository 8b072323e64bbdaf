// Mutation testing of the modules that hold business rules: `npm run mutation` (all of them, long) or
// `npm run mutation -- --mutate src/main/features/measures/catalogue.ts` (one module). See docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/main/features/parcours/parcours.ts',
    'src/main/features/meetings/*.ts',
    'src/main/features/measures/catalogue.ts',
    'src/main/features/measures/actions.ts',
    'src/main/features/protocols/protocols.ts',
    'src/main/features/partners/partners.ts',
    'src/shared/meeting-rules.ts',
    'src/shared/parcours.ts',
    'src/shared/progress.ts',
    'src/shared/typography.ts',
    'src/shared/search.ts',
    'src/shared/format.ts',
  ],
  // The machine is shared: two test processes at most (`--concurrency 1` on a busy one).
  concurrency: 2,
  // Only what the tests need is copied into Stryker's sandbox (node_modules is linked, not copied).
  ignorePatterns: ['/out', '/dist', '/native', '/test-artifacts', '/bench', '/reports', '/.github', '/test/e2e', '/test/documents'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
