// The feed poller: fetches the configured Atom feed, records each new entry once in alert_feed_entries (the
// row is shared by every node: a restart or a second node never takes an entry again), claims due entries
// (FOR UPDATE SKIP LOCKED with a lease) and ingests each linked message. A message that is read is done for
// good, whatever ingest said (a refused message stays refused); a fetch that failed for a passing reason
// is retried with back-off. The feed itself is asked conditionally (ETag / Last-Modified) and, after a
// failure, less often. Every failure is logged; nothing here throws out of a round.
import { AlertError } from '@myna-tv/disaster';
import type { Database } from '../db/index.ts';
import { errorFields, type Logger } from '../observability/index.ts';
import { AlertIngestError } from './alert-ingest-error.ts';
import { parseAtomFeed } from './atom-feed.ts';
import { FetchError, fetchCapped } from './capped-fetch.ts';
import type { AlertIngest } from './ingest-alert.ts';

export interface FeedPolicy {
  intervalMs: number;
  /** Longest wait between polls after failures (the interval doubles per failure). */
  maxIntervalMs: number;
  timeoutMs: number;
  maxFeedBytes: number;
  maxAlertBytes: number;
  /** Entries fetched per round. */
  batchSize: number;
  /** Wait before the 2nd fetch of an entry, doubled for each further one. */
  retryBaseMs: number;
  /** Fetches of one entry before it is given up ('failed'). */
  maxAttempts: number;
}

export const defaultFeedPolicy: FeedPolicy = {
  intervalMs: 60_000,
  maxIntervalMs: 15 * 60_000,
  timeoutMs: 10_000,
  maxFeedBytes: 4 * 1024 * 1024,
  maxAlertBytes: 2 * 1024 * 1024,
  batchSize: 20,
  retryBaseMs: 30_000,
  maxAttempts: 8,
};

export interface FeedRound {
  /** Entries listed by the feed (0 when it answered 304 Not Modified). */
  listed: number;
  /** Entries seen for the first time (on any node). */
  added: number;
  ingested: number;
  refused: number;
  /** Entries whose fetch failed (to be retried, or given up). */
  failed: number;
}

export interface AlertFeedPoller {
  /** One round now: the feed, then the due entries. Never throws. */
  pollOnce(): Promise<FeedRound>;
  /** Polls every interval (longer after failures) until stopped. */
  start(): void;
  stop(): Promise<void>;
}

interface ClaimedEntry {
  entry_id: string;
  link: string;
  attempts: number;
}

