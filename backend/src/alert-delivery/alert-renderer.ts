// The push renderer of topic 'alert': the payload of one alert's message per household. The node that
// targeted the alert hands it the payloads it composed; any other node (or this one after a restart) composes
// them once from the stored recipients (alert-payloads.ts). Kept encoded (as the boxes get them) until the
// message expires or is withdrawn: the dispatcher evicts what it withdraws, and a sweep drops what expired or
// another node withdrew.
import type { Queryable } from '../db/index.ts';
import type { EncodedPayload } from '../push/index.ts';
import { renderPayloads } from './alert-payloads.ts';
import { inTurns } from './in-turns.ts';
import { loadMessagePlan } from './message-plans.ts';
import type { NodeHouseholds } from './node-households.ts';
import { loadShelterRegistry } from './stored-shelters.ts';

type EncodedPayloads = ReadonlyMap<string, EncodedPayload>;

export interface AlertRenderer {
  render(key: string): Promise<EncodedPayloads>;
  /** The payloads the targeting node composed and encoded, kept until `expiresAt`. */
  put(alertId: string, payloads: EncodedPayloads, expiresAt: Date): void;
  evict(alertId: string): void;
  /** Drops what expired, or was withdrawn on any node. */
  sweep(): Promise<void>;
  /** Alerts held, for tests and metrics. */
  cached(): string[];
}

interface Entry {
  payloads: Promise<EncodedPayloads>;
  expiresAt: number;
}

export function createAlertRenderer(options: {
  db: Queryable;
  households: NodeHouseholds;
  clock: () => Date;
  /** How long a payload set built here is kept when its message's expiry is not known yet. */
  defaultTtlMs: number;
}): AlertRenderer {
  const { db, households, clock } = options;
  const entries = new Map<string, Entry>();

  async function build(alertId: string): Promise<EncodedPayloads> {
    const plan = await loadMessagePlan(db, alertId);
    if (plan === null) return new Map();
    const [index, shelters] = await Promise.all([households.current(), loadShelterRegistry(db)]);
    return inTurns(renderPayloads(plan, index, shelters));
  }

  return {
    render(key) {
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = { payloads: build(key), expiresAt: clock().getTime() + options.defaultTtlMs };
        entries.set(key, entry);
        // A failed build is not kept: the next delivery or replay asks again.
        entry.payloads.catch(() => {
          if (entries.get(key) === entry) entries.delete(key);
        });
      }
      return entry.payloads;
    },
    put(alertId, payloads, expiresAt) {
      entries.set(alertId, { payloads: Promise.resolve(payloads), expiresAt: expiresAt.getTime() });
    },
    evict(alertId) {
      entries.delete(alertId);
    },
    async sweep() {
      const now = clock().getTime();
      for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
      const keys = [...entries.keys()];
      if (keys.length === 0) return;
      const rows = await db.query<{ alert_id: string; expires_at: Date }>(
        `SELECT d.alert_id, m.expires_at FROM alert_dispatches d JOIN push_message m ON m.seq = d.push_seq
          WHERE d.alert_id = ANY($1::uuid[])`,
        [keys],
      );
      for (const row of rows) {
        const entry = entries.get(row.alert_id);
        if (entry === undefined) continue;
        entry.expiresAt = row.expires_at.getTime();
        if (entry.expiresAt <= now) entries.delete(row.alert_id);
      }
    },
    cached: () => [...entries.keys()],
  };
}
