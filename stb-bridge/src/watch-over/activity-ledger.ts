// Watch-over on the box: remote key presses and お変わりありませんか answers counted per hour — counts only,
// never which key, screen or channel. The counts live in memory and are written whole to one file (temporary
// file, fsync, rename) at most every `persistEveryMs` and on close, so a restart keeps the hours the backend
// has not taken yet (a power cut loses at most the last interval's presses). An hour leaves the file once the
// backend has its final count; hours older than the backend takes are dropped.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActivityHour } from '@myna-tv/backend';
import { z } from 'zod';
import { writeFileAtomic } from '../storage/atomic-file.ts';

export const watchOverDirName = 'watch-over';
const fileName = 'activity.json';
const hourMs = 3_600_000;
/** The backend refuses hours older than 14 days; keep a day less, so a report is never refused for age. */
const keepHours = 13 * 24;

const counts = z.strictObject({ presses: z.number().int().min(0), answers: z.number().int().min(0) });
const fileSchema = z.strictObject({
  /** By the hour's start in ms: what was counted, and what the backend has acknowledged of it. */
  hours: z.record(z.string().regex(/^\d+$/), z.strictObject({ counted: counts, sent: counts })),
});
type Counts = z.infer<typeof counts>;
type LedgerFile = z.infer<typeof fileSchema>;

export interface ActivityLedgerOptions {
  dataDir: string;
  clock?: () => Date;
  /** Longest time counts stay only in memory (default 60 s). */
  persistEveryMs?: number;
}

export class ActivityLedger {
  readonly #path: string;
  readonly #clock: () => Date;
  readonly #persistEveryMs: number;
  readonly #hours = new Map<number, { counted: Counts; sent: Counts }>();
  #timer: NodeJS.Timeout | undefined;
  #writes: Promise<void> = Promise.resolve();

  private constructor(path: string, options: ActivityLedgerOptions) {
    this.#path = path;
    this.#clock = options.clock ?? (() => new Date());
    this.#persistEveryMs = options.persistEveryMs ?? 60_000;
  }

  /** Opens the ledger in `dataDir/watch-over`; a file that does not read back whole is set aside (`corrupt`). */
  static async open(options: ActivityLedgerOptions): Promise<{ ledger: ActivityLedger; corrupt: boolean }> {
    const dir = join(options.dataDir, watchOverDirName);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const ledger = new ActivityLedger(join(dir, fileName), options);
    const text = await readFile(ledger.#path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) return { ledger, corrupt: false };
    const parsed = parse(text);
    if (parsed === undefined) {
      await rm(ledger.#path, { force: true });
      return { ledger, corrupt: true };
    }
    for (const [hour, entry] of Object.entries(parsed.hours)) ledger.#hours.set(Number(hour), entry);
    return { ledger, corrupt: false };
  }

  /** One key press (`press`) or one answer to the ask (`answer`), now. */
  count(kind: 'press' | 'answer', times = 1): void {
    const hour = Math.floor(this.#clock().getTime() / hourMs) * hourMs;
    const entry = this.#hours.get(hour) ?? {
      counted: { presses: 0, answers: 0 },
      sent: { presses: 0, answers: 0 },
    };
    if (kind === 'press') entry.counted.presses += times;
    else entry.counted.answers += times;
    this.#hours.set(hour, entry);
    this.#timer ??= setTimeout(() => void this.persist(), this.#persistEveryMs).unref();
  }

  /** The hours whose counts the backend does not have yet, oldest first, as the backend takes them. */
  pending(): ActivityHour[] {
    this.#dropOld();
    return [...this.#hours.entries()]
      .filter(([, e]) => e.counted.presses !== e.sent.presses || e.counted.answers !== e.sent.answers)
      .sort(([a], [b]) => a - b)
      .map(([hour, e]) => ({ hour: new Date(hour).toISOString(), ...e.counted }));
  }

  /** The backend took these counts: past hours it has whole leave the ledger (and the file). */
  async acknowledge(sent: readonly ActivityHour[]): Promise<void> {
    const presentHour = Math.floor(this.#clock().getTime() / hourMs) * hourMs;
    for (const hour of sent) {
      const at = Date.parse(hour.hour);
      const entry = this.#hours.get(at);
      if (!entry) continue;
      entry.sent = { presses: hour.presses, answers: hour.answers ?? 0 };
      const whole =
        entry.sent.presses === entry.counted.presses && entry.sent.answers === entry.counted.answers;
      if (whole && at < presentHour) this.#hours.delete(at);
    }
    await this.persist();
  }

  /** Writes the ledger now (also what the timer does). */
  persist(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const file: LedgerFile = { hours: Object.fromEntries([...this.#hours].map(([h, e]) => [String(h), e])) };
    const write = this.#writes.then(() => writeFileAtomic(this.#path, JSON.stringify(file), { mode: 0o600 }));
    this.#writes = write.catch(() => {});
    return write;
  }

  #dropOld(): void {
    const oldest = this.#clock().getTime() - keepHours * hourMs;
    for (const hour of this.#hours.keys()) if (hour < oldest) this.#hours.delete(hour);
  }
}

function parse(text: string): LedgerFile | undefined {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
