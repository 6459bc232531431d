// Activity from the boxes: key presses per hour (counts only) and お変わりありませんか answers. A report is
// checked whole (the reporting box, whole hours, nothing in the future or older than the boxes keep), then
// stored idempotently: the count of a (box, hour) only rises, so a repeated or reordered report changes
// nothing. Activity moves the household's last activity on (to the end of its hour) and resolves an open quiet
// notice.
import type { Database, Queryable } from '../db/index.ts';
import type { DeviceIdentity } from '../devices/index.ts';
import { readSchedule } from './consent.ts';
import { type ActivityReport, activityReportDays, type WatchOverSchedule } from './contracts.ts';
import { WatchOverError } from './watch-over-error.ts';

const hourMs = 3_600_000;

interface CheckedHour {
  hour: Date;
  presses: number;
  answers: number;
}

/** The hours of a report, one per hour (the highest counts of repeats); throws watch-over.* on bad input. */
export function checkActivityHours(
  report: ActivityReport,
  options: { device: DeviceIdentity; now: Date },
): CheckedHour[] {
  if (report.deviceId.toLowerCase() !== options.device.deviceId.toLowerCase()) {
    throw new WatchOverError('watch-over.device-mismatch', 'the report names another box than the sender');
  }
  const presentHour = Math.floor(options.now.getTime() / hourMs) * hourMs;
  const oldest = presentHour - activityReportDays * 24 * hourMs;
  const byHour = new Map<number, CheckedHour>();
  for (const entry of report.hours) {
    const at = Date.parse(entry.hour);
    if (at % hourMs !== 0)
      throw new WatchOverError('watch-over.hour-invalid', `${entry.hour} is not on the hour`);
    if (at > presentHour)
      throw new WatchOverError('watch-over.hour-invalid', `${entry.hour} is in the future`);
    if (at < oldest) {
      throw new WatchOverError(
        'watch-over.hour-invalid',
        `${entry.hour} is older than ${activityReportDays} days`,
      );
    }
    const previous = byHour.get(at);
    const answers = entry.answers ?? 0;
    byHour.set(at, {
      hour: new Date(at),
      presses: Math.max(previous?.presses ?? 0, entry.presses),
      answers: Math.max(previous?.answers ?? 0, answers),
    });
  }
  return [...byHour.values()];
}

/** Stores a box's report; resolves to how many hours it named and the household's schedule. */
export async function recordActivity(
  db: Database,
  options: { device: DeviceIdentity; report: ActivityReport; now: Date },
): Promise<{ accepted: number; schedule: WatchOverSchedule }> {
  const { device, now } = options;
  const hours = checkActivityHours(options.report, { device, now });
  const active = hours.filter((h) => h.presses + h.answers > 0).map((h) => h.hour.getTime());
  await db.transaction(async (tx) => {
    if (hours.length > 0) {
      await tx.query(
        `INSERT INTO watch_over_activity (device_id, hour, presses, answers, received_at)
         SELECT $1, h.hour, h.presses, h.answers, $3
           FROM jsonb_to_recordset($2::jsonb) AS h(hour timestamptz, presses integer, answers integer)
         ON CONFLICT (device_id, hour) DO UPDATE SET
           presses = GREATEST(watch_over_activity.presses, EXCLUDED.presses),
           answers = GREATEST(watch_over_activity.answers, EXCLUDED.answers),
           received_at = EXCLUDED.received_at`,
        [device.deviceId, JSON.stringify(hours), now],
      );
    }
    if (active.length > 0)
      await markActive(tx, {
        householdId: device.householdId,
        until: new Date(Math.max(...active) + hourMs),
        now,
      });
  });
  return { accepted: hours.length, schedule: await readSchedule(db, device.householdId) };
}

/** Activity up to `until` (the end of its hour). */
async function markActive(
  tx: Queryable,
  options: { householdId: string; until: Date; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO watch_over_last_activity (household_id, active_until) VALUES ($1, $2)
     ON CONFLICT (household_id) DO UPDATE SET
       active_until = GREATEST(watch_over_last_activity.active_until, EXCLUDED.active_until)`,
    [options.householdId, options.until],
  );
  // The quiet period this activity ends: its notice is resolved (the next period starts at the end of this hour).
  await tx.query(
    `UPDATE watch_over_notices SET resolved_at = $3
      WHERE household_id = $1 AND resolved_at IS NULL AND quiet_since < $2`,
    [options.householdId, options.until, options.now],
  );
}

/**
 * The households (of those given) with any activity of a box from the hour of `since` on: for the alert's
 * unaccounted list, where the hour buckets make "since" up to an hour early.
 */
export async function householdsActiveSince(
  db: Queryable,
  options: { householdIds: readonly string[]; since: Date },
): Promise<Set<string>> {
  if (options.householdIds.length === 0) return new Set();
  const rows = await db.query<{ household_id: string }>(
    `SELECT DISTINCT d.household_id FROM watch_over_activity a JOIN devices d ON d.id = a.device_id
      WHERE d.household_id = ANY (SELECT jsonb_array_elements_text($1::jsonb)::uuid)
        AND a.hour >= date_trunc('hour', $2::timestamptz) AND a.presses + a.answers > 0`,
    [JSON.stringify(options.householdIds), options.since],
  );
  return new Set(rows.map((row) => row.household_id));
}
