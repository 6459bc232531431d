// Test support: an alert stored, dispatched and acknowledged as alert ingest (backend/src/alerts), dispatch
// (backend/src/alert-delivery) and the push gateway leave it in the database: the alerts row, the push
// message, the dispatch row, its recipients in one statement, and acknowledgements of boxes. Written in SQL
// so the tallies are tested on exactly the rows they read, whatever those modules are doing.
import { randomUUID } from 'node:crypto';
import type { AlertJson } from '@myna-tv/disaster';
import type { Queryable } from '../db/index.ts';

export interface TestRecipient {
  householdId: string;
  localGovernmentCode: string;
  machiazaId?: string | null;
  shelterId?: string | null;
  priority?: boolean;
  role?: 'resident' | 'supporter';
}

export interface TestAlertOptions {
  status?: 'Actual' | 'Exercise' | 'Test';
  level?: 3 | 4 | 5;
  headline?: string;
  publisher?: string;
  /** Default: the thread of a new alert (its own id). */
  thread?: string;
  areas?: AlertJson['infos'][number]['areas'];
  receivedAt?: Date;
  recipients: TestRecipient[];
}

export interface TestAlert {
  id: string;
  thread: string;
  /** The push message's seq; none when nobody was targeted. */
  seq: number | null;
}

export function testAlertJson(options: Pick<TestAlertOptions, 'status' | 'level' | 'headline' | 'areas'>) {
  const json: AlertJson = {
    identifier: `test-${randomUUID()}`,
    sender: 'test@example.jp',
    sent: '2026-11-24T12:00:00+09:00',
    status: options.status ?? 'Exercise',
    msgType: 'Alert',
    scope: 'Public',
    references: [],
    signature: { present: false, valid: false, signer: null },
    infos: [
      {
        language: 'ja-JP',
        category: ['Safety'],
        event: '避難指示',
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Likely',
        level: options.level ?? 4,
        headline: options.headline ?? '【訓練】避難指示',
        description: '訓練です。',
        instruction: '避難してください。',
        expires: null,
        areas: options.areas ?? [
          {
            desc: '美波町',
            polygons: [],
            circles: [],
            geocodes: [{ name: 'jisX0402', value: '363871' }],
          },
        ],
      },
    ],
  };
  return json;
}

export async function storeTestAlert(db: Queryable, options: TestAlertOptions): Promise<TestAlert> {
  const id = randomUUID();
  const thread = options.thread ?? id;
  const json = testAlertJson(options);
  const receivedAt = options.receivedAt ?? new Date();
  await db.query(
    `INSERT INTO alerts (id, sender, identifier, sent, status, msg_type, thread, state, outcome, level, headline,
       source, publisher, links, alert, model, xml, signature, received_at)
     VALUES ($1, $2, $3, $4, $5, 'Alert', $6, 'in-force', 'new', $7, $8, 'compose', $9, '{}', $10, '{}',
       '<alert/>', '{}', $11)`,
    [
      id,
      json.sender,
      json.identifier,
      receivedAt,
      json.status,
      thread,
      options.level ?? 4,
      json.infos[0]?.headline ?? null,
      options.publisher ?? 'test',
      JSON.stringify(json),
      receivedAt,
    ],
  );
  let seq: number | null = null;
  if (options.recipients.length > 0) {
    const [message] = await db.query<{ seq: number }>(
      `INSERT INTO push_message (target_kind, target_id, target_topic, payload, expires_at)
       VALUES ('rendered', $1, 'alert', '{}', now() + interval '1 hour') RETURNING seq`,
      [id],
    );
    seq = message?.seq ?? null;
  }
  await db.query(
    `INSERT INTO alert_dispatches (alert_id, replaces, outcome, targeted, push_seq, dispatched_at)
     VALUES ($1, '{}', 'composed', $2, $3, now())`,
    [id, options.recipients.length, seq],
  );
  await db.query(
    `INSERT INTO alert_recipients (alert_id, household_id, role, kind, priority, shelter_id,
       local_government_code, machiaza_id)
     SELECT $1, r.household_id, r.role, 'issue', r.priority, r.shelter_id, r.local_government_code, r.machiaza_id
       FROM jsonb_to_recordset($2::jsonb) AS r(household_id uuid, role text, priority boolean, shelter_id text,
            local_government_code text, machiaza_id text)`,
    [
      id,
      JSON.stringify(
        options.recipients.map((r) => ({
          household_id: r.householdId,
          role: r.role ?? 'resident',
          priority: r.priority ?? false,
          shelter_id: r.shelterId ?? null,
          local_government_code: r.localGovernmentCode,
          machiaza_id: r.machiazaId ?? null,
        })),
      ),
    ],
  );
  return { id, thread, seq };
}

/** The boxes acknowledged the push message, as the gateway's ack batcher records it. */
export async function acknowledge(db: Queryable, seq: number, deviceIds: readonly string[]): Promise<void> {
  await db.query(
    `INSERT INTO push_delivery (device_id, seq, acked_at) SELECT unnest($1::uuid[]), $2, now()`,
    [deviceIds, seq],
  );
}
