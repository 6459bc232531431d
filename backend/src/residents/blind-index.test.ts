import { describe, expect, it } from 'vitest';
import { createBlindIndex } from './blind-index.ts';

const key = (id: string, fill: number) => ({ id, key: new Uint8Array(32).fill(fill) });

describe('createBlindIndex', () => {
  it('is deterministic per key and purpose, and carries the key id', () => {
    const index = createBlindIndex([key('k1', 1)], 'people');
    expect(index.current('x')).toBe(index.current('x'));
    expect(index.current('x')).toMatch(/^k1\.[A-Za-z0-9_-]{43}$/);
    expect(index.current('x')).not.toBe(index.current('y'));
    expect(createBlindIndex([key('k1', 1)], 'other').current('x')).not.toBe(index.current('x'));
  });

  it('after a rotation still finds values indexed under the old key', () => {
    const before = createBlindIndex([key('old', 1)], 'people');
    const after = createBlindIndex([key('new', 2), key('old', 1)], 'people');
    expect(after.current('x').startsWith('new.')).toBe(true);
    expect(after.candidates('x')).toContain(before.current('x'));
  });
});
