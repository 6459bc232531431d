// A box reports on an alert: shown, answered, or both. One row per (thread, household), whichever box of the
// household reports: the first time shown is kept, and of several answers the one with the latest answer
// time wins, so a report repeated after a lost reply, or arriving late from a second box, changes nothing
// it should not. Times a box gives are never later than the arrival (a box with its clock ahead cannot pin
// its answer against a later one).
import type { Queryable } from '../db/index.ts';
import type { DeviceIdentity } from '../devices/index.ts';
import { AlertTallyError } from './alert-tally-error.ts';
import type { AlertAnswer, AlertResponse, AlertResponseInput } from './contracts.ts';

interface ResponseRow {
  thread: string;
  shown_at: Date;
  answer: AlertAnswer | null;
  answered_at: Date | null;
}

const notLater = (iso: string | undefined, now: Date): Date | null =>
  iso === undefined ? null : new Date(Math.min(Date.parse(iso), now.getTime()));

export async function recordResponse(
  db: Queryable,
  report: { device: DeviceIdentity; input: AlertResponseInput; now: Date },
): Promise<AlertResponse> {
  const { device, input, now } = report;
  const answeredAt = input.answer === undefined ? null : (notLater(input.answeredAt, now) ?? now);
  const shownAt = notLater(input.shownAt, now) ?? answeredAt ?? now;
  // The seq must be an alert's push message, and the household one the thread was sent to (an Update may
  // have sent the thread to it first).
  const rows = await db.query<ResponseRow>(
    `WITH sent AS (
       SELECT a.id, a.thread FROM alert_dispatches d JOIN alerts a ON a.id = d.alert_id
        WHERE d.push_seq = $1
          AND EXISTS (SELECT 1 FROM alert_recipients r JOIN alerts t ON t.id = r.alert_id
                       WHERE r.household_id = $2 AND t.thread = a.thread)
        LIMIT 1)
     INSERT INTO alert_responses AS old
       (thread, household_id, alert_id, seq, device_id, shown_at, answer, answered_at, updated_at)
     SELECT sent.thread, $2, sent.id, $1, $3, $4, $5, $6, $7 FROM sent
     ON CONFLICT (thread, household_id) DO UPDATE SET
       shown_at = LEAST(old.shown_at, EXCLUDED.shown_at),
       answer = CASE WHEN EXCLUDED.answered_at > old.answered_at OR old.answered_at IS NULL
                     THEN COALESCE(EXCLUDED.answer, old.answer) ELSE old.answer END,
       answered_at = GREATEST(old.answered_at, EXCLUDED.answered_at),
       alert_id = EXCLUDED.alert_id, seq = EXCLUDED.seq, device_id = EXCLUDED.device_id,
       updated_at = EXCLUDED.updated_at
     RETURNING thread, shown_at, answer, answered_at`,
    [input.seq, device.householdId, device.deviceId, shownAt, input.answer ?? null, answeredAt, now],
  );
  const row = rows[0];
  if (row === undefined) {
    throw new AlertTallyError('alert.not-found', `push message ${input.seq} is no alert for this household`);
  }
  return {
    seq: input.seq,
    thread: row.thread,
    shownAt: row.shown_at.toISOString(),
    answer: row.answer,
    answeredAt: row.answered_at?.toISOString() ?? null,
  };
}
