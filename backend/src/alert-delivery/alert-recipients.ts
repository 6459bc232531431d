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
 * Households the given alerts' messages told of an order (issue or lift). Read while the alert replacing them is
 * targeted, so the database works meanwhile, and as one text value: 19,000 rows would be parsed on the node's
 * event loop (30–60 ms between the targeting and the first box); one comma-separated value splits in about 1 ms.
 * A household reached by several of them is listed once.
 */
export async function householdsAlerted(db: Queryable, alertIds: readonly string[]): Promise<Set<string>> {
  if (alertIds.length === 0) return new Set();
  const [row] = await db.query<{ ids: string | null }>(
    `SELECT string_agg(household_id::text, ',') AS ids FROM alert_recipients
      WHERE alert_id = ANY($1::uuid[]) AND kind <> 'cancel'`,
    [alertIds],
  );
  return new Set(row?.ids ? row.ids.split(',') : []);
}
