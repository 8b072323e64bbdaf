import type { Db } from '../db/connection';

export interface DemoOptions {
  size: 'small' | 'large';
  today: Date;
}

// Placeholder signature: the demo generator is being written.
export function generateDemo(_db: Db, _options: DemoOptions): void {}
