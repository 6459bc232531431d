// The task the viewer chose before the card flow asked for the card (現況届, お知らせ): where the flow goes once
// the resident is signed in, instead of its own end screen; and whether the viewer asked to register a renewed
// signature certificate first (the PIN then leads on to the registration). Forgotten on Home and on idle.
let pending: string | undefined;
let renewal = false;

export const nextTask = {
  set(path: string): void {
    pending = path;
  },
  peek(): string | undefined {
    return pending;
  },
  /** The chosen task's path, once: the card flow hands over to it. */
  take(): string | undefined {
    const path = pending;
    pending = undefined;
    return path;
  },
  forget(): void {
    pending = undefined;
    renewal = false;
  },
  /** The card flow registers the card's (renewed) certificates after the PIN, then goes on to the task. */
  renewFirst(path: string): void {
    pending = path;
    renewal = true;
  },
  /** Whether a renewal was asked for, once. */
  takeRenewal(): boolean {
    const asked = renewal;
    renewal = false;
    return asked;
  },
};
