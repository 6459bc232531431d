// What the viewer did with an alert (shown, answered), on the box's disk until the backend has it: one file per
// alert, written whole (temporary file, fsync, rename, fsync of the folder) before it is sent, so a power cut
// leaves the response fully there or not at all. A later record of the same alert merges into the file (the
// first shownAt stays, the answer is the newest). A file that does not read back whole is set aside as
// `.corrupt`.
import { join } from 'node:path';
import { z } from 'zod';
import { openOutboxFolder, removeOutboxFile } from '../outbox/outbox-folder.ts';
import { writeFileAtomic } from '../storage/atomic-file.ts';

export const alertOutboxDirName = 'alert-response-outbox';

const instant = z.iso.datetime();
const responseSchema = z.strictObject({
  seq: z.number().int().positive(),
  shownAt: instant.optional(),
  answer: z.enum(['safe', 'evacuating', 'at-shelter', 'need-help']).optional(),
  answeredAt: instant.optional(),
});

/** The body of `POST /api/v1/alert-responses` (the backend's contract). */
export type AlertResponseRecord = z.infer<typeof responseSchema>;

export interface QueuedResponse {
  record: AlertResponseRecord;
  /** Changes with every write: a response sent while a newer one was written stays for the next pass. */
  revision: number;
}

export class AlertResponseOutbox {
  readonly #dir: string;
  readonly #entries = new Map<number, QueuedResponse>();
  #revision = 0;
  #writes: Promise<unknown> = Promise.resolve();
  /** Told after every record written (the sender sends at once). */
  onRecord: (() => void) | undefined;

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** Opens (and creates) the outbox in `dataDir`; `setAside` names files that were not whole responses. */
  static async open(dataDir: string): Promise<{ outbox: AlertResponseOutbox; setAside: string[] }> {
    const dir = join(dataDir, alertOutboxDirName);
    const { items, setAside } = await openOutboxFolder(dir, { parse: parseRecord, keyOf: (r) => r.seq });
    const outbox = new AlertResponseOutbox(dir);
    for (const record of items) outbox.#entries.set(record.seq, { record, revision: ++outbox.#revision });
    return { outbox, setAside };
  }

  /** Responses waiting for the backend, oldest alert first. */
  pending(): QueuedResponse[] {
    return [...this.#entries.values()].sort((a, b) => a.record.seq - b.record.seq);
  }

  /** Stores (merges) a response durably; rejects, keeping the previous one, when the disk write fails. */
  async record(seq: number, patch: Omit<AlertResponseRecord, 'seq'>): Promise<void> {
    await this.#serial(async () => {
      const previous = this.#entries.get(seq)?.record;
      const record: AlertResponseRecord = { seq, ...previous, ...patch };
      if (previous?.shownAt) record.shownAt = previous.shownAt;
      await writeFileAtomic(this.#pathOf(seq), JSON.stringify(record), { mode: 0o600 });
      this.#entries.set(seq, { record, revision: ++this.#revision });
    });
    this.onRecord?.();
  }

  /** The backend has it: removed, unless it was written again since `revision`. */
  async remove(seq: number, revision: number): Promise<void> {
    await this.#serial(async () => {
      if (this.#entries.get(seq)?.revision !== revision) return;
      await removeOutboxFile(this.#dir, seq);
      this.#entries.delete(seq);
    });
  }

  #pathOf(seq: number): string {
    return join(this.#dir, `${seq}.json`);
  }

  #serial<T>(write: () => Promise<T>): Promise<T> {
    const next = this.#writes.then(write);
    this.#writes = next.catch(() => {});
    return next;
  }
}

function parseRecord(text: string): AlertResponseRecord | undefined {
  try {
    const parsed = responseSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
