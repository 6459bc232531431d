// Finding a household to record its watch-over consent for, from the signed paper form: by part of the address
// or of a member's name, among the households of the searcher's municipality (admins: all). Addresses and names
// are sealed, so the municipality's households are opened here and filtered in memory: fine for a town's
// households, audited as a read of personal data.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { householdField, unsealMembers } from '../devices/index.ts';
import { searchForm } from '../residents/search-form.ts';
import type { HouseholdMatch } from './contracts.ts';

interface HouseholdRow {
  id: string;
  address_sealed: string;
  members_sealed: string;
  enrolled: boolean;
  withdrawn: boolean;
}

export async function searchHouseholds(
  db: Queryable,
  cipher: FieldCipher,
  options: { municipality: string | null; text: string; limit: number; actor: AuditActor; now: Date },
): Promise<HouseholdMatch[]> {
  const rows = await db.query<HouseholdRow>(
    `SELECT h.id, h.address_sealed, h.members_sealed, e.household_id IS NOT NULL AS enrolled,
            e.withdrawn_at IS NOT NULL AS withdrawn
       FROM households h LEFT JOIN watch_over_enrolments e ON e.household_id = h.id
      WHERE $1::text IS NULL OR h.local_government_code = $1
      ORDER BY h.created_at, h.id`,
    [options.municipality],
  );
  await recordAudit(db, {
    actor: options.actor,
    action: 'watch-over.household-search',
    target: { type: 'households', id: options.municipality },
    at: options.now,
  });
  // Words apart are all wanted, anywhere in the address or names: 「奥河内 寺前99」 finds 「奥河内字寺前９９番地」.
  const words = options.text.normalize('NFKC').split(/\s+/).filter(Boolean).map(searchForm);
  const found: HouseholdMatch[] = [];
  for (const row of rows) {
    const address = cipher.decrypt(row.address_sealed, householdField('address_sealed', row.id));
    const members = unsealMembers(cipher, row.members_sealed, row.id).map((member) => member.name);
    const texts = [address, ...members].map(searchForm);
    if (!words.every((word) => texts.some((text) => text.includes(word)))) continue;
    const consent = !row.enrolled ? 'none' : row.withdrawn ? 'withdrawn' : 'agreed';
    found.push({ householdId: row.id, address, members, consent });
    if (found.length === options.limit) break;
  }
  return found;
}
