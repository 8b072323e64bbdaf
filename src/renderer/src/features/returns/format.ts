/** A rate of answers as a whole percentage (« 65 % »), « — » when nobody was asked. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}\u00a0%`;
}
