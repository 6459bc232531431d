// The `alerts` table as records: what a stored alert's row holds, and reading it back as a StoredAlert.
import type { Alert } from '@myna-tv/disaster';
import type { Queryable } from '../db/index.ts';
import type { DispatchSummary, StoredAlert } from './alert-dispatcher.ts';

export const alertStates = [
  'in-force',
  'superseded',
  'withdrawn',
  'expired',
  'not-for-viewers',
  'ignored',
] as const;
export type StoredAlertState = (typeof alertStates)[number];

export const alertSources = ['api', 'feed', 'compose'] as const;
export type AlertSourceKind = (typeof alertSources)[number];

export interface AlertRow {
  id: string;
  thread: string;
  state: StoredAlertState;
  outcome: string;
  model: Alert;
  dispatch: DispatchSummary | null;
  received_at: Date;
}

export const alertRowColumns = 'id, thread, state, outcome, model, dispatch, received_at';

export const storedAlertOf = (row: AlertRow): StoredAlert => ({
  id: row.id,
  thread: row.thread,
  alert: row.model,
  receivedAt: row.received_at,
});

/** One stored alert (e.g. for a dispatcher recovering after a restart). */
export async function readStoredAlert(db: Queryable, id: string): Promise<StoredAlert | undefined> {
  const rows = await db.query<AlertRow>(`SELECT ${alertRowColumns} FROM alerts WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : storedAlertOf(rows[0]);
}

/** Marks alerts whose every info has passed its `expires` (state is also right at each ingest). */
export async function expireAlerts(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE alerts SET state = 'expired' WHERE state = 'in-force' AND expires_at <= $1 RETURNING id`,
    [now],
  );
  return rows.length;
}
