// 予防接種のおしらせ: a daily job. For every linked child, the routine doses due (schedule + the child's record)
// that fall due within the lead time get one notice per parent in their mailbox (お知らせ, unread on TV). Once:
// the notice's dedupe key names child, vaccine, dose and parent, so reruns, several nodes and later days add
// nothing; a dose given meanwhile is no longer due and gets none.
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { addNotice } from '../mailbox/index.ts';
import { givenDoses, japanDay } from './child-record.ts';
import { childEntries, type StoredChild } from './health-records.ts';
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

/** Sends the reminders due on `now`'s Japan date; returns how many notices were added. */
export async function sendVaccinationReminders(options: {
  db: Database;
  cipher: FieldCipher;
  clock: () => Date;
  /** Days before the due date the notice goes out. */
  leadDays: number;
}): Promise<{ children: number; notices: number }> {
  const { db, cipher } = options;
  const now = options.clock();
  const today = japanDay(now);
  const horizon = japanDay(new Date(now.getTime() + options.leadDays * 86_400_000));
  const links = await db.query<{
    child_id: string;
    resident_ids: string[];
    local_government_code: string;
    patient_sealed: string;
  }>(
    `SELECT c.id AS child_id, c.local_government_code, c.patient_sealed, array_agg(l.resident_id::text) AS resident_ids
       FROM health_parent_links l JOIN health_children c ON c.id = l.child_id
      GROUP BY c.id, c.local_government_code, c.patient_sealed`,
  );
  let notices = 0;
  for (const link of links) {
    const patient = JSON.parse(
      cipher.decrypt(link.patient_sealed, {
        table: 'health_children',
        column: 'patient_sealed',
        rowId: link.child_id,
      }),
    ) as Omit<StoredChild, 'id' | 'localGovernmentCode'>;
    const child: StoredChild = {
      id: link.child_id,
      localGovernmentCode: link.local_government_code,
      ...patient,
    };
    const entries = await childEntries(db, cipher, child.id);
    const due = dueDoses({ birthDate: child.birthDate, sex: child.sex, given: givenDoses(entries), today });
    for (const dose of due.filter((d) => d.dueOn <= horizon)) {
      for (const residentId of link.resident_ids) {
        const key = `vaccination:${child.id}:${dose.vaccine}:${dose.dose}:${residentId}`;
        const [known] = await db.query('SELECT 1 FROM resident_notices WHERE dedupe_key = $1', [key]);
        if (known !== undefined) continue;
        await addNotice(db, cipher, {
          residentId,
          sender: {
            kind: 'municipality',
            id: child.localGovernmentCode,
            name: 'お住まいの市町村（予防接種）',
          },
          kind: 'vaccination-reminder',
          title: reminderTitle,
          body: reminderBody(child, dose),
          dedupeKey: key,
          now,
        });
        notices += 1;
      }
    }
  }
  return { children: links.length, notices };
}
