// The tallies of alerts, counted in SQL: each count group (the list, one alert's groups, the map's points)
// is one statement over the alert's recipients, whatever the number of households, with the acknowledgements
// (push_delivery of the alert's push message, device → household) and the thread's answers joined in.
// `municipality` limits every count to the households of one municipality (municipality staff).
import type { Queryable } from '../db/index.ts';
import type { AlertCounts, HouseholdState } from './contracts.ts';

/** The households of the listed alerts (`listed`: id, thread, push_seq) whose boxes acknowledged its push. */
const acknowledged = `acked AS (
  SELECT DISTINCT l.id AS alert_id, dv.household_id
    FROM listed l JOIN push_delivery pd ON pd.seq = l.push_seq JOIN devices dv ON dv.id = pd.device_id)`;

/** Recipients r of the listed alerts l, with k (acked) and s (the thread's response) joined. */
const recipients = `listed l
  JOIN alert_recipients r ON r.alert_id = l.id
  LEFT JOIN acked k ON k.alert_id = r.alert_id AND k.household_id = r.household_id
  LEFT JOIN alert_responses s ON s.thread = l.thread AND s.household_id = r.household_id`;

const inMunicipality = (parameter: string) =>
  `(${parameter}::text IS NULL OR r.local_government_code = ${parameter}::text)`;

const countColumns = `count(*) AS targeted, count(k.household_id) AS acknowledged, count(s.shown_at) AS shown,
  count(s.answer) AS answered, count(*) FILTER (WHERE s.answer = 'safe') AS safe,
  count(*) FILTER (WHERE s.answer = 'evacuating') AS evacuating,
  count(*) FILTER (WHERE s.answer = 'at-shelter') AS at_shelter,
  count(*) FILTER (WHERE s.answer = 'need-help') AS need_help`;

interface CountRow {
  targeted: number;
  acknowledged: number;
  shown: number;
  answered: number;
  safe: number;
  evacuating: number;
  at_shelter: number;
  need_help: number;
}

export const noCounts: AlertCounts = Object.freeze({
  targeted: 0,
  acknowledged: 0,
  shown: 0,
  answered: 0,
  safe: 0,
  evacuating: 0,
  atShelter: 0,
  needHelp: 0,
});

const countsOf = (row: CountRow): AlertCounts => ({
  targeted: row.targeted,
  acknowledged: row.acknowledged,
  shown: row.shown,
  answered: row.answered,
  safe: row.safe,
  evacuating: row.evacuating,
  atShelter: row.at_shelter,
  needHelp: row.need_help,
});

const listedAlerts = `listed AS (
  SELECT a.id, a.thread, d.push_seq FROM alerts a LEFT JOIN alert_dispatches d ON d.alert_id = a.id
   WHERE a.id = ANY($1::uuid[]))`;

/** Counts of each alert (alerts that reached nobody are absent). */
export async function countAlerts(
  db: Queryable,
  options: { alertIds: readonly string[]; municipality: string | null },
): Promise<Map<string, AlertCounts>> {
  if (options.alertIds.length === 0) return new Map();
  const rows = await db.query<CountRow & { alert_id: string }>(
    `WITH ${listedAlerts}, ${acknowledged}
     SELECT r.alert_id, ${countColumns} FROM ${recipients}
      WHERE ${inMunicipality('$2')} GROUP BY r.alert_id`,
    [options.alertIds, options.municipality],
  );
  return new Map(rows.map((row) => [row.alert_id, countsOf(row)]));
}

export interface AlertGroups {
  total: AlertCounts;
  /** Per municipality (machiazaId null) and per 町字 within it. */
  areas: {
    localGovernmentCode: string;
    machiazaId: string | null;
    name: string | null;
    counts: AlertCounts;
  }[];
  shelters: { shelterId: string | null; name: string | null; counts: AlertCounts }[];
}

/** One alert's total, per municipality, per 町字 (with their names where known) and per assigned shelter: one
 * statement (grouping sets). */
