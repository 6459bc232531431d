// What a node needs to render one alert's message without having targeted it: the stored alert (its model and
// thread), its recipients, and what it withdraws (to name it in the cancel payloads).
import type { Alert, AlertLevel } from '@myna-tv/disaster';
import type { Queryable } from '../db/index.ts';
import type { AlertMessagePlan, WithdrawnAlerts } from './alert-payloads.ts';
import { readRecipients } from './alert-recipients.ts';

/** Level (the highest) and headline of the alerts a message withdraws; null when it withdraws none. */
export async function describeWithdrawn(
  db: Queryable,
  alertIds: readonly string[],
): Promise<WithdrawnAlerts | null> {
  if (alertIds.length === 0) return null;
  const rows = await db.query<{ level: number | null; headline: string | null }>(
    'SELECT level, headline FROM alerts WHERE id = ANY($1::uuid[]) ORDER BY arrival DESC',
    [alertIds],
  );
  if (rows.length === 0) return null;
  const levels = rows.flatMap((row) => (row.level === null ? [] : [row.level]));
  return {
    level: levels.length === 0 ? null : (Math.max(...levels) as AlertLevel),
    headline: rows.find((row) => row.headline !== null)?.headline ?? null,
  };
}

/** Null when the alert was never dispatched. */
export async function loadMessagePlan(db: Queryable, alertId: string): Promise<AlertMessagePlan | null> {
  const [row] = await db.query<{ model: Alert; thread: string; replaces: string[] }>(
    `SELECT a.model, a.thread, d.replaces FROM alerts a JOIN alert_dispatches d ON d.alert_id = a.id
      WHERE a.id = $1`,
    [alertId],
  );
  if (row === undefined) return null;
  const [recipients, withdrawn] = await Promise.all([
    readRecipients(db, alertId),
    describeWithdrawn(db, row.replaces),
  ]);
  return { alert: row.model, thread: row.thread, recipients, withdrawn };
}
