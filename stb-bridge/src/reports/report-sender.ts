// Sends the outbox's waiting reports to the backend: now when the viewer presses send, later (with back-off,
// and at once when the push link reconnects) when the backend could not be reached. The backend keys a report
// by its submissionId, so sending one again after a lost answer returns the same receipt: a report is removed
// only once a receipt is in hand, and announced once, by the one pass that removed it.
import { EventEmitter } from 'node:events';
import type { StatusReportReceipt } from '@myna-tv/backend';
import type { BackoffOptions } from '../link/backoff.ts';
import { mayTakeLater, OutboxSender } from '../outbox/outbox-sender.ts';
import type { ReportBackend } from '../session/backend-client.ts';
import { ReportError } from './report-error.ts';
import type { OutboxEntry, ReportOutbox } from './report-outbox.ts';

export type DeliveryOutcome =
  | { kind: 'received'; receipt: StatusReportReceipt; created: boolean }
  /** The backend answered no for good (a ReportError or SessionError): sending again changes nothing. */
  | { kind: 'refused'; error: Error }
  /** Not delivered (backend unreachable or busy, box refused): the report waits and is tried again later. */
  | { kind: 'unreachable'; error: unknown };

export interface ReportSenderEvents {
  /** A waiting report got its receipt in the background and left the outbox. */
  received: [StatusReportReceipt];
  /** A waiting report was refused for good and is kept as failed. */
  failed: [OutboxEntry];
  /** A pass stopped at an unreachable backend; the next one starts after `delayMs` (or on `trigger`). */
  deferred: [error: unknown, delayMs: number];
  /** A report was delivered but could not be removed or marked on disk (it will be sent again: same receipt). */
  'store-failed': [error: unknown];
}

export interface ReportSenderOptions {
  outbox: ReportOutbox;
  backend: Pick<ReportBackend, 'submitStatusReport'>;
  /** Default 1 s doubling up to 5 min. */
  backoff?: BackoffOptions;
  random?: () => number;
}

export class ReportSender extends EventEmitter<ReportSenderEvents> {
  readonly #options: ReportSenderOptions;
  /** Reports a viewer's send is delivering itself: the background pass leaves them alone. */
  readonly #held = new Set<string>();
  readonly #loop: OutboxSender<OutboxEntry>;

  constructor(options: ReportSenderOptions) {
    super();
    this.#options = options;
    this.#loop = new OutboxSender({
      waiting: () => options.outbox.waiting(),
      deliver: (entry) => this.#deliver(entry),
      backoff: options.backoff ?? { initialMs: 1000, maxMs: 300_000 },
      random: options.random,
      onDeferred: (error, delayMs) => this.emit('deferred', error, delayMs),
    });
  }

  /** Keeps the background pass off a report until the returned function is called. */
  hold(submissionId: string): () => void {
    this.#held.add(submissionId);
    return () => void this.#held.delete(submissionId);
  }

  /** One attempt to deliver a stored report; on a receipt the report leaves the outbox. */
  async attempt(entry: OutboxEntry): Promise<DeliveryOutcome> {
    let submitted: { receipt: StatusReportReceipt; created: boolean };
    try {
      submitted = await this.#options.backend.submitStatusReport({ signedReport: entry.signedReport });
    } catch (error) {
      return isTransient(error) ? { kind: 'unreachable', error } : { kind: 'refused', error: error as Error };
    }
    await this.#options.outbox.remove(entry.submissionId).catch((error: unknown) => {
      this.emit('store-failed', error);
    });
    return { kind: 'received', ...submitted };
  }

  /** Sends every waiting report now (start-up, the push link reconnected). */
  trigger(): void {
    this.#loop.trigger();
  }

  /** A viewer's send could not reach the backend: try again after the back-off. */
  retryLater(error: unknown): void {
    // A pass under way skipped the report while the viewer's send held it: it goes round once more.
    this.#loop.retryLater(error);
  }

  /** Stops sending; resolves when a pass under way has ended. */
  async close(): Promise<void> {
    await this.#loop.close();
  }

  /** Resolves with the error that stops the pass, or undefined when the report was handled (or held). */
  async #deliver(entry: OutboxEntry): Promise<unknown> {
    if (this.#held.has(entry.submissionId)) return undefined;
    const outcome = await this.attempt(entry);
    if (outcome.kind === 'unreachable') return outcome.error;
    if (outcome.kind === 'received') {
      this.emit('received', outcome.receipt);
      return undefined;
    }
    const failure = { code: codeOf(outcome.error), message: outcome.error.message };
    await this.#options.outbox.markFailed(entry.submissionId, failure).then(
      (failed) => this.emit('failed', failed),
      (error: unknown) => this.emit('store-failed', error),
    );
    return undefined;
  }
}

/** A report the backend refused is never worth sending again; otherwise as for any outbox item. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ReportError) && mayTakeLater(error);
}

function codeOf(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : 'report.refused';
}
