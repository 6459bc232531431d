// The watch-over round: every household that agreed and has had no activity for its quiet period raises one
// notice for that period — a row on the municipality's list and a mailbox notice to each registered resident
// among its contacts, in one transaction. The row's unique key (household, quiet_since) makes it once per
// period on any number of nodes; a transaction-scoped advisory lock lets one node do a round at a time, so the
// others skip instead of queueing. Activity moves quiet_since on, so the next quiet period raises again.
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { addNotice } from '../mailbox/index.ts';
import { openConsent } from './consent.ts';

/** "wtch" in ASCII: the advisory lock of the round. */
const roundLock = 0x77746368;

/** Activity older than this is deleted by the round: counts are kept only as long as they are needed. */
export const activityKeepDays = 30;

export interface QuietRound {
  /** Notices raised by this round (0 when another node held the round). */
  raised: number;
  skipped: boolean;
}

interface RaisedRow {
  id: string;
  household_id: string;
  quiet_since: Date;
  consent_sealed: string;
  quiet_hours: number;
}

const japanTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

export async function runQuietRound(
  db: Database,
  cipher: FieldCipher,
  options: { now: Date },
): Promise<QuietRound> {
  const { now } = options;
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ held: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS held', [
      roundLock,
    ]);
    if (!lock?.held) return { raised: 0, skipped: true };
    const raised = await tx.query<RaisedRow>(
      `WITH due AS (
         SELECT e.household_id, GREATEST(e.agreed_at, l.active_until) AS quiet_since
           FROM watch_over_enrolments e LEFT JOIN watch_over_last_activity l USING (household_id)
          WHERE e.withdrawn_at IS NULL
            AND GREATEST(e.agreed_at, l.active_until) + make_interval(hours => e.quiet_hours) <= $1)
       INSERT INTO watch_over_notices (id, household_id, quiet_since, raised_at)
       SELECT gen_random_uuid(), household_id, quiet_since, $1 FROM due
       ON CONFLICT (household_id, quiet_since) DO NOTHING
       RETURNING id, household_id, quiet_since,
         (SELECT consent_sealed FROM watch_over_enrolments e WHERE e.household_id = watch_over_notices.household_id),
         (SELECT quiet_hours FROM watch_over_enrolments e WHERE e.household_id = watch_over_notices.household_id)`,
      [now],
    );
    for (const row of raised) {
      const consent = openConsent(cipher, row.household_id, row.consent_sealed);
      for (const contact of consent.contacts) {
        if (!('residentId' in contact)) continue;
        await addNotice(tx, cipher, {
          residentId: contact.residentId,
          // The municipality runs the watch.
          sender: { kind: 'municipality', id: null, name: '見守りサービス' },
          kind: 'watch-over',
          title: '見守りのお知らせ',
          body:
            `${consent.agreedBy}さんのお宅のテレビで、${japanTime.format(row.quiet_since)}ごろから` +
            `${row.quiet_hours}時間以上、リモコンの操作がありません。\nご様子を確かめてください。` +
            '\n市町村の担当にもお知らせしています。',
          dedupeKey: `watch-over:${row.id}:${contact.residentId}`,
          now,
        });
      }
    }
    await tx.query(
      `DELETE FROM watch_over_activity WHERE hour < $1::timestamptz - make_interval(days => $2)`,
      [now, activityKeepDays],
    );
    return { raised: raised.length, skipped: false };
  });
}
