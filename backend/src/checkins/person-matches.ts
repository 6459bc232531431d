// Staff say who a person the terminal could not resolve is (a hand entry, or a card not registered yet): the
// person then counts as that resident everywhere the views resolve people (shelter-views.ts). A later match
// replaces the earlier one; each is audited. Staff match only people seen at shelters they act for
// (shelter-scope.ts): municipality staff their municipality's, shelter staff their own shelter's.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Queryable } from '../db/index.ts';
import { CheckinError } from './checkin-error.ts';
import type { ShelterReader } from './shelter-views.ts';

export async function matchPerson(
  db: Queryable,
  options: ShelterReader & { personKey: string; residentId: string; actor: AuditActor; now: Date },
): Promise<void> {
  const known = await db.query<{ person: boolean; resident: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM shelter_checkin_events e JOIN shelters s ON s.id = e.shelter_id
                     WHERE e.person_key = $1 AND ($3::text IS NULL OR s.local_government_code = $3)
                       AND ($4::text IS NULL OR s.id = $4)) AS person,
            EXISTS (SELECT 1 FROM residents WHERE id = $2) AS resident`,
    [options.personKey, options.residentId, options.municipality, options.shelterId ?? null],
  );
  if (known[0]?.person !== true)
    throw new CheckinError('checkin.person-not-found', 'no event at a shelter you act for names this person');
  if (known[0]?.resident !== true) throw new CheckinError('checkin.resident-not-found', 'no such resident');
  await db.query(
    `INSERT INTO shelter_person_matches (person_key, resident_id, matched_by, matched_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (person_key) DO UPDATE SET resident_id = $2, matched_by = $3, matched_at = $4`,
    [options.personKey, options.residentId, options.actor.id, options.now],
  );
  await recordAudit(db, {
    actor: options.actor,
    action: 'shelter.person-match',
    target: { type: 'shelter-person', id: options.personKey },
    at: options.now,
  });
}
