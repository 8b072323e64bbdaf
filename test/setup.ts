/** Loaded before every test file (vitest.config.ts setupFiles). */
import fc from 'fast-check';
import { afterEach } from 'vitest';
import { keepOpenPages } from './helpers/failure-pages';
import { runSeed } from './helpers/seed';

// Property tests draw from the run's seed: fast-check's failure report gives it back, MAILLAGE_SEED replays it.
fc.configureGlobal({ seed: runSeed() });

// A failing test's page is kept for a person to look at, whether or not screenshots were asked for.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await keepOpenPages(task.name);
});
