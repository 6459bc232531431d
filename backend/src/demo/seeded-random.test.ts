import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed, another for another seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('stays in range and follows the weights roughly', () => {
    const random = seededRandom(1);
    const counts = { heavy: 0, light: 0 };
    for (let i = 0; i < 2000; i += 1) {
      const value = random.between(3, 5);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(5);
      const item = random.weighted(['heavy', 'light'] as const, (k) => (k === 'heavy' ? 3 : 1));
      counts[item] += 1;
    }
    expect(counts.heavy / 2000).toBeGreaterThan(0.7);
    expect(counts.heavy / 2000).toBeLessThan(0.8);
  });
});