export async function countAlertGroups(
  db: Queryable,
  options: { alertId: string; municipality: string | null },
): Promise<AlertGroups> {
  const rows = await db.query<
    CountRow & {
      grouping: number;
      local_government_code: string | null;
      machiaza_id: string | null;
      shelter_id: string | null;
      shelter_name: string | null;
      area_name: string | null;
    }
  >(
    `WITH ${listedAlerts}, ${acknowledged},
     grouped AS (
       SELECT GROUPING(r.local_government_code, r.machiaza_id, r.shelter_id) AS grouping,
              r.local_government_code, r.machiaza_id, r.shelter_id, ${countColumns}
         FROM ${recipients}
        WHERE ${inMunicipality('$2')}
        GROUP BY GROUPING SETS ((), (r.local_government_code), (r.local_government_code, r.machiaza_id),
                                (r.shelter_id)))
     SELECT g.*, sh.name AS shelter_name, an.name AS area_name FROM grouped g
       LEFT JOIN shelters sh ON sh.id = g.shelter_id
       LEFT JOIN area_names an
         ON an.local_government_code = g.local_government_code AND an.machiaza_id IS NOT DISTINCT FROM g.machiaza_id
      ORDER BY g.local_government_code, g.machiaza_id NULLS FIRST, sh.name NULLS LAST`,
    [[options.alertId], options.municipality],
  );
  // GROUPING's bits, (code, 町字, shelter), are set for the columns a row is NOT grouped by.
  const groups: AlertGroups = { total: noCounts, areas: [], shelters: [] };
  for (const row of rows) {
    const counts = countsOf(row);
    if (row.grouping === 0b111) groups.total = counts;
    else if (row.grouping === 0b110) {
      groups.shelters.push({ shelterId: row.shelter_id, name: row.shelter_name, counts });
    } else if (row.local_government_code !== null) {
      const machiazaId = row.grouping === 0b001 ? row.machiaza_id : null;
      // A household without 町字 is counted in its municipality's row only.
      if (row.grouping === 0b011 || machiazaId !== null) {
        groups.areas.push({
          localGovernmentCode: row.local_government_code,
          machiazaId,
          name: row.area_name,
          counts,
        });
      }
    }
  }
  return groups;
}

/** Each recipient household's place and state (the map's points; no id, nothing personal). */
export async function householdStates(
  db: Queryable,
  options: { alertId: string; municipality: string | null },
): Promise<{ latitude: number; longitude: number; state: HouseholdState }[]> {
  return db.query(
    `WITH ${listedAlerts}, ${acknowledged}
     SELECT h.latitude, h.longitude,
            CASE WHEN s.answer IS NOT NULL THEN s.answer WHEN s.shown_at IS NOT NULL THEN 'shown'
                 WHEN k.household_id IS NOT NULL THEN 'acknowledged' ELSE 'not-reached' END AS state
       FROM ${recipients} JOIN households h ON h.id = r.household_id
      WHERE ${inMunicipality('$2')}
      -- Drawn in this order: those needing help last, on top.
      ORDER BY (s.answer = 'need-help') NULLS FIRST, s.answer IS NOT NULL, s.shown_at IS NOT NULL`,
    [[options.alertId], options.municipality],
  );
}

export interface UnansweredPriority {
  household_id: string;
  local_government_code: string;
  machiaza_id: string | null;
  shelter_name: string | null;
  acknowledged: boolean;
  shown_at: Date | null;
  address_sealed: string;
  members_sealed: string;
  care_sealed: string | null;
}

/** Households reached first (someone needing help, or their supporter) that have not answered, with their
 * sealed data: the caller opens it and keeps those with someone needing help. */
export function unansweredPriority(
  db: Queryable,
  options: { alertId: string; municipality: string | null },
): Promise<UnansweredPriority[]> {
  return db.query(
    `WITH ${listedAlerts}, ${acknowledged}
     SELECT r.household_id, r.local_government_code, r.machiaza_id, sh.name AS shelter_name,
            k.household_id IS NOT NULL AS acknowledged, s.shown_at,
            h.address_sealed, h.members_sealed, h.care_sealed
       FROM ${recipients} JOIN households h ON h.id = r.household_id
       LEFT JOIN shelters sh ON sh.id = r.shelter_id
      WHERE r.priority AND s.answer IS NULL AND ${inMunicipality('$2')}
      ORDER BY r.local_government_code, r.machiaza_id, r.household_id`,
    [[options.alertId], options.municipality],
  );
}
