// The terminal's append-only journal of check-in events (shelter mode). An event is on disk (written and
// fdatasync'ed) before `append` resolves, so the staff page says 完了 only for what a power cut cannot take
// back. Each event gets a UUID (the backend's idempotency key) and the next sequence number of this terminal.
// Opening after a crash drops a torn last record (journal-frame.ts) and continues from the last good one;
// damage anywhere else stops the terminal instead of losing events.
//
// Appends that arrive while a flush is under way are written together with one flush (group commit): a
// burst of taps costs one disk sync, not one each.
import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShelterEvent } from '@myna-tv/backend';
import { encodeFrame, scanFrames } from './journal-frame.ts';
import { ShelterError } from './shelter-error.ts';

export const journalFileName = 'checkin-journal.log';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as staff make it; the journal adds id, seq and time. */
export type NewShelterEvent = DistributiveOmit<ShelterEvent, 'id' | 'seq' | 'at'>;

interface Pending {
  frame: Buffer;
  event: ShelterEvent;
  resolve: (event: ShelterEvent) => void;
  reject: (err: unknown) => void;
}

export interface OpenedJournal {
  journal: CheckinJournal;
  /** Bytes of a torn last record that were cut off (0: the file was whole). */
  droppedBytes: number;
}

export class CheckinJournal {
  readonly #file: FileHandle;
  readonly #clock: () => Date;
  readonly #events: ShelterEvent[];
  /** The last number handed out (on disk or being written). */
  #lastSeq: number;
  #pending: Pending[] = [];
  #flushing: Promise<void> | null = null;
  #failure: ShelterError | null = null;

  private constructor(file: FileHandle, events: ShelterEvent[], clock: () => Date) {
    this.#file = file;
    this.#events = events;
    this.#lastSeq = events.length;
    this.#clock = clock;
  }

  /** Opens (or creates) the journal in `dir`, cutting off a torn last record. */
  static async open(dir: string, options: { clock?: () => Date } = {}): Promise<OpenedJournal> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, journalFileName);
    const file = await open(path, 'a+', 0o600);
    try {
      const bytes = await file.readFile();
      const scan = scanFrames(bytes);
      if (scan.kind === 'damaged') {
        throw new ShelterError(
          'shelter.journal-corrupt',
          `${path}: the record at byte ${scan.badOffset} is damaged and intact records follow it; ` +
            'the file is left untouched for inspection',
        );
      }
      const events = scan.payloads.map((payload, i) => parseEvent(payload, i + 1, path));
      let droppedBytes = 0;
      if (scan.kind === 'torn-tail') {
        droppedBytes = bytes.length - scan.goodBytes;
        await file.truncate(scan.goodBytes);
        await file.sync();
      }
      if (bytes.length === 0) await syncFolder(dir); // a new file's entry must survive a power cut too
      return { journal: new CheckinJournal(file, events, options.clock ?? (() => new Date())), droppedBytes };
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  /** The sequence number of the last event on disk (0: empty). */
  get lastSeq(): number {
    return this.#events.length;
  }

  /** Up to `limit` events after `seq`, in order. */
  eventsAfter(seq: number, limit: number): ShelterEvent[] {
    return this.#events.slice(Math.max(0, seq), Math.max(0, seq) + limit);
  }

  /** Records the event durably and resolves with it (id, seq, time added). */
  append(input: NewShelterEvent): Promise<ShelterEvent> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const event = {
      ...input,
      id: randomUUID(),
      seq: this.#lastSeq + 1,
      at: this.#clock().toISOString(),
    } as ShelterEvent;
    const frame = encodeFrame(Buffer.from(JSON.stringify(event), 'utf8'));
    this.#lastSeq = event.seq; // only once the record exists: an event refused above leaves no gap
    return new Promise((resolve, reject) => {
      this.#pending.push({ frame, event, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /** Waits for pending appends, then closes the file; later appends fail. */
  async close(): Promise<void> {
    while (this.#flushing !== null) await this.#flushing;
    this.#failure ??= new ShelterError('shelter.journal-closed', 'the check-in journal is closed');
    await this.#file.close();
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        if (this.#failure !== null) throw this.#failure;
        await this.#file.write(Buffer.concat(batch.map((p) => p.frame)));
        await this.#file.datasync();
      } catch (err) {
        // What reached the disk is unknown: stop here; reopening keeps whatever is whole.
        this.#failure ??= new ShelterError('shelter.journal-write-failed', 'the check-in was not recorded', {
          cause: err,
        });
        for (const p of [...batch, ...this.#pending]) p.reject(this.#failure);
        this.#pending = [];
        break;
      }
      for (const p of batch) {
        this.#events.push(p.event);
        p.resolve(p.event);
      }
    }
    this.#flushing = null;
  }
}

function parseEvent(payload: Buffer, expectedSeq: number, path: string): ShelterEvent {
  // The checksum passed, so the bytes are what this journal wrote; only the order is checked.
  const event = JSON.parse(payload.toString('utf8')) as ShelterEvent;
  if (event.seq !== expectedSeq) {
    throw new ShelterError(
      'shelter.journal-corrupt',
      `${path}: record ${expectedSeq} has sequence number ${event.seq}`,
    );
  }
  return event;
}

async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
