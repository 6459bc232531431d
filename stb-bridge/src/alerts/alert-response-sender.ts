// Sends the viewer's alert responses from the outbox to the backend: at once when one is recorded, again with
// back-off while the backend cannot be reached, and at once when the push link reconnects or the bridge starts.
// The backend's route is idempotent (first shownAt kept, newest answer wins), so sending again after a lost
// answer is harmless; a response leaves the outbox only once the backend accepted it, or refused it for good.
import { EventEmitter } from 'node:events';
import type { AlertResponseInput } from '@myna-tv/backend';
import type { BackoffOptions } from '../link/backoff.ts';
import { mayTakeLater, OutboxSender } from '../outbox/outbox-sender.ts';
import { isSessionError } from '../session/session-error.ts';
import type { AlertResponseOutbox, AlertResponseRecord, QueuedResponse } from './alert-response-outbox.ts';

/** The backend as the sender needs it (BackendClient over HTTP). */
export interface AlertResponseBackend {
  sendAlertResponse(record: AlertResponseInput): Promise<unknown>;
}

export interface AlertResponseSenderEvents {
  sent: [AlertResponseRecord];
  /** Refused for good (e.g. `alert.not-found`): dropped, as sending it again changes nothing. */
  dropped: [AlertResponseRecord, error: unknown];
  /** A pass stopped at an unreachable backend; the next starts after `delayMs` (or on `trigger`). */
  deferred: [error: unknown, delayMs: number];
  'store-failed': [error: unknown];
}

export interface AlertResponseSenderOptions {
  outbox: AlertResponseOutbox;
  backend: AlertResponseBackend;
  /** Default 1 s doubling up to 60 s: answers matter while the alert is on. */
  backoff?: BackoffOptions;
  random?: () => number;
}

/**
 * Times an alert the backend does not know is tried before it is dropped: the box may report "shown" a moment
 * before the backend has written down which push message carried the alert.
 */
const notFoundTries = 5;

export class AlertResponseSender extends EventEmitter<AlertResponseSenderEvents> {
  readonly #options: AlertResponseSenderOptions;
  readonly #notFound = new Map<number, number>();
  readonly #loop: OutboxSender<QueuedResponse>;

  constructor(options: AlertResponseSenderOptions) {
    super();
    this.#options = options;
    this.#loop = new OutboxSender({
      waiting: () => options.outbox.pending(),
      deliver: (queued) => this.#deliver(queued),
      backoff: options.backoff ?? { initialMs: 1000, maxMs: 60_000 },
      random: options.random,
      onDeferred: (error, delayMs) => this.emit('deferred', error, delayMs),
    });
  }

  /** Sends every waiting response now. */
  trigger(): void {
    this.#loop.trigger();
  }

  async close(): Promise<void> {
    await this.#loop.close();
  }

  async #deliver({ record, revision }: QueuedResponse): Promise<unknown> {
    const { outbox, backend } = this.#options;
    let refusal: { error: unknown } | undefined;
    try {
      await backend.sendAlertResponse(record);
    } catch (error) {
      if (mayTakeLater(error) || this.#unknownYet(record.seq, error)) return error;
      refusal = { error };
    }
    this.#notFound.delete(record.seq);
    await outbox.remove(record.seq, revision).catch((error: unknown) => this.emit('store-failed', error));
    // Told once the outbox no longer holds it, so a listener sees the box as it now is.
    if (refusal) this.emit('dropped', record, refusal.error);
    else this.emit('sent', record);
    return undefined;
  }

  #unknownYet(seq: number, error: unknown): boolean {
    if (!isSessionError(error) || error.backendCode !== 'alert.not-found') return false;
    const tries = (this.#notFound.get(seq) ?? 0) + 1;
    this.#notFound.set(seq, tries);
    return tries < notFoundTries;
  }
}
