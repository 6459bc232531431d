import { describe, expect, it } from 'vitest';
import { digitKeys } from './digit-keys.ts';

describe('digitKeys', () => {
  it('gives the buttons 1 to count, each calling digit(n) on the screen', () => {
    const pressed: number[] = [];
    const screen = { digit: (n: number) => void pressed.push(n) };
    const keys = digitKeys(3);
    expect(Object.keys(keys)).toEqual(['1', '2', '3']);
    keys['3']?.call(screen);
    keys['1']?.call(screen);
    expect(pressed).toEqual([3, 1]);
  });
});
