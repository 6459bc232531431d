// Finding the resident an unresolved person is (a hand entry, a card not registered at the tap), for staff to
// match (person-matches.ts): by part of the name and by age group, among the residents of the reader's
// municipality (by the household of the box they last logged in on; admins: everyone). Names are sealed, so
// the candidates are opened here and filtered in memory: fine for a town's residents, audited as a read of
// personal data. The name on the card is in kanji: a search in kana finds only names written in kana.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { basicInfoField } from '../residents/resident-records.ts';
import { searchForm } from '../residents/search-form.ts';
import { type AgeGroup, ageGroupAt } from './age-group.ts';
import type { ShelterReader } from './shelter-views.ts';
import type { ResidentCandidate } from './view-contracts.ts';

export async function searchResidents(
  db: Queryable,
  options: ShelterReader & {
    name?: string;
    ageGroup?: AgeGroup;
    limit: number;
    cipher: FieldCipher;
    actor: AuditActor;
    now: Date;
  },
): Promise<ResidentCandidate[]> {
  const rows = await db.query<{ id: string; basic_info_sealed: string; household_id: string | null }>(
    `SELECT r.id, r.basic_info_sealed, rh.household_id
       FROM residents r
       LEFT JOIN resident_households rh ON rh.resident_id = r.id
       LEFT JOIN households h ON h.id = rh.household_id
      WHERE $1::text IS NULL OR h.local_government_code = $1
      ORDER BY r.id`,
    [options.municipality],
  );
  await recordAudit(db, {
    actor: options.actor,
    action: 'shelter.resident-search',
    target: { type: 'residents', id: options.municipality },
    at: options.now,
  });
  const wanted = options.name === undefined ? '' : searchForm(options.name);
  const found: ResidentCandidate[] = [];
  for (const row of rows) {
    const info = JSON.parse(options.cipher.decrypt(row.basic_info_sealed, basicInfoField(row.id))) as {
      name: string;
      dateOfBirth: { date: string };
      address: string;
    };
    const ageGroup = ageGroupAt(info.dateOfBirth.date, options.now);
    if (wanted !== '' && !searchForm(info.name).includes(wanted)) continue;
    if (options.ageGroup !== undefined && ageGroup !== options.ageGroup) continue;
    found.push({
      residentId: row.id,
      name: info.name,
      dateOfBirth: info.dateOfBirth.date,
      ageGroup,
      address: info.address,
      householdId: row.household_id,
    });
    if (found.length === options.limit) break;
  }
  return found;
}
