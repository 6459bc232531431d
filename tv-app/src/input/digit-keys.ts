// The digit buttons as shortcuts to a screen's numbered items: `...digitKeys(9)` in a component's `input`
// calls its `digit(n)` for the buttons 1 to `count`.
type DigitHandler = (this: { digit(n: number): void }) => void;

export function digitKeys(count: number): Record<string, DigitHandler> {
  const keys: Record<string, DigitHandler> = {};
  for (let n = 1; n <= count; n++) {
    keys[String(n)] = function (this) {
      this.digit(n);
    };
  }
  return keys;
}
