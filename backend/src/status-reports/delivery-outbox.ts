// The outbox to insurers: every report and signal is POSTed to the insurer's endpoint until it answers 2xx,
// with `Authorization: Bearer <the insurer's token>` and `Idempotency-Key: <report or signal id>` (the same on
// every attempt), retrying with exponential back-off (capped) for as long as it takes.
//
// Several backend nodes run this worker. A worker claims due rows in one UPDATE over a
// `SELECT … FOR UPDATE SKIP LOCKED`, setting a lease: no other node takes a leased row, so a report is sent
// by one node at a time and, once delivered, never again. The lease (longer than the request timeout) only
// runs out if the worker died mid-request; another node then retries with the same Idempotency-Key, which is
// what lets the insurer recognise a repeat of a request whose answer was lost.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import type { DeliveryState } from './contracts.ts';
import { readInsurerEndpoint } from './insurer-profiles.ts';
import { readReport } from './report-records.ts';
import { readSignal } from './signals.ts';

export type DeliveryKind = DeliveryState['kind'];

export interface DeliveryPolicy {
  /** Delay before the 2nd attempt; doubled for each further one… */
  retryBaseMs: number;
  /** …up to this. */
  retryMaxMs: number;
  /** One request's time limit. */
  timeoutMs: number;
  /** Rows claimed per round. */
  batchSize: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  retryBaseMs: 60_000,
  retryMaxMs: 3_600_000,
  timeoutMs: 10_000,
  batchSize: 20,
};

/** Queues a report or signal for its insurer (in the caller's transaction). Idempotent per id. */
export async function enqueueDelivery(
  db: Queryable,
  options: { id: string; insurerId: string; kind: DeliveryKind; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO insurer_deliveries (id, insurer_id, kind, state, next_attempt_at, created_at)
     SELECT $1, $2, $3,
            CASE WHEN EXISTS (SELECT 1 FROM insurer_profiles WHERE insurer_id = $2 AND endpoint_url IS NOT NULL)
                 THEN 'pending' ELSE 'no-endpoint' END, $4, $4
     ON CONFLICT (id) DO NOTHING`,
    [options.id, options.insurerId, options.kind, options.now],
  );
}

export interface DeliveryRound {
  delivered: number;
  failed: number;
  /** Insurers without an endpoint: the row waits for an API fetch or a new endpoint. */
  noEndpoint: number;
}

export interface DeliveryWorker {
  /** Claims the due rows and tries each once. */
  runOnce(): Promise<DeliveryRound>;
}

interface ClaimedRow {
  id: string;
  insurer_id: string;
  kind: DeliveryKind;
  attempts: number;
  lease_until: Date;
}

export function createDeliveryWorker(options: {
  db: Queryable;
  cipher: FieldCipher;
  clock: () => Date;
  policy?: Partial<DeliveryPolicy>;
  fetch?: typeof fetch;
}): DeliveryWorker {
  const { db, cipher, clock } = options;
  const policy = { ...defaultDeliveryPolicy, ...options.policy };
  const doFetch = options.fetch ?? fetch;
  const leaseMs = policy.timeoutMs * 3;

  const payloadOf = async (row: ClaimedRow): Promise<unknown> => {
    if (row.kind === 'status-report') {
      const report = await readReport(db, cipher, { reportId: row.id });
      if (report === undefined) throw new Error('report missing');
      const { cms, insurerId: _, ...rest } = report;
      return { kind: 'status-report', ...rest, cms: Buffer.from(cms).toString('base64') };
    }
    return { kind: 'certificate-signal', signal: await readSignal(db, row.id) };
  };

  const attempt = async (row: ClaimedRow): Promise<'delivered' | 'failed' | 'no-endpoint'> => {
    const settle = (sql: string, params: unknown[]) =>
      db.query(`${sql} WHERE id = $1 AND lease_until = $2`, [row.id, row.lease_until, ...params]);
    const endpoint = await readInsurerEndpoint(db, cipher, row.insurer_id);
    if (endpoint === undefined) {
      await settle(`UPDATE insurer_deliveries SET state = 'no-endpoint', lease_until = NULL`, []);
      return 'no-endpoint';
    }
    let error: string;
    try {
      const response = await doFetch(endpoint.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${endpoint.token}`,
          'idempotency-key': row.id,
          'content-type': 'application/json',
        },
        body: JSON.stringify(await payloadOf(row)),
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        await settle(
          `UPDATE insurer_deliveries SET state = 'delivered', delivered_at = $3, lease_until = NULL,
             last_error = NULL`,
          [clock()],
        );
        return 'delivered';
      }
      error = `HTTP ${response.status}`;
    } catch (cause) {
      error = cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 300) : 'request failed';
    }
    const delay = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, row.attempts - 1));
    await settle('UPDATE insurer_deliveries SET next_attempt_at = $3, lease_until = NULL, last_error = $4', [
      new Date(clock().getTime() + delay),
      error,
    ]);
    return 'failed';
  };

  return {
    async runOnce() {
      const now = clock();
      const claimed = await db.query<ClaimedRow>(
        `UPDATE insurer_deliveries SET lease_until = $2, attempts = attempts + 1, last_attempt_at = $1
          WHERE id IN (SELECT id FROM insurer_deliveries
                        WHERE state = 'pending' AND next_attempt_at <= $1
                          AND (lease_until IS NULL OR lease_until <= $1)
                        ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id, insurer_id, kind, attempts, lease_until`,
        [now, new Date(now.getTime() + leaseMs), policy.batchSize],
      );
      const round: DeliveryRound = { delivered: 0, failed: 0, noEndpoint: 0 };
      for (const row of claimed) {
        const outcome = await attempt(row);
        if (outcome === 'delivered') round.delivered += 1;
        else if (outcome === 'failed') round.failed += 1;
        else round.noEndpoint += 1;
      }
      return round;
    },
  };
}

/** The outbox for the operator, newest first. */
export async function listDeliveries(db: Queryable, options: { limit: number }): Promise<DeliveryState[]> {
  const rows = await db.query<{
    id: string;
    kind: DeliveryKind;
    insurer_id: string;
    insurer_name: string;
    state: DeliveryState['state'];
    attempts: number;
    next_attempt_at: Date;
    last_attempt_at: Date | null;
    last_error: string | null;
    delivered_at: Date | null;
    created_at: Date;
  }>(
    `SELECT d.id, d.kind, d.insurer_id, COALESCE(p.display_name, c.name) AS insurer_name, d.state, d.attempts,
            d.next_attempt_at, d.last_attempt_at, d.last_error, d.delivered_at, d.created_at
       FROM insurer_deliveries d JOIN api_clients c ON c.id = d.insurer_id
       LEFT JOIN insurer_profiles p ON p.insurer_id = d.insurer_id
      ORDER BY d.created_at DESC, d.id LIMIT $1`,
    [options.limit],
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    insurerId: row.insurer_id,
    insurerName: row.insurer_name,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastAttemptAt: iso(row.last_attempt_at),
    lastError: row.last_error,
    deliveredAt: iso(row.delivered_at),
    createdAt: row.created_at.toISOString(),
  }));
}
