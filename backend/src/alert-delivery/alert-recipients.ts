// alert_recipients (migration 0008): the households one alert's push message is for and how, written in one
// statement (one JSON document of rows: 100,000 rows in one round trip) and read back by nodes that render the alert
// without having targeted it.
import type { AlertPayload, HouseholdIndex } from '@myna-tv/disaster';
import type { Queryable } from '../db/index.ts';

export interface AlertRecipient {
  householdId: string;
  role: AlertPayload['role'];
  kind: AlertPayload['kind'];
  priority: boolean;
  shelterId: string | null;
}

/**
 * The recipients as one JSON document of rows for `insertRecipients`: JSON.stringify is native, whereas the
 * driver would escape every element of seven arrays in JavaScript (about 100 ms for 19,000 recipients, all of
 * it blocking the event loop). Encoded before the dispatch's transaction, so not during the fan-out.
 */
export function recipientRows(recipients: readonly AlertRecipient[], index: HouseholdIndex): string {
  const rows = recipients.map((recipient) => {
    const position = index.positionById.get(recipient.householdId);
    const household = position === undefined ? undefined : index.households[position];
    if (household === undefined) throw new Error(`recipient ${recipient.householdId} is not in the index`);
    return [
      recipient.householdId,
      recipient.role,
      recipient.kind,
      recipient.priority,
      recipient.shelterId,
      household.localGovernmentCode,
      household.machiazaId === null ? null : household.machiazaId.slice(-7),
    ];
  });
  return JSON.stringify(rows);
}

export async function insertRecipients(db: Queryable, alertId: string, rows: string): Promise<void> {
  await db.query(
    `INSERT INTO alert_recipients (alert_id, household_id, role, kind, priority, shelter_id, local_government_code,
       machiaza_id)
     SELECT $1, (r->>0)::uuid, r->>1, r->>2, (r->>3)::boolean, r->>4, r->>5, r->>6
       FROM jsonb_array_elements($2::jsonb) AS r`,
    [alertId, rows],
  );
}

export async function readRecipients(db: Queryable, alertId: string): Promise<AlertRecipient[]> {
  const rows = await db.query<{
    household_id: string;
    role: AlertRecipient['role'];
    kind: AlertRecipient['kind'];
    priority: boolean;
    shelter_id: string | null;
  }>('SELECT household_id, role, kind, priority, shelter_id FROM alert_recipients WHERE alert_id = $1', [
    alertId,
  ]);
  return rows.map((row) => ({
    householdId: row.household_id,
    role: row.role,
    kind: row.kind,
    priority: row.priority,
    shelterId: row.shelter_id,
  }));
}

/**
 * Households of the given alerts' messages that were told of an order (issue or lift), once each, except those
 * in `still`. The difference is taken in PostgreSQL: `still` goes as one JSON document, and an Update covering
 * the same town reads back nothing rather than every household it reached (19,000 rows parsed on the node's
 * event loop, between the targeting and the first box).
 */
export async function householdsAlerted(
  db: Queryable,
  alertIds: readonly string[],
  still: readonly string[],
): Promise<string[]> {
  if (alertIds.length === 0) return [];
  const rows = await db.query<{ household_id: string }>(
    `SELECT DISTINCT household_id FROM alert_recipients
      WHERE alert_id = ANY($1::uuid[]) AND kind <> 'cancel'
        AND household_id NOT IN (SELECT value::uuid FROM jsonb_array_elements_text($2::jsonb))`,
    [alertIds, JSON.stringify(still)],
  );
  return rows.map((row) => row.household_id);
}
