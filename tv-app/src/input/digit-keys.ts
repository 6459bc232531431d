// The remote's digit buttons in a component's `input`, two ways: `...digitKeys(9)` as shortcuts to a screen's
// numbered items (calls `digit(n)` for the buttons 1 to `count`), `...digitTypingKeys()` on a screen where the
// digits are typed (calls `digit(char)` with '0' to '9').
type DigitHandler = (this: { digit(n: number): void }) => void;
type TypingHandler = (this: { digit(char: string): void }) => void;

export function digitKeys(count: number): Record<string, DigitHandler> {
  const keys: Record<string, DigitHandler> = {};
  for (let n = 1; n <= count; n++) {
    keys[String(n)] = function (this) {
      this.digit(n);
    };
  }
  return keys;
}

export function digitTypingKeys(): Record<string, TypingHandler> {
  const keys: Record<string, TypingHandler> = {};
  for (let n = 0; n <= 9; n++) {
    const char = String(n);
    keys[char] = function (this) {
      this.digit(char);
    };
  }
  return keys;
}
