// Periodic clean-up of short-lived rows, off the request path: sessions that ended more than a day ago and
// login challenges that expired more than an hour ago (kept that long so a late answer still hears
// "expired" or "replayed"). Every node runs it; the DELETEs are idempotent, so running on several is harmless.
import { purgeEndedSessions } from '../accounts/index.ts';
import type { Queryable } from '../db/index.ts';
import type { ChallengeStore } from '../jpki/index.ts';
import { errorFields, type Logger } from '../observability/index.ts';

export interface Housekeeping {
  /** Runs one round now (also what the timer runs). */
  run(): Promise<void>;
  /** Stops the timer and waits for a round under way. */
  stop(): Promise<void>;
}

const challengeGraceMs = 3_600_000;

export function startHousekeeping(options: {
  db: Queryable;
  challenges: ChallengeStore;
  clock: () => Date;
  logger: Logger;
  everyMs?: number;
}): Housekeeping {
  const { db, challenges, clock, logger } = options;
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= (async () => {
      const now = clock();
      const sessions = await purgeEndedSessions(db, now);
      const expired = await challenges.purgeExpired(new Date(now.getTime() - challengeGraceMs));
      logger.debug('housekeeping', { sessionsRemoved: sessions, challengesRemoved: expired });
    })()
      .catch((error: unknown) => logger.warn('housekeeping failed', { error: errorFields(error) }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(run, options.everyMs ?? 60_000).unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
