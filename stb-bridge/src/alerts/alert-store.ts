// The disaster alerts the TV app has to show now, worked out from the push inbox (which keeps every message on
// disk until it expires) and this store's own marks on disk (shown, answered). Per thread only the newest
// message counts: an Update replaces the alert on screen, a lift or cancel ends it with a short notice. An
// alert stays until it is answered or expires, across restarts; a notice until it was shown. Test alerts never
// appear. Deriving from the inbox means an alert acknowledged just before a crash is not lost.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PushMessage } from '@myna-tv/backend';
import type { AlertPayload } from '@myna-tv/disaster';
import { z } from 'zod';
import type { InboxEntry, PushInbox } from '../link/push-inbox.ts';
import type { ActiveAlert, AlertAnswer } from '../local-api/contracts.ts';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import { alertExpiry, readAlert } from './alert-message.ts';
import type { AlertResponseOutbox } from './alert-response-outbox.ts';

export const alertMarksFileName = 'alert-marks.json';

const instant = z.iso.datetime();
const markSchema = z.strictObject({
  shownAt: instant.nullable(),
  answer: z.enum(['safe', 'evacuating', 'at-shelter', 'need-help']).nullable(),
  answeredAt: instant.nullable(),
});
const marksFileSchema = z.strictObject({ marks: z.record(z.string().regex(/^\d+$/), markSchema) });
type Mark = z.infer<typeof markSchema>;

export interface AlertStoreEvents {
  /** An alert or notice that is now to be shown (a new thread, or a newer message of one). */
  alert: [ActiveAlert];
}

/** Why a mark could not be made. */
export type MarkRefusal = 'not-active';

interface Candidate {
  entry: InboxEntry;
  payload: AlertPayload;
  expiresAt: number;
}

export class AlertStore extends EventEmitter<AlertStoreEvents> {
  readonly #path: string;
  readonly #inbox: PushInbox;
  readonly #outbox: AlertResponseOutbox;
  readonly #now: () => number;
  readonly #marks: Map<number, Mark>;
  #writes: Promise<void> = Promise.resolve();

  private constructor(
    path: string,
    inbox: PushInbox,
    outbox: AlertResponseOutbox,
    marks: Map<number, Mark>,
    now: () => number,
  ) {
    super();
    this.#path = path;
    this.#inbox = inbox;
    this.#outbox = outbox;
    this.#marks = marks;
    this.#now = now;
    inbox.on('message', (message) => this.#arrived(message));
  }

  /** Opens the marks in `dataDir`; an unreadable file counts as no marks (alerts show again: the safe side). */
  static async open(
    dataDir: string,
    deps: { inbox: PushInbox; outbox: AlertResponseOutbox; now?: () => number },
  ): Promise<AlertStore> {
    const path = join(dataDir, alertMarksFileName);
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    const marks = new Map<number, Mark>();
    if (text !== undefined) {
      const parsed = marksFileSchema.safeParse(safeJson(text));
      if (parsed.success)
        for (const [seq, mark] of Object.entries(parsed.data.marks)) marks.set(Number(seq), mark);
    }
    return new AlertStore(path, deps.inbox, deps.outbox, marks, deps.now ?? Date.now);
  }

  /** What to show now: alerts to answer first (highest level first), then notices; oldest first within. */
  active(): ActiveAlert[] {
    const now = this.#now();
    const threads = new Map<string, Candidate[]>();
    for (const entry of this.#inbox.entries()) {
      const reading = readAlert(entry.message);
      if (reading.kind !== 'alert') continue;
      const candidate = {
        entry,
        payload: reading.payload,
        expiresAt: alertExpiry(entry.message, reading.payload),
      };
      const thread = threads.get(reading.payload.thread) ?? [];
      thread.push(candidate);
      threads.set(reading.payload.thread, thread);
    }
    const shown: ActiveAlert[] = [];
    for (const candidates of threads.values()) {
      candidates.sort((a, b) => a.entry.message.seq - b.entry.message.seq);
      const newest = candidates.at(-1) as Candidate;
      if (newest.expiresAt <= now) continue;
      const mark = this.#marks.get(newest.entry.message.seq);
      if (newest.payload.kind === 'issue' ? mark?.answeredAt : mark?.shownAt) continue;
      // A cancel of an alert this box never had says nothing to the viewer.
      if (newest.payload.kind === 'cancel' && candidates.length === 1) continue;
      shown.push(viewOf(newest, mark));
    }
    const rank = (alert: ActiveAlert) => (alert.payload.kind === 'issue' ? (alert.payload.level ?? 0) : -1);
    return shown.sort((a, b) => rank(b) - rank(a) || a.seq - b.seq);
  }

  /**
   * The TV app showed it: recorded (and, for an alert, queued for the backend). Repeating it changes nothing.
   * Rejects when the marks or the outbox cannot be written.
   */
  async markShown(seq: number): Promise<ActiveAlert | MarkRefusal> {
    const alert = this.active().find((a) => a.seq === seq);
    if (!alert) return 'not-active';
    if (alert.shownAt !== null) return alert;
    const shownAt = new Date(this.#now()).toISOString();
    if (alert.payload.kind === 'issue') await this.#outbox.record(seq, { shownAt });
    await this.#mark(seq, { shownAt });
    return { ...alert, shownAt };
  }

  /** The viewer's answer to an alert in force: queued for the backend, and the alert is no longer shown. */
  async answer(
    seq: number,
    answer: AlertAnswer,
  ): Promise<{ seq: number; answer: AlertAnswer; answeredAt: string } | MarkRefusal> {
    const done = this.#marks.get(seq);
    // A repeat (the TV app did not get the first answer back): what was recorded.
    if (done?.answer && done.answeredAt) return { seq, answer: done.answer, answeredAt: done.answeredAt };
    const alert = this.active().find((a) => a.seq === seq);
    if (alert?.payload.kind !== 'issue') return 'not-active';
    const answeredAt = new Date(this.#now()).toISOString();
    const shownAt = alert.shownAt ?? answeredAt;
    await this.#outbox.record(seq, { shownAt, answer, answeredAt });
    await this.#mark(seq, { shownAt, answer, answeredAt });
    return { seq, answer, answeredAt };
  }

  #arrived(message: PushMessage): void {
    const alert = this.active().find((a) => a.seq === message.seq);
    if (alert) this.emit('alert', alert);
  }

  async #mark(seq: number, patch: Partial<Mark>): Promise<void> {
    const previous = this.#marks.get(seq);
    this.#marks.set(seq, { shownAt: null, answer: null, answeredAt: null, ...previous, ...patch });
    try {
      await this.#persist();
    } catch (error) {
      if (previous) this.#marks.set(seq, previous);
      else this.#marks.delete(seq);
      throw error;
    }
  }

  /** Writes the marks of messages still in the inbox, one write at a time. */
  #persist(): Promise<void> {
    const write = this.#writes.then(() => {
      const kept = new Set(this.#inbox.entries().map((e) => e.message.seq));
      for (const seq of this.#marks.keys()) if (!kept.has(seq)) this.#marks.delete(seq);
      return writeFileAtomic(this.#path, JSON.stringify({ marks: Object.fromEntries(this.#marks) }), {
        mode: 0o600,
      });
    });
    this.#writes = write.catch(() => {});
    return write;
  }
}

function viewOf(candidate: Candidate, mark: Mark | undefined): ActiveAlert {
  return {
    seq: candidate.entry.message.seq,
    receivedAt: candidate.entry.receivedAt,
    expiresAt: new Date(candidate.expiresAt).toISOString(),
    shownAt: mark?.shownAt ?? null,
    payload: candidate.payload,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
