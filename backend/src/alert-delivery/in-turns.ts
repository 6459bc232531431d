// Long CPU work of a dispatch (targeting, encoding) written as a generator that yields between chunks, and run
// one chunk per event-loop turn: the node's boxes, acks and requests are served in between, so no single turn
// holds the loop for the whole town.
import { setImmediate as nextTurn } from 'node:timers/promises';

export async function inTurns<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
