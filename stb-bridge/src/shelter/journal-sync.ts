// Sends the journal to the backend in order, in batches, whenever it can be reached, and resumes after any
// interruption from what the backend says it has (every answer carries `storedThrough`). The resume point is
// kept on disk too, so that after a restart without network the staff page still shows how many events wait.
// Sending an event twice is harmless (the backend keeps events by id), so a cut between the backend storing
// a batch and the terminal learning it costs only a resend.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShelterSyncStatus as SyncStatus } from '../local-api/contracts.ts';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import type { CheckinJournal } from './checkin-journal.ts';
import { isShelterError, ShelterError } from './shelter-error.ts';
import { BackendUnreachable, type TerminalBackend } from './terminal-backend.ts';

export const syncStateFileName = 'checkin-sync.json';

export interface JournalSyncOptions {
  journal: CheckinJournal;
  backend: TerminalBackend;
  dir: string;
  /** Events per request (at most the backend's maxEventsPerBatch). */
  batchSize?: number;
  /** Waits between attempts while offline: doubles from `minRetryMs` up to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** How often an idle terminal checks that the backend is still there. */
  heartbeatMs?: number;
  clock?: () => Date;
}

export class JournalSync {
  readonly #options: Required<Omit<JournalSyncOptions, 'journal' | 'backend' | 'dir'>> & JournalSyncOptions;
  #storedThrough: number;
  #online: boolean | null = null;
  #lastSyncAt: string | null = null;
  #refused: SyncStatus['refused'] = null;
  #wake: (() => void) | null = null;
  #running: Promise<void> | null = null;
  /** The backend's resume point was read since the terminal last went offline. */
  #reconciled = false;
  #stopped = false;
  #listeners = new Set<(status: SyncStatus) => void>();

  private constructor(options: JournalSyncOptions, storedThrough: number) {
    this.#options = {
      batchSize: 500,
      minRetryMs: 1000,
      maxRetryMs: 30_000,
      heartbeatMs: 15_000,
      clock: () => new Date(),
      ...options,
    };
    this.#storedThrough = storedThrough;
  }

  static async open(options: JournalSyncOptions): Promise<JournalSync> {
    let storedThrough = 0;
    try {
      const parsed = JSON.parse(await readFile(join(options.dir, syncStateFileName), 'utf8')) as unknown;
      const value = (parsed as { storedThrough?: unknown } | null)?.storedThrough;
      if (Number.isSafeInteger(value) && (value as number) >= 0) storedThrough = value as number;
    } catch {
      // No state yet (or unreadable): start from 0; the backend's answer corrects it at the first contact.
    }
    return new JournalSync(options, Math.min(storedThrough, options.journal.lastSeq));
  }

  get status(): SyncStatus {
    return {
      online: this.#online,
      waiting: Math.max(0, this.#options.journal.lastSeq - this.#storedThrough),
      storedThrough: this.#storedThrough,
      lastSyncAt: this.#lastSyncAt,
      refused: this.#refused,
    };
  }

  /** Called on every change of the status (for the staff page's event stream). */
  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts the loop (idempotent). */
  start(): void {
    this.#stopped = false;
    this.#running ??= this.#loop().finally(() => {
      this.#running = null;
    });
  }

  /** A new event was journalled: send it now rather than at the next heartbeat. */
  poke(): void {
    this.#emit();
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
  }

  /** One pass: sends everything waiting; resolves true when the backend has it all. For tests and tools. */
  async syncOnce(): Promise<boolean> {
    const { journal, backend, batchSize } = this.#options;
    try {
      // The backend's resume point replaces ours at the first contact (a lost state file, a backend restored
      // from a backup) and, while idle, serves as the heartbeat that shows the terminal online.
      if (!this.#reconciled || journal.lastSeq === this.#storedThrough) {
        await this.#advance(Math.min(await backend.storedThrough(), journal.lastSeq));
        this.#reconciled = true;
      }
      let steppedBack = false;
      while (journal.lastSeq > this.#storedThrough) {
        const before = this.#storedThrough;
        const receipt = await backend.sendEvents(journal.eventsAfter(before, batchSize));
        await this.#advance(Math.min(receipt.storedThrough, journal.lastSeq));
        if (receipt.storedThrough > before) continue;
        // The backend misses events before this batch: resend from its point, once per pass.
        if (steppedBack) {
          throw new ShelterError(
            'shelter.sync-refused',
            `the backend keeps answering ${receipt.storedThrough}`,
          );
        }
        steppedBack = true;
      }
      this.#refused = null;
      this.#setOnline(true);
      return true;
    } catch (err) {
      if (err instanceof BackendUnreachable) {
        this.#setOnline(false);
        return false;
      }
      if (isShelterError(err)) {
        this.#refused = { code: err.code, message: err.message };
        this.#setOnline(false);
        return false;
      }
      throw err;
    }
  }

  async #advance(storedThrough: number): Promise<void> {
    this.#lastSyncAt = this.#options.clock().toISOString();
    if (storedThrough === this.#storedThrough) return;
    this.#storedThrough = storedThrough;
    await writeFileAtomic(join(this.#options.dir, syncStateFileName), JSON.stringify({ storedThrough }), {
      mode: 0o600,
    });
    this.#emit();
  }

  #setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    if (!online) this.#reconciled = false;
    this.#emit();
  }

  #emit(): void {
    const status = this.status;
    for (const listener of this.#listeners) listener(status);
  }

  async #loop(): Promise<void> {
    let retryMs = this.#options.minRetryMs;
    while (!this.#stopped) {
      const done = await this.syncOnce();
      if (this.#stopped) break;
      const waiting = this.status.waiting > 0;
      if (done) retryMs = this.#options.minRetryMs;
      // Offline or refused: back off. Idle and online: sleep until a new event or the heartbeat.
      const wait = done ? (waiting ? 0 : this.#options.heartbeatMs) : retryMs;
      if (!done) retryMs = Math.min(retryMs * 2, this.#options.maxRetryMs);
      if (wait > 0) await this.#sleep(wait);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }
}
