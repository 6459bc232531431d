// Shelter staff bound to one shelter (migration 0016): an operator admin assigns a shelter-staff account to a
// shelter; the shelter routes then show that account its shelter only and let it act (match people) there
// only. Operator admins see every shelter, municipality staff their municipality's (shelter-scope.ts).
import { AccountError } from '../accounts/index.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { CheckinError } from './checkin-error.ts';

export interface StaffShelter {
  shelterId: string;
  localGovernmentCode: string;
}

/** Assigns (or reassigns) a shelter-staff account to a shelter; audited. */
export async function assignShelterStaff(
  db: Database,
  options: { accountId: string; shelterId: string; actor: AuditActor; now: Date },
): Promise<StaffShelter> {
  return db.transaction(async (tx) => {
    const [found] = await tx.query<{ staff: boolean; code: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM operator_accounts WHERE id = $1 AND role = 'shelter-staff') AS staff,
              (SELECT local_government_code FROM shelters WHERE id = $2) AS code`,
      [options.accountId, options.shelterId],
    );
    if (found?.staff !== true) {
      throw new AccountError('account.not-found', 'no shelter-staff account with this id');
    }
    if (found.code === null) throw new CheckinError('checkin.shelter-not-found', 'no such shelter');
    await tx.query(
      `INSERT INTO shelter_staff_assignments (account_id, shelter_id, assigned_by, assigned_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id) DO UPDATE SET shelter_id = $2, assigned_by = $3, assigned_at = $4`,
      [options.accountId, options.shelterId, options.actor.id, options.now],
    );
    await recordAudit(tx, {
      actor: options.actor,
      action: 'shelter.staff-assign',
      target: { type: 'operator-account', id: options.accountId },
      at: options.now,
    });
    return { shelterId: options.shelterId, localGovernmentCode: found.code };
  });
}

/** The shelter a shelter-staff account is assigned to; null: none yet. */
export async function shelterOfStaff(db: Queryable, accountId: string): Promise<StaffShelter | null> {
  const [row] = await db.query<{ shelter_id: string; local_government_code: string }>(
    `SELECT a.shelter_id, s.local_government_code
       FROM shelter_staff_assignments a JOIN shelters s ON s.id = a.shelter_id WHERE a.account_id = $1`,
    [accountId],
  );
  return row === undefined
    ? null
    : { shelterId: row.shelter_id, localGovernmentCode: row.local_government_code };
}
