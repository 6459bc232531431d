// Signed reports waiting on the box's disk to be sent: one file per report, written whole (temporary file,
// fsync, rename, fsync of the folder) before the first attempt to send it, so a power cut or a crash can only
// leave a report that is fully there or not there at all. A file that does not read back as a whole report
// (torn by a disk fault, edited by hand) is set aside as `.corrupt`, never sent. A report leaves only after a
// receipt; a definitive refusal keeps it as `failed`, for the TV app to show.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { openOutboxFolder, removeOutboxFile } from '../outbox/outbox-folder.ts';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import { ReportError } from './report-error.ts';

export const outboxDirName = 'report-outbox';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const instant = z.iso.datetime();

const entrySchema = z.strictObject({
  submissionId: uuid,
  contractId: z.string().min(1),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  insurerName: z.string(),
  queuedAt: instant,
  /** The CMS SignedData as base64 DER, exactly as the card made it. */
  signedReport: z.base64().min(1),
  /** SHA-256 (hex) of the DER: damage the JSON syntax does not show is caught too. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  state: z.enum(['waiting', 'failed']),
  failure: z.strictObject({ code: z.string(), message: z.string(), at: instant }).nullable(),
});

export type OutboxEntry = z.infer<typeof entrySchema>;

export interface NewOutboxEntry {
  submissionId: string;
  contractId: string;
  period: string;
  insurerName: string;
  signedReport: Uint8Array;
}

export class ReportOutbox {
  readonly #dir: string;
  readonly #now: () => number;
  readonly #entries = new Map<string, OutboxEntry>();
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, now: () => number) {
    this.#dir = dir;
    this.#now = now;
  }

  /**
   * Opens (and creates) the outbox in `dataDir`. `setAside` names the files that were not whole reports:
   * renamed to `<name>.corrupt` for the operator, and not sent.
   */
  static async open(
    dataDir: string,
    options: { now?: () => number } = {},
  ): Promise<{ outbox: ReportOutbox; setAside: string[] }> {
    const dir = join(dataDir, outboxDirName);
    const { items, setAside } = await openOutboxFolder(dir, {
      parse: parseEntry,
      keyOf: (e) => e.submissionId,
    });
    const outbox = new ReportOutbox(dir, options.now ?? Date.now);
    for (const entry of items) outbox.#entries.set(entry.submissionId, entry);
    return { outbox, setAside };
  }

  /** Every report on the box, oldest first. */
  entries(): OutboxEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  waiting(): OutboxEntry[] {
    return this.entries().filter((e) => e.state === 'waiting');
  }

  get(submissionId: string): OutboxEntry | undefined {
    return this.#entries.get(submissionId);
  }

  /** The report waiting for this contract and month, if one is. */
  findWaiting(contractId: string, period: string): OutboxEntry | undefined {
    return this.waiting().find((e) => e.contractId === contractId && e.period === period);
  }

  /** Stores a signed report durably; rejects with `report.outbox-write-failed` (and keeps nothing) if it cannot. */
  async add(report: NewOutboxEntry): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      submissionId: report.submissionId,
      contractId: report.contractId,
      period: report.period,
      insurerName: report.insurerName,
      queuedAt: new Date(this.#now()).toISOString(),
      signedReport: Buffer.from(report.signedReport).toString('base64'),
      sha256: createHash('sha256').update(report.signedReport).digest('hex'),
      state: 'waiting',
      failure: null,
    };
    await this.#write(entry);
    this.#entries.set(entry.submissionId, entry);
    return entry;
  }

  /** Keeps a report the backend refused for good, with the reason, so the TV app can say so. */
  async markFailed(submissionId: string, failure: { code: string; message: string }): Promise<OutboxEntry> {
    const entry = this.#require(submissionId);
    const failed: OutboxEntry = {
      ...entry,
      state: 'failed',
      failure: { ...failure, at: new Date(this.#now()).toISOString() },
    };
    await this.#write(failed);
    this.#entries.set(submissionId, failed);
    return failed;
  }

  /** Deletes a report (it has its receipt, or the viewer dismissed its failure). */
  async remove(submissionId: string): Promise<void> {
    this.#require(submissionId);
    await this.#serial(() => removeOutboxFile(this.#dir, submissionId));
    this.#entries.delete(submissionId);
  }

  #require(submissionId: string): OutboxEntry {
    const entry = this.#entries.get(submissionId);
    if (!entry) throw new ReportError('report.not-found', `no report ${submissionId} on this box`);
    return entry;
  }

  #pathOf(submissionId: string): string {
    return join(this.#dir, `${submissionId}.json`);
  }

  async #write(entry: OutboxEntry): Promise<void> {
    try {
      await this.#serial(() =>
        writeFileAtomic(this.#pathOf(entry.submissionId), JSON.stringify(entry), { mode: 0o600 }),
      );
    } catch (error) {
      throw new ReportError(
        'report.outbox-write-failed',
        `the signed report ${entry.submissionId} could not be stored on this box`,
        { cause: error },
      );
    }
  }

  /** One write at a time, in order. */
  #serial<T>(write: () => Promise<T>): Promise<T> {
    const next = this.#writes.then(write);
    this.#writes = next.catch(() => {});
    return next;
  }
}

function parseEntry(text: string): OutboxEntry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const der = Buffer.from(parsed.data.signedReport, 'base64');
  return createHash('sha256').update(der).digest('hex') === parsed.data.sha256 ? parsed.data : undefined;
}
