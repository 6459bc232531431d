// The keys of a screen with two choices side by side (はい/いいえ, 送る/やり直す): left and right move the focus,
// OK takes the focused choice, the digits 1 and 2 take one at once. Spread into the component's `input`; the
// component has `choice`, `moveTo(index)` and `choose(index)`.
type ChoiceScreen = { choice: number; moveTo(index: number): void; choose(index: number): void };

export const twoChoiceKeys = {
  left(this: ChoiceScreen) {
    this.moveTo(0);
  },
  right(this: ChoiceScreen) {
    this.moveTo(1);
  },
  ok(this: ChoiceScreen) {
    this.choose(this.choice);
  },
  1(this: ChoiceScreen) {
    this.choose(0);
  },
  2(this: ChoiceScreen) {
    this.choose(1);
  },
};
