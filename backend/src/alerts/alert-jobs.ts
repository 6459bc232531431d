// The periodic work of alert ingest in each backend node: the feed poller (when ALERT_FEED_URL is set) and
// the expiry sweep that marks alerts past their `expires` (every node may run both: entries are claimed
// with SKIP LOCKED and the sweep is one idempotent UPDATE).
import type { Config } from '../config/index.ts';
import type { Database } from '../db/index.ts';
import { errorFields, type Logger } from '../observability/index.ts';
import { createAlertFeedPoller } from './alert-feed-poller.ts';
import { expireAlerts } from './alert-records.ts';
import type { AlertIngest } from './ingest-alert.ts';

export interface AlertJobs {
  stop(): Promise<void>;
}

const expirySweepMs = 30_000;

export function startAlertJobs(options: {
  config: Config;
  db: Database;
  ingest: AlertIngest;
  clock: () => Date;
  logger: Logger;
}): AlertJobs {
  const { config, db, clock, logger } = options;
  const poller =
    config.alertFeedUrl === undefined
      ? undefined
      : createAlertFeedPoller({
          db,
          url: config.alertFeedUrl,
          ingest: options.ingest,
          clock,
          logger,
          policy: { intervalMs: config.alertFeedIntervalSeconds * 1000, maxAlertBytes: config.alertMaxBytes },
        });
  poller?.start();
  let sweeping: Promise<unknown> | undefined;
  const sweep = setInterval(() => {
    sweeping ??= expireAlerts(db, clock())
      .catch((error: unknown) => logger.warn('alert expiry sweep failed', { error: errorFields(error) }))
      .finally(() => {
        sweeping = undefined;
      });
  }, expirySweepMs).unref();
  return {
    async stop() {
      clearInterval(sweep);
      await Promise.all([poller?.stop(), sweeping]);
    },
  };
}
