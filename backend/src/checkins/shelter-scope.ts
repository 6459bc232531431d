// Which shelters a staff member sees and acts for: operator admins all (or the municipality they ask for),
// municipality staff their own municipality, shelter staff the one shelter an admin assigned them to
// (shelter-staff.ts). Every shelter route reads through this, so the rule lives in one place.
import type { OperatorRole } from '../accounts/index.ts';
import { AuthError } from '../accounts/index.ts';
import type { Queryable } from '../db/index.ts';
import type { Principal } from '../http/index.ts';
import { shelterOfStaff } from './shelter-staff.ts';
import type { ShelterReader } from './shelter-views.ts';

export async function shelterReaderOf(
  db: Queryable,
  principal: Principal & { role: OperatorRole },
  asked?: string,
): Promise<ShelterReader> {
  if (principal.role === 'operator-admin') return { municipality: asked ?? null, shelterId: null };
  if (principal.role === 'shelter-staff') {
    const own = await shelterOfStaff(db, principal.accountId);
    if (own === null) {
      throw new AuthError(
        'auth.forbidden',
        'this shelter staff account is not assigned to a shelter yet (an operator admin assigns it)',
      );
    }
    if (asked !== undefined && asked !== own.localGovernmentCode) {
      throw new AuthError('auth.forbidden', 'shelter staff act for their own shelter only');
    }
    return { municipality: own.localGovernmentCode, shelterId: own.shelterId };
  }
  // Municipality staff without a municipality is a broken account.
  if (principal.localGovernmentCode === null) {
    throw new AuthError('auth.forbidden', 'this staff account names no municipality');
  }
  if (asked !== undefined && asked !== principal.localGovernmentCode) {
    throw new AuthError('auth.forbidden', 'staff act for their own municipality only');
  }
  return { municipality: principal.localGovernmentCode, shelterId: null };
}
