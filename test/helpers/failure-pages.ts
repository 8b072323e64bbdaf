/**
 * The pages to keep when a test fails: each open e2e harness registers how to capture its page. Kept apart from
 * the harness (no dependency) because test/setup.ts, which every test file loads, reads it.
 */
const keepers = new Set<(testName: string) => Promise<void>>();

/** Registers a page to keep while it is open; returns the function that unregisters it. */
export function keepOnFailure(keep: (testName: string) => Promise<void>): () => void {
  keepers.add(keep);
  return () => keepers.delete(keep);
}

/** Captures every page still open (a harness a whole file shares): called by test/setup.ts when a test fails. */
export async function keepOpenPages(testName: string): Promise<void> {
  for (const keep of keepers) await keep(testName);
}
