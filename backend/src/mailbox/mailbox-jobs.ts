// The mailbox's periodic work in each backend node: deleting notices past MAILBOX_RETENTION_DAYS, at start and
// then hourly. Every node may run it: the DELETE is idempotent (listing already hides expired notices, so the
// purge only frees the rows).
import type { Queryable } from '../db/index.ts';
import { startPeriodicRound } from '../jobs/index.ts';
import { purgeExpiredNotices } from './notices.ts';

export interface MailboxJobs {
  /** One purge now (also what start and the timer run); resolves to the notices deleted. */
  purge(): Promise<number>;
  /** Stops the timer and waits for a purge under way. */
  stop(): Promise<void>;
}

export function startMailboxJobs(options: {
  db: Queryable;
  clock: () => Date;
  retentionDays: number;
  /** Default one hour. */
  everyMs?: number;
  onPurged?: (notices: number) => void;
  onError: (error: unknown) => void;
}): MailboxJobs {
  const job = startPeriodicRound({
    everyMs: options.everyMs ?? 3_600_000,
    atStart: true,
    round: async () => {
      const notices = await purgeExpiredNotices(options.db, {
        now: options.clock(),
        retentionDays: options.retentionDays,
      });
      options.onPurged?.(notices);
      return notices;
    },
    onError: options.onError,
  });
  return { purge: job.run, stop: job.stop };
}
