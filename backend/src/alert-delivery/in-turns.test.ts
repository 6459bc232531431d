import { describe, expect, it } from 'vitest';
import { inTurns } from './in-turns.ts';

describe('inTurns', () => {
  it('runs one step per event-loop turn, letting other work run in between', async () => {
    const order: string[] = [];
    function* steps() {
      order.push('first');
      yield;
      order.push('second');
      yield;
      order.push('last');
      return 3;
    }
    setImmediate(() => order.push('other'));
    expect(await inTurns(steps())).toBe(3);
    expect(order).toEqual(['first', 'other', 'second', 'last']);
  });
});
