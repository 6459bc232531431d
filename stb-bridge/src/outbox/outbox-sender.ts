// The send loop of a durable outbox (alert responses, signed reports): a pass over the waiting items when
// asked (recorded, start-up, push link back), and while the backend cannot be reached, the next pass after a
// back-off. What one item needs (which call, what leaves the outbox, which events) is the outbox owner's
// `deliver`; the loop only decides when passes run.
import { type BackoffOptions, backoffDelay } from '../link/backoff.ts';
import { isSessionError } from '../session/session-error.ts';

export interface OutboxSenderOptions<Item> {
  /** The items to send, in order; read at the start of every pass. */
  waiting: () => Iterable<Item>;
  /**
   * Sends one item and settles it in the outbox. Resolves with the error that stops the pass (the backend
   * cannot take it now: everything is tried again after the back-off), or undefined to go on.
   */
  deliver: (item: Item) => Promise<unknown>;
  backoff: BackoffOptions;
  random?: (() => number) | undefined;
  /** A pass stopped at an unreachable backend; the next starts after `delayMs` (or on `trigger`). */
  onDeferred: (error: unknown, delayMs: number) => void;
}

export class OutboxSender<Item> {
  readonly #options: OutboxSenderOptions<Item>;
  #pass: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  constructor(options: OutboxSenderOptions<Item>) {
    this.#options = options;
  }

  /** Sends every waiting item now. */
  trigger(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pass) {
      this.#again = true;
      return;
    }
    this.#pass = this.#run().finally(() => {
      this.#pass = undefined;
    });
  }

  /** A send outside the loop could not reach the backend: a pass under way goes round once more, else the
   * next pass waits for the back-off. */
  retryLater(error: unknown): void {
    if (this.#pass) this.#again = true;
    else this.#defer(error);
  }

  /** Stops sending; resolves when a pass under way has ended. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#pass;
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      const blocked = await this.#sendWaiting();
      if (blocked === undefined) this.#failures = 0;
      else if (!this.#again) this.#defer(blocked);
    } while (this.#again && !this.#closed);
  }

  /** Resolves with the error that stopped the pass, or undefined when every waiting item was handled. */
  async #sendWaiting(): Promise<unknown> {
    for (const item of this.#options.waiting()) {
      if (this.#closed) return undefined;
      const blocked = await this.#options.deliver(item);
      if (blocked !== undefined) return blocked;
    }
    return undefined;
  }

  #defer(error: unknown): void {
    if (this.#closed || this.#timer) return;
    const delay = backoffDelay(this.#failures++, this.#options.backoff, this.#options.random);
    this.#timer = setTimeout(() => this.trigger(), delay);
    this.#timer.unref();
    this.#options.onDeferred(error, delay);
  }
}

/**
 * Worth sending again later: the backend could not be reached or answer now, or it refused this box (an operator
 * can fix that; the item itself is fine). Anything unexpected is treated the same: nothing is dropped for a
 * fault of ours.
 */
export function mayTakeLater(error: unknown): boolean {
  if (isSessionError(error)) {
    return error.code === 'session.backend-unavailable' || error.code === 'session.device-refused';
  }
  return true;
}
