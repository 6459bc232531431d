// Periodic clean-up of short-lived rows, off the request path: sessions that ended more than a day ago and
// login challenges that expired more than an hour ago (kept that long so a late answer still hears
// "expired" or "replayed"). Every node runs it; the DELETEs are idempotent, so running on several is harmless.
import { purgeEndedSessions } from '../accounts/index.ts';
import type { Queryable } from '../db/index.ts';
import { type PeriodicRound, startPeriodicRound } from '../jobs/index.ts';
import type { ChallengeStore } from '../jpki/index.ts';
import { errorFields, type Logger } from '../observability/index.ts';

/** `run` never rejects: a failed round is logged. */
export type Housekeeping = PeriodicRound<void>;

const challengeGraceMs = 3_600_000;

export function startHousekeeping(options: {
  db: Queryable;
  challenges: ChallengeStore;
  clock: () => Date;
  logger: Logger;
  everyMs?: number;
}): Housekeeping {
  const { db, challenges, clock, logger } = options;
  const round = async () => {
    const now = clock();
    const sessions = await purgeEndedSessions(db, now);
    const expired = await challenges.purgeExpired(new Date(now.getTime() - challengeGraceMs));
    logger.debug('housekeeping', { sessionsRemoved: sessions, challengesRemoved: expired });
  };
  return startPeriodicRound({
    everyMs: options.everyMs ?? 60_000,
    round: () =>
      round().catch((error: unknown) => logger.warn('housekeeping failed', { error: errorFields(error) })),
    onError: () => {},
  });
}
