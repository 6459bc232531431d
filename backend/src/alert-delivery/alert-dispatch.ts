// The AlertDispatcher (backend/src/alerts/alert-dispatcher.ts): from a stored alert to one rendered push
// message. Target (this node's household index, the shelters now) → claim and record in one transaction (the
// alert_dispatches row is the claim: INSERT … ON CONFLICT DO NOTHING, so an alert is dispatched once however
// many nodes or retries ask; the recipients in one statement) → withdraw the messages of what it replaces →
// publish one message whose payload each node renders per household (alert-renderer.ts). An Update also tells
// the households its area no longer covers that the earlier alert is cancelled; a Cancel tells everyone the
// withdrawn alerts reached. Test, System and Draft alerts are recorded and never pushed.
import {
  type Alert,
  type AlertPayload,
  type HouseholdIndex,
  type TargetingOutcome,
  targetAlert,
} from '@myna-tv/disaster';
import type { AlertDispatcher, DispatchSummary, StoredAlert } from '../alerts/index.ts';
import type { Database } from '../db/index.ts';
import type { PushGateway } from '../push/index.ts';
import { cancelComposer, cancelPayloads } from './alert-payloads.ts';
import { type AlertRecipient, householdsAlerted, insertRecipients } from './alert-recipients.ts';
import type { AlertRenderer } from './alert-renderer.ts';
import { describeWithdrawn } from './message-plans.ts';
import type { NodeHouseholds } from './node-households.ts';
import { loadShelterRegistry } from './stored-shelters.ts';

export const alertTopic = 'alert';

export type DispatchOutcome = TargetingOutcome | 'withdrawn';

/** What the dispatcher needs of the push gateway. */
export type AlertPush = Pick<PushGateway, 'publish' | 'withdraw'>;

export interface AlertDispatcherOptions {
  db: Database;
  households: NodeHouseholds;
  renderer: AlertRenderer;
  push: AlertPush;
  clock: () => Date;
  /** How long a message stays in force when the alert gives no expiry (every info needs one). */
  defaultTtlMs: number;
}

export interface DeliveringDispatcher extends AlertDispatcher {
  /**
   * Publishes a claimed dispatch whose push never happened (its node died in between): withdraws what it
   * replaces and publishes, the payloads rendered from the stored recipients.
   */
  publishClaimed(alertId: string): Promise<DispatchSummary>;
}

/** The summary kept in the message log (never sent to a box). */
interface MessageSummary {
  [key: string]: string | number;
  alertId: string;
  thread: string;
  kind: 'alert' | 'cancel';
  households: number;
}

const forViewers = (alert: Alert) => alert.status === 'Actual' || alert.status === 'Exercise';

function recipientOf(householdId: string, payload: AlertPayload): AlertRecipient {
  return {
    householdId,
    role: payload.role,
    kind: payload.kind,
    priority: payload.priority,
    shelterId: payload.shelter?.id ?? null,
  };
}

