import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * A file that replaces a module with vi.mock needs a fresh module registry: it runs isolated, in a worker of its
 * own. The others share their worker's modules (imported once per worker, not once per file) and its Chromium
 * (test/e2e/harness.ts): each e2e test still gets a new browser context. Found by reading the files, so that a
 * new test that mocks is isolated without anyone having to remember it.
 */
const TESTS = 'test/**/*.test.ts';
const mocking = (readdirSync('test', { recursive: true, encoding: 'utf8' }) as string[])
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => join('test', file))
  .filter((file) => /\bvi\.(mock|doMock)\(/.test(readFileSync(file, 'utf8')));

/**
 * The files that take longest (vitest's durations, docs/testing.md), started first: the two workers then share
 * the short ones at the end instead of one waiting for the other's long file. A fresh clone, as CI's, has no
 * record of durations for vitest's own order to use.
 */
const LONGEST = [
  'test/integration/package-check.test.ts',
  'test/documents/meetings-documents.test.ts',
  'test/integration/crash-safety.test.ts',
  'test/e2e/accessibility.e2e.test.ts',
  'test/e2e/secretary.e2e.test.ts',
  'test/e2e/sessions.e2e.test.ts',
  'test/integration/cli-report.test.ts',
  'test/integration/hostile-input.test.ts',
  'test/integration/commission-safety.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const index = LONGEST.indexOf(relative(spec.project.config.root, spec.moduleId));
      return index === -1 ? LONGEST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    environment: 'node',
    // e2e tests drive Chromium and documents go through LibreOffice: both take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The CLI tests run the built JavaScript of the CLI (rebuilt once when a source changed); the run's seed and
    // its demo commissions are made once there too.
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // Two cores: keep one worker per core so Chromium and LibreOffice do not starve each other.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'shared', include: [TESTS], exclude: mocking, isolate: false } },
      ...(mocking.length > 0 ? [{ extends: true as const, test: { name: 'isolated', include: mocking, isolate: true } }] : []),
    ],
  },
});
