import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  const options = { initialMs: 1000, maxMs: 60_000 };

  it('doubles its ceiling per failure up to the maximum', () => {
    const top = (failures: number) => backoffDelay(failures, options, () => 1);
    expect([0, 1, 2, 3, 5, 6, 7, 100].map(top)).toEqual([
      1000, 2000, 4000, 8000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('waits between half the ceiling and the ceiling', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(4000);
    expect(backoffDelay(3, options, () => 0.5)).toBe(6000);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(2, options);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});
