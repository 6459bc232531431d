// A document being signed on the card and sent (a 現況届, a 利用申込み): the password screen starts it, the
// sending screen (pages/ReportSending.ts) waits for where it leads. One at a time: the card signs one thing.
import type { Destination } from './card-flow.ts';

let pending: Promise<Destination> | undefined;

export const signingTask = {
  start(outcome: Promise<Destination>): void {
    pending = outcome;
  },
  /** Where the document being sent leads, once; undefined when nothing is being sent. */
  take(): Promise<Destination> | undefined {
    const outcome = pending;
    pending = undefined;
    return outcome;
  },
};
