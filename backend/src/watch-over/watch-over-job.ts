// The watch-over round on a timer, in every backend node (runQuietRound is safe on several at once).
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { errorFields, type Logger } from '../observability/index.ts';
import { runQuietRound } from './quiet-check.ts';

export interface WatchOverJob {
  /** One round now (also what the timer runs). */
  run(): Promise<void>;
  /** Stops the timer and waits for a round under way. */
  stop(): Promise<void>;
}

export function startWatchOverJob(options: {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  logger: Logger;
  everyMs: number;
}): WatchOverJob {
  const { db, cipher, clock, logger } = options;
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= runQuietRound(db, cipher, { now: clock() })
      .then((round) => {
        if (round.raised > 0) logger.info('watch-over notices raised', { raised: round.raised });
      })
      .catch((error: unknown) => logger.warn('watch-over round failed', { error: errorFields(error) }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(run, options.everyMs).unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
