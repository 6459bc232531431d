// Sends the ledger's pending hours to the backend with the box's device credential (POST
// /api/v1/watch-over/activity): at start, every `everyMs`, and when the push link comes back. The backend's
// route is idempotent per (box, hour) — a count only rises — so a report repeated after a lost answer is
// harmless. Each answer carries the household's schedule (watched over or not, when the TV asks), kept here
// for the TV app.
import { EventEmitter } from 'node:events';
import type { ActivityReceipt, ActivityReport, WatchOverSchedule } from '@myna-tv/backend';
import type { ActivityLedger } from './activity-ledger.ts';

/** The backend as the sender needs it (BackendClient over HTTP; tests hand in their own). */
export interface WatchOverBackend {
  sendWatchOverActivity(report: ActivityReport): Promise<ActivityReceipt>;
}

export interface ActivitySenderEvents {
  sent: [hours: number];
  /** A pass failed (backend unreachable or refusing); the hours stay for the next. */
  failed: [error: unknown];
  'store-failed': [error: unknown];
}

export interface ActivitySenderOptions {
  ledger: ActivityLedger;
  backend: WatchOverBackend;
  deviceId: string;
  /** Default 10 minutes: the quiet period is counted in hours. */
  everyMs?: number;
}

export class ActivitySender extends EventEmitter<ActivitySenderEvents> {
  readonly #options: ActivitySenderOptions;
  readonly #timer: NodeJS.Timeout;
  #pass: Promise<void> | undefined;
  #again = false;
  #closed = false;
  #schedule: WatchOverSchedule = { enrolled: false, askTimes: [] };

  constructor(options: ActivitySenderOptions) {
    super();
    this.#options = options;
    this.#timer = setInterval(() => this.trigger(), options.everyMs ?? 600_000).unref();
  }

  /** The household's schedule as the backend last told it (not watched over until it has). */
  get schedule(): WatchOverSchedule {
    return this.#schedule;
  }

  /** Sends what is pending now (a pass under way is followed by another). */
  trigger(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#pass) {
      this.#again = true;
      return this.#pass;
    }
    this.#pass = this.#run().finally(() => {
      this.#pass = undefined;
    });
    return this.#pass;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#pass;
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      await this.#send();
    } while (this.#again && !this.#closed);
  }

  async #send(): Promise<void> {
    const { ledger, backend, deviceId } = this.#options;
    const hours = ledger.pending();
    let receipt: ActivityReceipt;
    try {
      receipt = await backend.sendWatchOverActivity({ deviceId, hours });
    } catch (error) {
      this.emit('failed', error);
      return;
    }
    this.#schedule = receipt.schedule;
    try {
      await ledger.acknowledge(hours);
    } catch (error) {
      this.emit('store-failed', error);
    }
    this.emit('sent', hours.length);
  }
}
