// The box's inbox of pushed messages, on disk: a message is acknowledged to the backend only once it is here,
// and stays until the TV app has shown it (or it expires), across restarts and power cuts.
import { EventEmitter, on } from 'node:events';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { PushMessage } from '@myna-tv/backend';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import { LinkError } from './link-error.ts';

export const inboxFileName = 'push-inbox.json';

export interface InboxEntry {
  message: PushMessage;
  receivedAt: string;
  /** When the TV app showed it; kept until expiry so a repeat of the same seq is recognised. */
  shownAt: string | null;
}

interface InboxFile {
  /** Highest seq ever stored: sent in the handshake, so it outlives the entries. */
  lastSeq: number;
  entries: InboxEntry[];
}

export interface InboxEvents {
  /** A message new to this box, already on disk. */
  message: [PushMessage];
}

export class PushInbox extends EventEmitter<InboxEvents> {
  readonly #path: string;
  readonly #now: () => number;
  #state: InboxFile;
  #writes: Promise<void> = Promise.resolve();

  private constructor(path: string, state: InboxFile, now: () => number) {
    super();
    this.#path = path;
    this.#state = state;
    this.#now = now;
  }

  /**
   * Opens the inbox in `dataDir`. An unreadable file is set aside (`.corrupt`) and the inbox starts empty with
   * lastSeq 0: the backend then sends every message still in force again.
   */
  static async open(dataDir: string, options: { now?: () => number } = {}): Promise<PushInbox> {
    const path = join(dataDir, inboxFileName);
    let state: InboxFile = { lastSeq: 0, entries: [] };
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (text !== undefined) {
      const parsed = parseInbox(text);
      if (parsed) state = parsed;
      else await rename(path, `${path}.corrupt`);
    }
    return new PushInbox(path, state, options.now ?? Date.now);
  }

  /** Highest seq this box has stored. */
  get lastSeq(): number {
    return this.#state.lastSeq;
  }

  /**
   * Stores a message and announces it; resolves to false for a seq already here (the backend repeats a message
   * whose ack it did not get). Rejects with 'link.inbox-write-failed' when the disk write fails.
   */
  async add(message: PushMessage): Promise<boolean> {
    if (this.#has(message.seq)) {
      // Its first copy may still be on its way to disk, and only a stored message may be acknowledged.
      await this.#writes;
      if (this.#has(message.seq)) return false;
    }
    const entry: InboxEntry = { message, receivedAt: new Date(this.#now()).toISOString(), shownAt: null };
    const previousLastSeq = this.#state.lastSeq;
    this.#state.entries.push(entry);
    this.#state.lastSeq = Math.max(previousLastSeq, message.seq);
    try {
      await this.#persist();
    } catch (err) {
      // Not stored, so not acknowledged: forget it and let the backend send it again.
      this.#state.entries = this.#state.entries.filter((e) => e !== entry);
      this.#state.lastSeq = Math.max(previousLastSeq, ...this.#state.entries.map((e) => e.message.seq));
      throw new LinkError('link.inbox-write-failed', `could not store message ${message.seq}`, {
        cause: err,
      });
    }
    this.emit('message', message);
    return true;
  }

  /** Messages not shown yet and still in force, oldest first. */
  pending(): PushMessage[] {
    const now = this.#now();
    return this.#state.entries
      .filter((e) => e.shownAt === null && Date.parse(e.message.expiresAt) > now)
      .map((e) => e.message)
      .sort((a, b) => a.seq - b.seq);
  }

  /** Every message on the box, shown or not, until it expires (the alert store reads its alerts from here). */
  entries(): readonly InboxEntry[] {
    return this.#state.entries;
  }

  /** Records that the TV app showed a message; false when it was not pending. */
  async markShown(seq: number): Promise<boolean> {
    const entry = this.#state.entries.find((e) => e.message.seq === seq && e.shownAt === null);
    if (!entry) return false;
    entry.shownAt = new Date(this.#now()).toISOString();
    await this.#persist().catch((err: unknown) => {
      entry.shownAt = null;
      throw new LinkError('link.inbox-write-failed', `could not record message ${seq} as shown`, {
        cause: err,
      });
    });
    return true;
  }

  /** New messages as they arrive, until `signal` aborts. */
  async *messages(signal?: AbortSignal): AsyncGenerator<PushMessage> {
    try {
      for await (const [message] of on(this, 'message', signal ? { signal } : {}))
        yield message as PushMessage;
    } catch (err) {
      if (!signal?.aborted) throw err;
    }
  }

  #has(seq: number): boolean {
    return this.#state.entries.some((e) => e.message.seq === seq);
  }

  /** Writes the whole inbox (expired entries dropped), one write at a time. */
  #persist(): Promise<void> {
    const write = this.#writes.then(() => {
      const now = this.#now();
      this.#state.entries = this.#state.entries.filter((e) => Date.parse(e.message.expiresAt) > now);
      return writeFileAtomic(this.#path, JSON.stringify(this.#state), { mode: 0o600 });
    });
    this.#writes = write.catch(() => {});
    return write;
  }
}

function parseInbox(text: string): InboxFile | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<InboxFile>;
    if (typeof parsed.lastSeq === 'number' && Array.isArray(parsed.entries)) {
      return { lastSeq: parsed.lastSeq, entries: parsed.entries };
    }
  } catch {
    // falls through: not an inbox
  }
  return undefined;
}
