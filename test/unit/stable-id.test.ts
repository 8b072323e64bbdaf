import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { stableId } from '../../src/main/features/measures/stable-id';

describe('stableId', () => {
  it('gives the same valid version-5 UUID for the same code, a different one for another code', () => {
    const a = stableId('PLAN2021-A5');
    expect(stableId('PLAN2021-A5')).toBe(a);
    expect(stableId('PLAN2021-A6')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(a).success).toBe(true);
  });
});
