// Alerts delivered to the test's box the way the backend's dispatch leaves them: a stored alert (alerts), its
// recipient household (alert_recipients) and its dispatch with the push message's seq (alert_dispatches), and
// the push message itself as a rendered message of topic `alert` whose payload is the household's
// AlertPayload. The rows are written directly so that the box side is tested without depending on a CAP
// message and the targeting run; POST /api/v1/alert-responses then finds the alert as it would in service.
import { randomUUID } from 'node:crypto';
import type { PushMessage } from '@myna-tv/backend';
import type { AlertPayload } from '@myna-tv/disaster';
import type { BackendNode } from './backend-node.ts';

export interface AlertDelivery {
  /** Delivers `payload` to the household; `payload.thread` must be a uuid (alerts.thread). */
  deliver(payload: AlertPayload, options?: { ttlMs?: number }): Promise<PushMessage>;
  /** The household's answer row for a thread (alert_responses), or undefined. */
  response(thread: string): Promise<{ answer: string | null; shown: boolean } | undefined>;
}

export function alertDelivery(backend: BackendNode, householdId: string): AlertDelivery {
  const payloads = new Map<string, AlertPayload>();
  backend.gateway.setRenderer('alert', {
    async render(key) {
      const payload = payloads.get(key);
      return new Map(payload ? [[householdId, payload as unknown as PushMessage['payload']]] : []);
    },
  });
  return {
    async deliver(payload, options = {}) {
      const id = randomUUID();
      const now = new Date();
      const msgType = payload.kind === 'cancel' ? 'Cancel' : 'Alert';
      await backend.db.query(
        `INSERT INTO alerts (id, sender, identifier, sent, status, msg_type, thread, state, outcome, expires_at,
           level, headline, source, publisher, links, alert, model, xml, signature, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'in-force', 'dispatched', $8, $9, $10, 'api', 'test', '{}', '{}',
           '{}', '<alert/>', '{}', $4)`,
        [
          id,
          payload.alert.sender,
          `${payload.alert.identifier}-${id}`,
          now,
          payload.status,
          msgType,
          payload.thread,
          payload.alert.expires,
          payload.level,
          payload.ja.title,
        ],
      );
      await backend.db.query(
        `INSERT INTO alert_recipients (alert_id, household_id, role, kind, priority, shelter_id, local_government_code)
         VALUES ($1, $2, $3, $4, $5, $6, '363871')`,
        [id, householdId, payload.role, payload.kind, payload.priority, payload.shelter?.id ?? null],
      );
      payloads.set(id, payload);
      const message = await backend.gateway.publish({
        target: { kind: 'rendered', topic: 'alert', key: id },
        payload: { alertId: id },
        ttlMs: options.ttlMs ?? 3_600_000,
      });
      await backend.db.query(
        `INSERT INTO alert_dispatches (alert_id, replaces, outcome, targeted, push_seq, dispatched_at, published_at)
         VALUES ($1, '{}', 'dispatched', 1, $2, $3, $3)`,
        [id, message.seq, now],
      );
      return message;
    },
    async response(thread) {
      const rows = await backend.db.query<{ answer: string | null; shown_at: Date | null }>(
        'SELECT answer, shown_at FROM alert_responses WHERE thread = $1 AND household_id = $2',
        [thread, householdId],
      );
      const row = rows[0];
      return row && { answer: row.answer, shown: row.shown_at !== null };
    },
  };
}
