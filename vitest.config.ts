import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

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
    projects: [
      { extends: true, test: { name: 'shared', include: [TESTS], exclude: mocking, isolate: false } },
      ...(mocking.length > 0 ? [{ extends: true as const, test: { name: 'isolated', include: mocking, isolate: true } }] : []),
    ],
  },
});
