// The AlertDispatcher (backend/src/alerts/alert-dispatcher.ts): from a stored alert to one rendered push
// message. Target (this node's household index, the shelters now) → withdraw the messages of what it replaces →
// in one transaction: claim (the alert_dispatches row: INSERT … ON CONFLICT DO NOTHING, so an alert is
// dispatched once however many nodes or retries ask), store the one message whose payload each node renders per
// household (alert-renderer.ts), record the recipients in one statement. An Update also tells the households its
// area no longer covers that the earlier alert is cancelled; a Cancel tells everyone the withdrawn alerts
// reached. Test, System and Draft alerts are recorded and never pushed.
import {
  type Alert,
  type HouseholdAlert,
  type HouseholdIndex,
  type TargetingOutcome,
  targetAlertInSteps,
} from '@myna-tv/disaster';
import type { AlertDispatcher, DispatchSummary, StoredAlert } from '../alerts/index.ts';
import type { Database } from '../db/index.ts';
import type { EncodedPayload, PublishRequest, PushGateway } from '../push/index.ts';
import { cancelComposer, cancelPayloads, encodeAlertPayload } from './alert-payloads.ts';
import {
  type AlertRecipient,
  householdsAlerted,
  insertRecipients,
  recipientRows,
} from './alert-recipients.ts';
import type { AlertRenderer } from './alert-renderer.ts';
import { inTurns } from './in-turns.ts';
import { describeWithdrawn } from './message-plans.ts';
import type { NodeHouseholds } from './node-households.ts';
import { loadShelterRegistry } from './stored-shelters.ts';

export const alertTopic = 'alert';

export type DispatchOutcome = TargetingOutcome | 'withdrawn';

/** What the dispatcher needs of the push gateway. */
export type AlertPush = Pick<PushGateway, 'publishWithin' | 'withdraw'>;

export interface AlertDispatcherOptions {
  db: Database;
  households: NodeHouseholds;
  renderer: AlertRenderer;
  push: AlertPush;
  clock: () => Date;
  /** How long a message stays in force when the alert gives no expiry (every info needs one). */
  defaultTtlMs: number;
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

/** What a dispatch keeps of a household's payload as soon as it is composed: its recipient row, its bytes. */
interface Delivery {
  recipient: AlertRecipient;
  payload: EncodedPayload;
}

function deliveryOf({ householdId, payload }: HouseholdAlert): Delivery {
  return {
    recipient: {
      householdId,
      role: payload.role,
      kind: payload.kind,
      priority: payload.priority,
      shelterId: payload.shelter?.id ?? null,
    },
    payload: encodeAlertPayload(payload),
  };
}

export function createAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  const { db, households, renderer, push, clock } = options;

  /** Every info's expiry passed (an info without one: the configured default from now). */
  function expiryOf(alert: Alert, now: Date): Date {
    const times = alert.infos.map((info) => (info.expires ? Date.parse(info.expires) : Number.NaN));
    if (times.length === 0 || times.some(Number.isNaN)) return new Date(now.getTime() + options.defaultTtlMs);
    return new Date(Math.max(...times));
  }

  async function findSummary(alertId: string): Promise<DispatchSummary | undefined> {
    const [row] = await db.query<{ outcome: string; targeted: number; push_seq: number | null }>(
      'SELECT outcome, targeted, push_seq FROM alert_dispatches WHERE alert_id = $1',
      [alertId],
    );
    return row && { outcome: row.outcome, targeted: row.targeted, pushSeq: row.push_seq };
  }

  async function summaryOf(alertId: string): Promise<DispatchSummary> {
    const summary = await findSummary(alertId);
    if (summary === undefined) throw new Error(`alert ${alertId} has no dispatch`);
    return summary;
  }

  /** Dispatches under way on this node, by alert id. */
  const running = new Map<string, Promise<DispatchSummary>>();

