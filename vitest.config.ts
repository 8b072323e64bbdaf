import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The CLI tests run the built JavaScript of the CLI: rebuilt once here when a source changed.
    globalSetup: ['test/global-setup.ts'],
    // e2e tests drive Chromium and documents go through LibreOffice: both take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep one worker per core so Chromium and LibreOffice do not starve each other.
    maxWorkers: 2,
  },
});
