/**
 * The seed of a run's random rounds (the crash tests' kill times, the fuzz's inputs): MAILLAGE_SEED, chosen
 * and printed by test/global-setup.ts unless given, so that a failing run can be replayed exactly:
 * `MAILLAGE_SEED=… npx vitest run test/integration/crash-safety.test.ts`. fast-check takes it in test/setup.ts.
 */
export function runSeed(): number {
  const seed = Number(process.env.MAILLAGE_SEED);
  if (!Number.isInteger(seed)) throw new Error(`MAILLAGE_SEED must be a whole number, not « ${process.env.MAILLAGE_SEED} » (test/global-setup.ts sets it).`);
  return seed;
}

/** Numbers in [0, 1) drawn from the run's seed and a label (each test its own sequence, whatever the order of tests). */
export function seededRandom(label: string): () => number {
  // FNV-1a of the label mixed with the seed, then mulberry32: small, fast and good enough to pick kill times.
  let state = runSeed() >>> 0;
  for (const char of label) state = Math.imul(state ^ char.charCodeAt(0), 16_777_619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