export function createAlertDispatcher(options: AlertDispatcherOptions): DeliveringDispatcher {
  const { db, households, renderer, push, clock } = options;

  /** Every info's expiry passed (an info without one: the configured default from now). */
  function expiryOf(alert: Alert, now: Date): Date {
    const times = alert.infos.map((info) => (info.expires ? Date.parse(info.expires) : Number.NaN));
    if (times.length === 0 || times.some(Number.isNaN)) return new Date(now.getTime() + options.defaultTtlMs);
    return new Date(Math.max(...times));
  }

  async function summaryOf(alertId: string): Promise<DispatchSummary> {
    const [row] = await db.query<{ outcome: string; targeted: number; push_seq: number | null }>(
      'SELECT outcome, targeted, push_seq FROM alert_dispatches WHERE alert_id = $1',
      [alertId],
    );
    if (row === undefined) throw new Error(`alert ${alertId} has no dispatch`);
    return { outcome: row.outcome, targeted: row.targeted, pushSeq: row.push_seq };
  }

  const recipientCount = async (alertId: string) => {
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM alert_recipients WHERE alert_id = $1',
      [alertId],
    );
    return row?.n ?? 0;
  };

  /** Claims the alert and records its recipients; false when another node or call already did. */
  async function claim(
    stored: StoredAlert,
    replaces: readonly string[],
    outcome: DispatchOutcome,
    targeted: number,
    recipients: readonly AlertRecipient[],
    index: HouseholdIndex | null,
  ): Promise<boolean> {
    const now = clock();
    return db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO alert_dispatches (alert_id, replaces, outcome, targeted, dispatched_at, published_at)
         VALUES ($1, $2::uuid[], $3, $4, $5, $6) ON CONFLICT (alert_id) DO NOTHING RETURNING alert_id`,
        [
          stored.id,
          replaces,
          outcome,
          targeted,
          now,
          recipients.length === 0 && replaces.length === 0 ? now : null,
        ],
      );
      if (claimed.length === 0) return false;
      if (index !== null) await insertRecipients(tx, stored.id, recipients, index);
      return true;
    });
  }

  /** Withdraws the replaced alerts' messages; resolves to the latest expiry they had. */
  async function withdrawReplaced(replaces: readonly string[]): Promise<Date | null> {
    if (replaces.length === 0) return null;
    const rows = await db.query<{ alert_id: string; push_seq: number; expires_at: Date | null }>(
      `SELECT d.alert_id, d.push_seq, m.expires_at FROM alert_dispatches d
         LEFT JOIN push_message m ON m.seq = d.push_seq
        WHERE d.alert_id = ANY($1::uuid[]) AND d.push_seq IS NOT NULL`,
      [replaces],
    );
    let latest: Date | null = null;
    for (const row of rows) {
      if (row.expires_at !== null && (latest === null || row.expires_at > latest)) latest = row.expires_at;
      await push.withdraw(row.push_seq);
      renderer.evict(row.alert_id);
    }
    for (const id of replaces) renderer.evict(id);
    return latest;
  }

  /** Withdraw what it replaces, then publish the one message (none when it is for nobody). */
  async function publish(
    stored: StoredAlert,
    replaces: readonly string[],
    kind: MessageSummary['kind'],
    payloads: ReadonlyMap<string, AlertPayload> | null,
  ): Promise<DispatchSummary> {
    const withdrawnUntil = await withdrawReplaced(replaces);
    const now = clock();
    const expiresAt =
      // A cancel lasts as long as what it withdraws would have (unless that is over: e.g. a recovery after the
      // withdrawal already happened), so a box that comes back while it would still show the alert learns.
      kind === 'cancel' && withdrawnUntil !== null && withdrawnUntil > now
        ? withdrawnUntil
        : expiryOf(stored.alert, now);
    const count = payloads?.size ?? (await recipientCount(stored.id));
    let pushSeq: number | null = null;
    if (count > 0 && expiresAt > now) {
      if (payloads !== null) renderer.put(stored.id, payloads, expiresAt);
      const summary: MessageSummary = { alertId: stored.id, thread: stored.thread, kind, households: count };
      const message = await push.publish({
        target: { kind: 'rendered', topic: alertTopic, key: stored.id },
        payload: summary,
        expiresAt,
      });
      pushSeq = message.seq;
    }
    await db.query('UPDATE alert_dispatches SET push_seq = $2, published_at = $3 WHERE alert_id = $1', [
      stored.id,
      pushSeq,
      clock(),
    ]);
    return summaryOf(stored.id);
  }

  /** Cancel payloads for the households `withdrawn` alerted, except `still` (covered by the new message). */
  async function cancelsFor(
    message: StoredAlert,
    withdrawn: readonly string[],
    index: HouseholdIndex,
    still: ReadonlySet<string>,
  ): Promise<[string, AlertPayload][]> {
    const alerted = await householdsAlerted(db, withdrawn);
    for (const id of still) alerted.delete(id);
    if (alerted.size === 0) return [];
    const compose = cancelComposer(message.alert, message.thread, await describeWithdrawn(db, withdrawn));
    return cancelPayloads(alerted, index, compose);
  }

  async function notForViewers(stored: StoredAlert): Promise<DispatchSummary> {
    await claim(stored, [], 'not-for-viewers', 0, [], null);
    return summaryOf(stored.id);
  }

  return {
    async issue(stored, replaces) {
      if (!forViewers(stored.alert)) return notForViewers(stored);
      const [index, shelters] = await Promise.all([households.current(), loadShelterRegistry(db)]);
      const result = targetAlert(stored.alert, { households: index, shelters });
      for (const delivery of result.deliveries) delivery.payload.thread = stored.thread;
      const covered = new Set(result.deliveries.map((d) => d.householdId));
      const cancels = await cancelsFor(stored, replaces, index, covered);
      const recipients = [
        ...result.deliveries.map((d) => recipientOf(d.householdId, d.payload)),
        ...cancels.map(([id, payload]) => recipientOf(id, payload)),
      ];
      const claimed = await claim(stored, replaces, result.outcome, covered.size, recipients, index);
      if (!claimed) return summaryOf(stored.id);
      const payloads = new Map<string, AlertPayload>(
        result.deliveries.map((d) => [d.householdId, d.payload]),
      );
      for (const [id, payload] of cancels) payloads.set(id, payload);
      return publish(stored, replaces, 'alert', payloads);
    },

    async withdraw(cancel, withdrawn) {
      if (!forViewers(cancel.alert)) return notForViewers(cancel);
      const index = await households.current();
      const cancels = await cancelsFor(cancel, withdrawn, index, new Set());
      const recipients = cancels.map(([id, payload]) => recipientOf(id, payload));
      const claimed = await claim(cancel, withdrawn, 'withdrawn', cancels.length, recipients, index);
      if (!claimed) return summaryOf(cancel.id);
      return publish(cancel, withdrawn, 'cancel', new Map(cancels));
    },

    async publishClaimed(alertId) {
      const [row] = await db.query<{ model: Alert; thread: string; received_at: Date; replaces: string[] }>(
        `SELECT a.model, a.thread, a.received_at, d.replaces FROM alerts a
           JOIN alert_dispatches d ON d.alert_id = a.id WHERE a.id = $1`,
        [alertId],
      );
      if (row === undefined) throw new Error(`alert ${alertId} has no dispatch`);
      const stored: StoredAlert = {
        id: alertId,
        thread: row.thread,
        alert: row.model,
        receivedAt: row.received_at,
      };
      return publish(stored, row.replaces, row.model.msgType === 'Cancel' ? 'cancel' : 'alert', null);
    },
  };
}
