// The watch-over round on a timer, in every backend node (runQuietRound is safe on several at once).
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { type PeriodicRound, startPeriodicRound } from '../jobs/index.ts';
import { errorFields, type Logger } from '../observability/index.ts';
import { runQuietRound } from './quiet-check.ts';

/** `run` never rejects: a failed round is logged. */
export type WatchOverJob = PeriodicRound<void>;

export function startWatchOverJob(options: {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  logger: Logger;
  everyMs: number;
}): WatchOverJob {
  const { db, cipher, clock, logger } = options;
  return startPeriodicRound({
    everyMs: options.everyMs,
    round: () =>
      runQuietRound(db, cipher, { now: clock() })
        .then((round) => {
          if (round.raised > 0) logger.info('watch-over notices raised', { raised: round.raised });
        })
        .catch((error: unknown) => logger.warn('watch-over round failed', { error: errorFields(error) })),
    onError: () => {},
  });
}
