import { describe, expect, it } from 'vitest';
import {
  type Direction,
  KEYBOARD_COLUMNS,
  keyById,
  keyboardKeys,
  moveOnKeyboard,
} from './keyboard-layout.ts';

function walk(from: string, ...moves: Direction[]): string {
  const start = keyById(from);
  if (!start) throw new Error(`no key ${from}`);
  return moves.reduce((key, move) => moveOnKeyboard(key, move), start).id;
}

describe('on-screen keyboard layout', () => {
  it('holds A–Z, 0–9, erase and done, every row within the grid', () => {
    const chars = keyboardKeys.flatMap((key) => (key.action.kind === 'char' ? [key.action.char] : []));
    expect(chars.sort().join('')).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(keyboardKeys.map((key) => key.id)).toContain('erase');
    expect(keyboardKeys.map((key) => key.id)).toContain('done');
    for (const key of keyboardKeys) expect(key.col + key.span).toBeLessThanOrEqual(KEYBOARD_COLUMNS);
  });

  it('moves by arrows in rows and columns, stopping at the edges', () => {
    expect(walk('1', 'down', 'down', 'right')).toBe('L');
    expect(walk('1', 'left', 'up')).toBe('1');
    expect(walk('0', 'right')).toBe('0');
    expect(walk('Z', 'down')).toBe('Z');
  });

  it('reaches the wide keys and leaves them by the column they start in', () => {
    expect(walk('Z', 'right')).toBe('erase');
    expect(walk('erase', 'right')).toBe('done');
    expect(walk('T', 'down')).toBe('done');
    expect(walk('done', 'up')).toBe('S');
    expect(walk('erase', 'up')).toBe('Q');
    expect(walk('done', 'left', 'left')).toBe('Z');
  });
});
