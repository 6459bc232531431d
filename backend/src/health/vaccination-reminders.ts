// 予防接種のおしらせ: a daily job (scheduled by reminder-job.ts). For every linked child, the routine doses due
// (schedule + the child's record) that fall due within the lead time get one notice per parent in their
// mailbox (お知らせ, unread on TV). Once, on any number of nodes and reruns: the notice's dedupe key is unique
// (a second node's insert waits for the first and finds its notice), and `health_reminders_sent` remembers each
// reminder after the mailbox has purged its notice. A dose given meanwhile is no longer due and gets none.
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { storeNotice } from '../mailbox/index.ts';
import { givenDoses, japanDay } from './child-record.ts';
import { childEntries, childrenWithParents, type StoredChild } from './health-records.ts';
import { type DueDose, dueDoses } from './immunisation-schedule.ts';

export const reminderTitle = '予防接種のおしらせ';

function reminderBody(child: StoredChild, dose: DueDose): string {
  const [y, m, d] = dose.dueOn.split('-').map(Number);
  const [cy, cm, cd] = dose.closesOn.split('-').map(Number);
  return (
    `${child.nameKanji ?? 'お子さま'}さんの${dose.name}（${dose.label}）の接種時期です。\n` +
    `${y}年${m}月${d}日から受けられます（定期接種の期限は${cy}年${cm}月${cd}日の前日まで）。\n` +
    '接種の予約は、かかりつけの医療機関にお問い合わせください。'
  );
}

/** Sends the reminders due on `now`'s Japan date; returns how many notices this call added. */
export async function sendVaccinationReminders(options: {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  /** Days before the due date the notice goes out (VACCINATION_REMINDER_DAYS). */
  leadDays: number;
}): Promise<{ children: number; notices: number }> {
  const { db, cipher } = options;
  const now = options.clock();
  const today = japanDay(now);
  const horizon = japanDay(new Date(now.getTime() + options.leadDays * 86_400_000));
  const links = await childrenWithParents(db, cipher);
  let notices = 0;
  for (const { child, residentIds } of links) {
    const entries = await childEntries(db, cipher, child.id);
    const due = dueDoses({ birthDate: child.birthDate, sex: child.sex, given: givenDoses(entries), today });
    for (const dose of due.filter((d) => d.dueOn <= horizon)) {
      const sent = await db.query<{ resident_id: string }>(
        `SELECT resident_id::text FROM health_reminders_sent WHERE child_id = $1 AND vaccine = $2 AND dose = $3`,
        [child.id, dose.vaccine, dose.dose],
      );
      for (const residentId of residentIds) {
        if (sent.some((row) => row.resident_id === residentId)) continue;
        const notice = await storeNotice(db, cipher, {
          residentId,
          sender: {
            kind: 'municipality',
            id: child.localGovernmentCode,
            name: 'お住まいの市町村（予防接種）',
          },
          kind: 'vaccination-reminder',
          title: reminderTitle,
          body: reminderBody(child, dose),
          dedupeKey: `vaccination:${child.id}:${dose.vaccine}:${dose.dose}:${residentId}`,
          now,
        });
        await db.query(
          `INSERT INTO health_reminders_sent (child_id, vaccine, dose, resident_id, notice_id, sent_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [child.id, dose.vaccine, dose.dose, residentId, notice.id, now],
        );
        if (notice.created) notices += 1;
      }
    }
  }
  return { children: links.length, notices };
}
