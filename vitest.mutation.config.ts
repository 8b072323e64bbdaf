import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run mutation`, see docs/testing.md): the unit tests and the
 * integration tests that reach the business rules in this process, through the services or the router on a real
 * SQLite file. Left out: tests that run the built CLI (a mutant in the sources never reaches it), e2e tests (the
 * built renderer), Word documents through LibreOffice, and the crash, fuzz, demo and giant-file tests, which check
 * the commission file, the generators and the spreadsheet reader rather than the rules, at minutes per mutant.
 */
export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/catalogue.test.ts',
      'test/integration/erasure.test.ts',
      'test/integration/history.test.ts',
      'test/integration/measures.test.ts',
      'test/integration/meeting-files.test.ts',
      'test/integration/meetings.test.ts',
      'test/integration/network.test.ts',
      'test/integration/parcours.test.ts',
      'test/integration/partner-import.test.ts',
      'test/integration/protocols.test.ts',
      'test/integration/report-data.test.ts',
      'test/integration/router.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