export function createAlertFeedPoller(options: {
  db: Database;
  url: string;
  ingest: AlertIngest;
  clock: () => Date;
  logger: Logger;
  policy?: Partial<FeedPolicy>;
  fetch?: typeof fetch;
}): AlertFeedPoller {
  const { db, url, ingest, clock, logger } = options;
  const policy = { ...defaultFeedPolicy, ...options.policy };
  const fetcher = options.fetch ?? fetch;
  const validators: { etag?: string; lastModified?: string } = {};
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<FeedRound> | undefined;
  let stopped = true;

  /** Reads the feed and records new entries; the number listed and added. */
  async function readFeed(): Promise<{ listed: number; added: number }> {
    const headers: Record<string, string> = { accept: 'application/atom+xml, application/xml' };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    const response = await fetchCapped(fetcher, url, {
      timeoutMs: policy.timeoutMs,
      maxBytes: policy.maxFeedBytes,
      headers,
    });
    if (response.status === 304) return { listed: 0, added: 0 };
    const { entries, skipped } = parseAtomFeed(response.body, url, policy.maxFeedBytes);
    if (skipped > 0)
      logger.warn('alert feed: entries without a link on the feed origin skipped', { skipped });
    validators.etag = response.headers.get('etag') ?? undefined;
    validators.lastModified = response.headers.get('last-modified') ?? undefined;
    const now = clock();
    const added = await db.query(
      `INSERT INTO alert_feed_entries (feed_url, entry_id, link, state, next_attempt_at, first_seen_at, updated_at)
       SELECT $1, e->>'id', e->>'link', 'pending', $2, $2, $2 FROM jsonb_array_elements($3::jsonb) AS e
       ON CONFLICT (feed_url, entry_id) DO NOTHING RETURNING entry_id`,
      [url, now, JSON.stringify(entries)],
    );
    return { listed: entries.length, added: added.length };
  }

  async function claimDue(): Promise<ClaimedEntry[]> {
    const now = clock();
    // The lease outlasts one fetch and ingest; it only runs out if this node died meanwhile.
    const lease = new Date(now.getTime() + 3 * policy.timeoutMs + 30_000);
    return db.query<ClaimedEntry>(
      `UPDATE alert_feed_entries SET attempts = attempts + 1, next_attempt_at = $3, updated_at = $2
       WHERE (feed_url, entry_id) IN (
         SELECT feed_url, entry_id FROM alert_feed_entries
         WHERE feed_url = $1 AND state = 'pending' AND next_attempt_at <= $2
         ORDER BY first_seen_at, entry_id LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING entry_id, link, attempts`,
      [url, now, lease, policy.batchSize],
    );
  }

  async function settle(
    entry: ClaimedEntry,
    values: { state: string; alertId?: string; errorCode?: string; retryAt?: Date },
  ) {
    await db.query(
      `UPDATE alert_feed_entries SET state = $3, alert_id = $4, error_code = $5,
         next_attempt_at = COALESCE($6, next_attempt_at), updated_at = $7
       WHERE feed_url = $1 AND entry_id = $2`,
      [
        url,
        entry.entry_id,
        values.state,
        values.alertId ?? null,
        values.errorCode ?? null,
        values.retryAt ?? null,
        clock(),
      ],
    );
  }

  /** Fetches and ingests one claimed entry; what became of it. */
  async function take(entry: ClaimedEntry): Promise<'ingested' | 'refused' | 'failed'> {
    try {
      const response = await fetchCapped(fetcher, entry.link, {
        timeoutMs: policy.timeoutMs,
        maxBytes: policy.maxAlertBytes,
        headers: { accept: 'application/cap+xml, application/xml' },
      });
      // No allowedSenders: the operator configured the feed, its messages are trusted for any sender.
      const { answer } = await ingest.ingest({ xml: response.body, source: 'feed', publisher: url });
      await settle(entry, { state: 'done', alertId: answer.id });
      logger.info('alert feed: entry ingested', { entry: entry.entry_id, ...answer });
      return 'ingested';
    } catch (error) {
      if (error instanceof AlertError || error instanceof AlertIngestError) {
        await settle(entry, { state: 'done', errorCode: error.code });
        logger.warn('alert feed: message refused', {
          entry: entry.entry_id,
          code: error.code,
          reason: error.message,
        });
        return 'refused';
      }
      const transient = !(error instanceof FetchError) || error.transient;
      const code = error instanceof FetchError ? `fetch.${error.failure}` : 'ingest.failed';
      const giveUp = !transient || entry.attempts >= policy.maxAttempts;
      const retryAt = new Date(clock().getTime() + policy.retryBaseMs * 2 ** (entry.attempts - 1));
      await settle(
        entry,
        giveUp ? { state: 'failed', errorCode: code } : { state: 'pending', errorCode: code, retryAt },
      );
      logger.warn(giveUp ? 'alert feed: entry given up' : 'alert feed: entry will be fetched again', {
        entry: entry.entry_id,
        attempts: entry.attempts,
        error: errorFields(error),
      });
      return 'failed';
    }
  }

  async function round(): Promise<FeedRound> {
    const result: FeedRound = { listed: 0, added: 0, ingested: 0, refused: 0, failed: 0 };
    try {
      Object.assign(result, await readFeed());
      failures = 0;
    } catch (error) {
      failures++;
      logger.warn('alert feed: feed not read', { url, failures, error: errorFields(error) });
    }
    // Entries recorded earlier are still taken when the feed itself is unreachable.
    try {
      for (const entry of await claimDue()) result[await take(entry)]++;
    } catch (error) {
      logger.warn('alert feed: entries not taken', { error: errorFields(error) });
    }
    return result;
  }

  const pollOnce = () => {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  };

  function schedule() {
    if (stopped) return;
    const wait = Math.min(policy.maxIntervalMs, policy.intervalMs * 2 ** failures);
    timer = setTimeout(() => void pollOnce().finally(schedule), wait);
    timer.unref();
  }

  return {
    pollOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      void pollOnce().finally(schedule);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
