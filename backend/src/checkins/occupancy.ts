// Who is at which shelter, derived from the stored events alone: a person (card or hand-entered) is where
// their latest check-in, check-out or move puts them, by the terminals' clocks (then by arrival). So the same
// person tapped twice at one shelter counts once, and a person tapped at two shelters by terminals that were
// offline counts at the later one. A household is a group the terminal made; a person without one counts as
// their own household.
import type { Queryable } from '../db/index.ts';

export interface ShelterOccupancy {
  shelterId: string;
  name: string;
  localGovernmentCode: string;
  people: number;
  households: number;
  /** People present whose card was revoked, expired or untrusted at the tap. */
  flagged: number;
  /** People present not (yet) linked to a registered resident: unregistered cards and hand entries. */
  unresolved: number;
}

const occupancyStatement = `
  WITH presence AS (
    SELECT DISTINCT ON (person_key) person_key, type, shelter_id, resident_id, flag
      FROM shelter_checkin_events WHERE type IN ('check-in', 'check-out', 'move')
     ORDER BY person_key, occurred_at DESC, received_at DESC, seq DESC
  ), grouping AS (
    SELECT DISTINCT ON (person_key) person_key, group_id
      FROM shelter_checkin_events WHERE group_id IS NOT NULL
     ORDER BY person_key, occurred_at DESC, received_at DESC, seq DESC
  )
  SELECT s.id, s.name, s.local_government_code,
         count(p.person_key) AS people,
         count(DISTINCT COALESCE(g.group_id::text, p.person_key)) AS households,
         count(p.person_key) FILTER (WHERE p.flag IS NOT NULL) AS flagged,
         count(p.person_key) FILTER (WHERE p.resident_id IS NULL) AS unresolved
    FROM shelters s
    JOIN presence p ON p.shelter_id = s.id AND p.type = 'check-in'
    LEFT JOIN grouping g ON g.person_key = p.person_key
   WHERE ($1::text IS NULL OR s.local_government_code = $1) AND ($2::text IS NULL OR s.id = $2)
   GROUP BY s.id
   ORDER BY s.id`;

interface OccupancyRow {
  id: string;
  name: string;
  local_government_code: string;
  people: number;
  households: number;
  flagged: number;
  unresolved: number;
}

/** Shelters with anyone in them, optionally of one municipality, or the one shelter of shelter staff. */
export async function shelterOccupancy(
  db: Queryable,
  options: { localGovernmentCode: string | null; shelterId?: string | null },
): Promise<ShelterOccupancy[]> {
  const rows = await db.query<OccupancyRow>(occupancyStatement, [
    options.localGovernmentCode,
    options.shelterId ?? null,
  ]);
  return rows.map((row) => ({
    shelterId: row.id,
    name: row.name,
    localGovernmentCode: row.local_government_code,
    people: Number(row.people),
    households: Number(row.households),
    flagged: Number(row.flagged),
    unresolved: Number(row.unresolved),
  }));
}
