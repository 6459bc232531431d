// The municipality's list of quiet households: the notices raised, newest first, with the address, members
// and contacts to call (personal data: each read is one audit entry). Staff see their municipality only.
import type { AuditActor } from '../audit/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { type HouseholdMember, householdField } from '../devices/index.ts';
import { openConsent } from './consent.ts';
import type { QuietNotice } from './contracts.ts';

interface NoticeRow {
  id: string;
  household_id: string;
  quiet_since: Date;
  raised_at: Date;
  resolved_at: Date | null;
  local_government_code: string;
  address_sealed: string;
  members_sealed: string;
  consent_sealed: string;
}

export async function listQuietNotices(
  db: Queryable,
  cipher: FieldCipher,
  options: { municipality: string | null; openOnly: boolean; limit: number; actor: AuditActor; now: Date },
): Promise<QuietNotice[]> {
  const rows = await db.query<NoticeRow>(
    `SELECT n.id, n.household_id, n.quiet_since, n.raised_at, n.resolved_at, h.local_government_code,
            h.address_sealed, h.members_sealed, e.consent_sealed
       FROM watch_over_notices n JOIN households h ON h.id = n.household_id
       JOIN watch_over_enrolments e ON e.household_id = n.household_id
      WHERE ($1::text IS NULL OR h.local_government_code = $1) AND (NOT $2 OR n.resolved_at IS NULL)
      ORDER BY n.raised_at DESC, n.id LIMIT $3`,
    [options.municipality, options.openOnly, options.limit],
  );
  await recordAudit(db, {
    actor: options.actor,
    action: 'watch-over.notices-read',
    target: { type: 'watch-over-notices', id: options.municipality },
    at: options.now,
  });
  return rows.map((row) => {
    const open = (column: 'address_sealed' | 'members_sealed', sealed: string) =>
      cipher.decrypt(sealed, householdField(column, row.household_id));
    const members = JSON.parse(open('members_sealed', row.members_sealed)) as HouseholdMember[];
    return {
      id: row.id,
      householdId: row.household_id,
      address: open('address_sealed', row.address_sealed),
      members: members.map((member) => member.name),
      localGovernmentCode: row.local_government_code,
      contacts: openConsent(cipher, row.household_id, row.consent_sealed).contacts,
      quietSince: row.quiet_since.toISOString(),
      raisedAt: row.raised_at.toISOString(),
      resolvedAt: row.resolved_at?.toISOString() ?? null,
    };
  });
}
