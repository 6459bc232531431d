import { describe, expect, it } from 'vitest';
import { digitKeys, digitTypingKeys } from './digit-keys.ts';

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

describe('digitTypingKeys', () => {
  it('gives the buttons 0 to 9, each calling digit(char) on the screen', () => {
    const typed: string[] = [];
    const screen = { digit: (char: string) => void typed.push(char) };
    const keys = digitTypingKeys();
    expect(Object.keys(keys).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    keys['0']?.call(screen);
    keys['9']?.call(screen);
    expect(typed).toEqual(['0', '9']);
  });
});
