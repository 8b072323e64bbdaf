import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // e2e tests drive Chromium and documents go through LibreOffice: both take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep one worker per core so Chromium and LibreOffice do not starve each other.
    maxWorkers: 2,
  },
});