  /**
   * Runs an alert's dispatch unless it ran already (its claim is stored) or runs now on this node; then the
   * caller gets that dispatch's summary. The recovery's timer lists alerts not yet claimed, so it would
   * otherwise target, compose and encode an alert a second time while ingest dispatches it (a quarter of a
   * second of CPU on 19,000 households, during the fan-out), and its lost claim evicted the payloads the
   * fan-out had just put in the renderer.
   */
  function once(alertId: string, run: () => Promise<DispatchSummary>): Promise<DispatchSummary> {
    const current = running.get(alertId);
    if (current) return current;
    const dispatching = (async () => (await findSummary(alertId)) ?? run())().finally(() =>
      running.delete(alertId),
    );
    running.set(alertId, dispatching);
    return dispatching;
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

  /**
   * Withdraws what the alert replaces, then in one transaction claims it, stores its one message (none when it
   * is for nobody) and records the recipients: a crash leaves all of it or nothing (the stored alert is then
   * dispatched by the recovery). This node's boxes get the message as soon as it is stored, so the fan-out
   * runs while the recipients are written; the other nodes, which render from those rows, once committed.
   * When another node or call already claimed the alert, nothing is pushed.
   */
  async function dispatch(
    stored: StoredAlert,
    replaces: readonly string[],
    plan: {
      kind: MessageSummary['kind'];
      outcome: DispatchOutcome;
      /** Households of the area (those told only of a cancel not counted). */
      targeted: number;
      /** In delivery order, one per household. */
      deliveries: readonly Delivery[];
      index: HouseholdIndex | null;
    },
  ): Promise<DispatchSummary> {
    const withdrawnUntil = await withdrawReplaced(replaces);
    const now = clock();
    const expiresAt =
      // A cancel lasts as long as what it withdraws would have (unless that is over), so a box that comes back
      // while it would still show the alert learns.
      plan.kind === 'cancel' && withdrawnUntil !== null && withdrawnUntil > now
        ? withdrawnUntil
        : expiryOf(stored.alert, now);
    const households = plan.deliveries.length;
    const publishing = households > 0 && expiresAt > now;
    if (publishing) {
      const payloads = new Map(
        plan.deliveries.map(({ recipient, payload }) => [recipient.householdId, payload]),
      );
      renderer.put(stored.id, payloads, expiresAt);
    }
    const summary: MessageSummary = {
      alertId: stored.id,
      thread: stored.thread,
      kind: plan.kind,
      households,
    };
    const request: PublishRequest = {
      target: { kind: 'rendered', topic: alertTopic, key: stored.id },
      payload: summary,
      expiresAt,
    };
    const rows =
      plan.index === null || households === 0
        ? null
        : recipientRows(
            plan.deliveries.map((delivery) => delivery.recipient),
            plan.index,
          );
    const claimed = await push.publishWithin(request, (append) =>
      db.transaction(async (tx) => {
        const claim = await tx.query(
          `INSERT INTO alert_dispatches (alert_id, replaces, outcome, targeted, dispatched_at)
           VALUES ($1, $2::uuid[], $3, $4, $5) ON CONFLICT (alert_id) DO NOTHING RETURNING alert_id`,
          [stored.id, replaces, plan.outcome, plan.targeted, now],
        );
        if (claim.length === 0) return false;
        if (publishing) {
          const { seq } = await append(tx);
          await tx.query('UPDATE alert_dispatches SET push_seq = $2 WHERE alert_id = $1', [stored.id, seq]);
        }
        if (rows !== null) await insertRecipients(tx, stored.id, rows);
        return true;
      }),
    );
    if (!claimed && publishing) renderer.evict(stored.id);
    return summaryOf(stored.id);
  }

  /** Cancel payloads for `households`, told that `withdrawn` no longer holds. */
  async function cancelsFor(
    message: StoredAlert,
    withdrawn: readonly string[],
    index: HouseholdIndex,
    households: readonly string[],
  ): Promise<Delivery[]> {
    if (households.length === 0) return [];
    const compose = cancelComposer(message.alert, message.thread, await describeWithdrawn(db, withdrawn));
    return cancelPayloads(households, index, compose).map(deliveryOf);
  }

  const nothing = { deliveries: [], index: null, targeted: 0 };

  async function issue(stored: StoredAlert, replaces: readonly string[]): Promise<DispatchSummary> {
    if (!forViewers(stored.alert)) {
      return dispatch(stored, [], { ...nothing, kind: 'alert', outcome: 'not-for-viewers' });
    }
    // Whom the replaced alerts reached is read while this one is targeted (awaited after it).
    const alerted = householdsAlerted(db, replaces);
    alerted.catch(() => {});
    const [index, shelters] = await Promise.all([households.current(), loadShelterRegistry(db)]);
    const result = await inTurns(
      targetAlertInSteps(stored.alert, { households: index, shelters, thread: stored.thread }, deliveryOf),
    );
    const uncovered = await alerted;
    for (const { recipient } of result.deliveries) uncovered.delete(recipient.householdId);
    const cancels = await cancelsFor(stored, replaces, index, [...uncovered]);
    return dispatch(stored, replaces, {
      kind: 'alert',
      outcome: result.outcome,
      targeted: result.deliveries.length,
      deliveries: [...result.deliveries, ...cancels],
      index,
    });
  }

  async function withdraw(cancel: StoredAlert, withdrawn: readonly string[]): Promise<DispatchSummary> {
    if (!forViewers(cancel.alert)) {
      return dispatch(cancel, [], { ...nothing, kind: 'cancel', outcome: 'not-for-viewers' });
    }
    const index = await households.current();
    const cancels = await cancelsFor(cancel, withdrawn, index, [...(await householdsAlerted(db, withdrawn))]);
    return dispatch(cancel, withdrawn, {
      kind: 'cancel',
      outcome: 'withdrawn',
      targeted: cancels.length,
      deliveries: cancels,
      index,
    });
  }

  return {
    issue: (stored, replaces) => once(stored.id, () => issue(stored, replaces)),
    withdraw: (cancel, withdrawn) => once(cancel.id, () => withdraw(cancel, withdrawn)),
  };
}
