// Dispatch that a crash interrupted, finished by whichever node looks first (at start-up, then now and then):
// an alert in force that was stored but never dispatched (a dispatch is one transaction: claim, message and
// recipients, so a crash leaves nothing half done), and a Cancel whose withdrawn alerts' messages are still in
// force.
import type { AlertDispatcher, DispatchSummary, StoredAlert } from '../alerts/index.ts';
import { readStoredAlert } from '../alerts/index.ts';
import type { Database } from '../db/index.ts';

export interface RecoveryReport {
  /** Stored alerts dispatched (issue or withdraw). */
  dispatched: string[];
}

export async function recoverDispatches(
  db: Database,
  options: { dispatcher: AlertDispatcher; clock: () => Date },
): Promise<RecoveryReport> {
  const { dispatcher, clock } = options;
  const now = clock();
  const report: RecoveryReport = { dispatched: [] };
  const record = async (alertId: string, summary: DispatchSummary) => {
    // What ingest would have written had it lived (the answer a duplicate gets).
    await db.query('UPDATE alerts SET dispatch = $2 WHERE id = $1', [alertId, JSON.stringify(summary)]);
  };

  const undispatched = await db.query<{ id: string; msg_type: string; thread: string; arrival: number }>(
    `SELECT a.id, a.msg_type, a.thread, a.arrival FROM alerts a
      WHERE a.status IN ('Actual', 'Exercise')
        AND NOT EXISTS (SELECT 1 FROM alert_dispatches d WHERE d.alert_id = a.id)
        AND ((a.state = 'in-force' AND a.msg_type IN ('Alert', 'Update'))
          OR (a.msg_type = 'Cancel' AND EXISTS (
                SELECT 1 FROM alerts w JOIN alert_dispatches d ON d.alert_id = w.id
                  JOIN push_message m ON m.seq = d.push_seq
                 WHERE w.thread = a.thread AND w.state = 'withdrawn' AND m.expires_at > $1)))
      ORDER BY a.arrival`,
    [now],
  );
  for (const alert of undispatched) {
    const stored = (await readStoredAlert(db, alert.id)) as StoredAlert;
    // Earlier members of the thread this one superseded or withdrew, whose messages were pushed.
    const earlier = await db.query<{ id: string }>(
      `SELECT w.id FROM alerts w JOIN alert_dispatches d ON d.alert_id = w.id
        WHERE w.thread = $1 AND w.arrival < $2 AND w.state = $3 AND d.push_seq IS NOT NULL`,
      [alert.thread, alert.arrival, alert.msg_type === 'Cancel' ? 'withdrawn' : 'superseded'],
    );
    const ids = earlier.map((row) => row.id);
    const summary =
      alert.msg_type === 'Cancel'
        ? await dispatcher.withdraw(stored, ids)
        : await dispatcher.issue(stored, ids);
    await record(alert.id, summary);
    report.dispatched.push(alert.id);
  }
  return report;
}
