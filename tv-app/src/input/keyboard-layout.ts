// The on-screen keyboard for the signature password, laid out for arrow keys: digits on top, A–Z below,
// then "erase" and "done" as wide keys. Up and down keep to the same column; nothing wraps, so the viewer
// always knows where the focus will go.

export type KeyAction = { kind: 'char'; char: string } | { kind: 'erase' } | { kind: 'done' };

export interface KeyCell {
  id: string;
  action: KeyAction;
  row: number;
  /** First column the key covers, and how many. */
  col: number;
  span: number;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

export const KEYBOARD_COLUMNS = 10;

const charRow = (row: number, chars: string): KeyCell[] =>
  [...chars].map((char, col) => ({ id: char, action: { kind: 'char', char }, row, col, span: 1 }));

export const keyboardKeys: readonly KeyCell[] = [
  ...charRow(0, '1234567890'),
  ...charRow(1, 'ABCDEFGHIJ'),
  ...charRow(2, 'KLMNOPQRST'),
  ...charRow(3, 'UVWXYZ'),
  { id: 'erase', action: { kind: 'erase' }, row: 3, col: 6, span: 2 },
  { id: 'done', action: { kind: 'done' }, row: 3, col: 8, span: 2 },
];

const rowCount = Math.max(...keyboardKeys.map((key) => key.row)) + 1;

const keyAt = (row: number, col: number) =>
  keyboardKeys.find((key) => key.row === row && col >= key.col && col < key.col + key.span);

/** The key the focus moves to from `from`, or `from` itself at an edge. */
export function moveOnKeyboard(from: KeyCell, direction: Direction): KeyCell {
  switch (direction) {
    case 'left':
      return keyAt(from.row, from.col - 1) ?? from;
    case 'right':
      return keyAt(from.row, from.col + from.span) ?? from;
    case 'up':
    case 'down': {
      const row = from.row + (direction === 'up' ? -1 : 1);
      if (row < 0 || row >= rowCount) return from;
      return keyAt(row, from.col) ?? from;
    }
  }
}

export function keyById(id: string): KeyCell | undefined {
  return keyboardKeys.find((key) => key.id === id);
}
