/** Randomness for the demo: seeded, so that the same size and day always give the same rows. */

export class Random {
  private state: number;

  constructor(seed: string) {
    // FNV-1a spreads the seed text over 32 bits.
    let hash = 0x811c9dc5;
    for (const char of seed) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193);
    this.state = hash >>> 0;
  }

  /** mulberry32: tiny and fast, plenty for test data (nothing here is secret). */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  float(): number {
    return this.uint32() / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let left = this.float() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of entries) {
      left -= weight;
      if (left < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  /** A version 4 UUID (RFC 9562 variant bits set), indistinguishable from randomUUID's. */
  uuid(): string {
    const hex = [this.uint32(), this.uint32(), this.uint32(), this.uint32()].map((n) => n.toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

/** Splits `total` into integers proportional to `weights`, at least `min` each (largest remainders). */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const spare = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (spare * w) / sum);
  const shares = exact.map((x) => min + Math.floor(x));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) shares[order[k]![1]]! += 1;
  return shares;
}

/** A shuffled deck of `count` codes in the given proportions, so that small demos still show every case. */
export function deck<T>(rng: Random, count: number, proportions: readonly (readonly [T, number])[]): T[] {
  const shares = apportion(count, proportions.map(([, p]) => p));
  return rng.shuffle(proportions.flatMap(([code], i) => Array<T>(shares[i]!).fill(code)));
}
