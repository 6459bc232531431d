// What the dashboard reads about shelters during a disaster, from the check-in events: occupancy against
// capacity, arrivals over time, households still at home per area for an alert, people needing help not at a
// shelter, people staff must match, and events to look at (flagged cards, terminal clocks far off).
// A person is resolved to a resident by the card (at arrival or registered since) or by a staff match; a
// resident belongs to the household of the box they last logged in on (resident_households, migration 0012).

import { needsHelp } from '../alert-tallies/alert-reads.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { type HouseholdCare, type HouseholdMember, householdField } from '../devices/index.ts';
import type { AgeGroup } from './age-group.ts';
import { CheckinError } from './checkin-error.ts';
import { eventDetailField } from './event-ingestion.ts';
import type {
  AreaAtHome,
  ArrivalBucket,
  NeedsAssistanceAtLarge,
  ShelterStatus,
  UnresolvedPerson,
} from './view-contracts.ts';

/** Who reads (shelter-scope.ts): one municipality or all; shelter staff one shelter of it. */
export interface ShelterReader {
  municipality: string | null;
  /** Shelter staff: the one shelter they are assigned to; null for the others. */
  shelterId?: string | null;
}

/**
 * Every person's latest check-in / check-out / move (terminal clock, then arrival) with the resident it
 * resolves to: the card at arrival, a staff match, or the card's certificate linked since; `present` those
 * checked in now; `manual` the hand entry (sealed name, age group, needs) of each hand-entered person.
 */
export const presenceCte = `presence AS (
    SELECT DISTINCT ON (e.person_key) e.person_key, e.type, e.shelter_id, e.flag, e.occurred_at,
           COALESCE(m.resident_id, e.resident_id, c.resident_id) AS resident_id
      FROM shelter_checkin_events e
      LEFT JOIN shelter_person_matches m ON m.person_key = e.person_key
      LEFT JOIN resident_auth_certificates c
        ON e.person_key LIKE 'card:%' AND c.fingerprint = substr(e.person_key, 6)
     WHERE e.type IN ('check-in', 'check-out', 'move')
     ORDER BY e.person_key, e.occurred_at DESC, e.received_at DESC, e.seq DESC
  ), present AS (SELECT * FROM presence WHERE type = 'check-in'
  ), manual AS (
    SELECT DISTINCT ON (person_key) person_key, id, detail_sealed FROM shelter_checkin_events
     WHERE type = 'manual-person' ORDER BY person_key, occurred_at DESC
  )`;

/** Shelters in operation (a terminal enrolled or someone checked in), with their head counts. */
export async function shelterStatuses(db: Queryable, reader: ShelterReader): Promise<ShelterStatus[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    kind: string;
    local_government_code: string;
    status: 'open' | 'closed';
    capacity: number | null;
    capacity_text: string | null;
    people: number;
    households: number;
    flagged: number;
    unresolved: number;
    opened_at: Date | null;
  }>(
    `WITH ${presenceCte}, grouping AS (
       SELECT DISTINCT ON (person_key) person_key, group_id
         FROM shelter_checkin_events WHERE group_id IS NOT NULL
        ORDER BY person_key, occurred_at DESC, received_at DESC, seq DESC
     ), counts AS (
       SELECT p.shelter_id, count(*)::int AS people,
              count(DISTINCT COALESCE(g.group_id::text, p.person_key))::int AS households,
              (count(*) FILTER (WHERE p.flag IS NOT NULL))::int AS flagged,
              (count(*) FILTER (WHERE p.resident_id IS NULL))::int AS unresolved
         FROM present p LEFT JOIN grouping g ON g.person_key = p.person_key GROUP BY p.shelter_id
     ), opened AS (
       SELECT shelter_id, min(occurred_at) AS opened_at FROM shelter_checkin_events
        WHERE type = 'check-in' GROUP BY shelter_id
     )
     SELECT s.id, s.name, s.kind, s.local_government_code, s.status, s.capacity, s.capacity_text,
            COALESCE(c.people, 0) AS people, COALESCE(c.households, 0) AS households,
            COALESCE(c.flagged, 0) AS flagged, COALESCE(c.unresolved, 0) AS unresolved, o.opened_at
       FROM shelters s LEFT JOIN counts c ON c.shelter_id = s.id LEFT JOIN opened o ON o.shelter_id = s.id
      WHERE ($1::text IS NULL OR s.local_government_code = $1) AND ($2::text IS NULL OR s.id = $2)
        AND (c.shelter_id IS NOT NULL OR EXISTS (SELECT 1 FROM shelter_terminals t WHERE t.shelter_id = s.id))
      ORDER BY s.local_government_code, s.id`,
    [reader.municipality, reader.shelterId ?? null],
  );
  return rows.map((row) => ({
    shelterId: row.id,
    name: row.name,
    kind: row.kind,
    localGovernmentCode: row.local_government_code,
    status: row.status,
    capacity: row.capacity,
    capacityText: row.capacity_text,
    people: Number(row.people),
    households: Number(row.households),
    flagged: Number(row.flagged),
    unresolved: Number(row.unresolved),
    openedAt: row.opened_at?.toISOString() ?? null,
  }));
}

/** First arrivals per shelter in fixed buckets since `since`, for a chart. */
export async function arrivalsOverTime(
  db: Queryable,
  options: ShelterReader & { since: Date; bucketSeconds: number },
): Promise<ArrivalBucket[]> {
  const rows = await db.query<{ at: Date; shelter_id: string; arrivals: number }>(
    `WITH first_arrival AS (
       SELECT e.shelter_id, e.person_key, min(e.occurred_at) AS at
         FROM shelter_checkin_events e JOIN shelters s ON s.id = e.shelter_id
        WHERE e.type = 'check-in' AND ($1::text IS NULL OR s.local_government_code = $1)
          AND ($4::text IS NULL OR s.id = $4)
        GROUP BY e.shelter_id, e.person_key
     )
     SELECT to_timestamp(floor(extract(epoch FROM at) / $3) * $3) AS at, shelter_id, count(*)::int AS arrivals
       FROM first_arrival WHERE at >= $2 GROUP BY 1, 2 ORDER BY 1, 2`,
    [options.municipality, options.since, options.bucketSeconds, options.shelterId ?? null],
  );
  return rows.map((row) => ({
    at: row.at.toISOString(),
    shelterId: row.shelter_id,
    arrivals: Number(row.arrivals),
  }));
}

/** The alert the area views are about: the one asked for, else the newest in force that was dispatched. */
async function alertInQuestion(db: Queryable, alertId: string | undefined): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT a.id FROM alerts a JOIN alert_dispatches d ON d.alert_id = a.id
      WHERE ($1::uuid IS NULL AND a.state = 'in-force') OR a.id = $1::uuid
      ORDER BY a.received_at DESC LIMIT 1`,
    [alertId ?? null],
  );
  const id = rows[0]?.id ?? null;
  if (alertId !== undefined && id === null)
    throw new CheckinError('checkin.alert-not-found', 'no such alert');
  return id;
}

// The alert's households (its area, not the supporters elsewhere), each with whether someone of it is at a
// shelter (a linked resident checked in) and the thread's answer.
const householdsOfAlert = `${presenceCte}, sheltered AS (
    SELECT DISTINCT rh.household_id FROM present p JOIN resident_households rh ON rh.resident_id = p.resident_id
  ), targeted AS (
    SELECT r.household_id, r.local_government_code, r.machiaza_id, r.priority, x.answer,
           sh.household_id IS NOT NULL AS at_shelter
      FROM alert_recipients r JOIN alerts a ON a.id = r.alert_id
      LEFT JOIN alert_responses x ON x.thread = a.thread AND x.household_id = r.household_id
      LEFT JOIN sheltered sh ON sh.household_id = r.household_id
     WHERE r.alert_id = $1 AND r.kind <> 'cancel' AND r.role = 'resident'
       AND ($2::text IS NULL OR r.local_government_code = $2)
  )`;

/** Households of an alert's area still at home, per municipality and 町字. */
export async function householdsAtHome(
  db: Queryable,
  options: ShelterReader & { alertId?: string },
): Promise<{ alertId: string | null; areas: AreaAtHome[] }> {
  const alertId = await alertInQuestion(db, options.alertId);
  if (alertId === null) return { alertId, areas: [] };
  const rows = await db.query<{
    local_government_code: string;
    machiaza_id: string | null;
    name: string | null;
    targeted: number;
    at_shelter: number;
    on_the_way: number;
    safe: number;
  }>(
    `WITH ${householdsOfAlert}
     SELECT t.local_government_code, t.machiaza_id, min(an.name) AS name, count(*)::int AS targeted,
            (count(*) FILTER (WHERE at_shelter))::int AS at_shelter,
            (count(*) FILTER (WHERE NOT at_shelter AND answer IN ('evacuating', 'at-shelter')))::int AS on_the_way,
            (count(*) FILTER (WHERE answer = 'safe'))::int AS safe
       FROM targeted t
       LEFT JOIN area_names an
         ON an.local_government_code = t.local_government_code AND an.machiaza_id IS NOT DISTINCT FROM t.machiaza_id
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [alertId, options.municipality],
  );
  return {
    alertId,
    areas: rows.map((row) => ({
      localGovernmentCode: row.local_government_code,
      machiazaId: row.machiaza_id,
      name: row.name,
      targeted: Number(row.targeted),
      atShelter: Number(row.at_shelter),
      onTheWay: Number(row.on_the_way),
      atHome: Number(row.targeted) - Number(row.at_shelter) - Number(row.on_the_way),
      safe: Number(row.safe),
    })),
  };
}

/**
 * Households of the alert's area with someone needing help (the targeting library's rule), nobody of them
 * checked in at a shelter and no 無事 answer. Names and addresses: the read is audited once per list.
 */
export async function needsAssistanceNotAtShelter(
  db: Queryable,
  options: ShelterReader & { alertId?: string; cipher: FieldCipher; actor: AuditActor; now: Date },
): Promise<{ alertId: string | null; households: NeedsAssistanceAtLarge[] }> {
  const alertId = await alertInQuestion(db, options.alertId);
  if (alertId === null) return { alertId, households: [] };
  const rows = await db.query<{
    household_id: string;
    local_government_code: string;
    machiaza_id: string | null;
    answer: string | null;
    address_sealed: string;
    members_sealed: string;
    care_sealed: string | null;
  }>(
    `WITH ${householdsOfAlert}
     SELECT t.household_id, t.local_government_code, t.machiaza_id, t.answer,
            h.address_sealed, h.members_sealed, h.care_sealed
       FROM targeted t JOIN households h ON h.id = t.household_id
      WHERE t.priority AND NOT t.at_shelter AND t.answer IS DISTINCT FROM 'safe'
      ORDER BY t.local_government_code, t.machiaza_id, t.household_id`,
    [alertId, options.municipality],
  );
  await recordAudit(db, {
    actor: options.actor,
    action: 'shelter.needs-assistance-read',
    target: { type: 'alert', id: alertId },
    at: options.now,
  });
  const households: NeedsAssistanceAtLarge[] = [];
  for (const row of rows) {
    const open = (column: 'address_sealed' | 'members_sealed' | 'care_sealed', sealed: string) =>
      options.cipher.decrypt(sealed, householdField(column, row.household_id));
    const members = JSON.parse(open('members_sealed', row.members_sealed)) as HouseholdMember[];
    const care =
      row.care_sealed === null ? null : (JSON.parse(open('care_sealed', row.care_sealed)) as HouseholdCare);
    if (!needsHelp(members, care)) continue;
    households.push({
      householdId: row.household_id,
      address: open('address_sealed', row.address_sealed),
      members: [...members]
        .sort((a, b) => Number(b.needsAssistance) - Number(a.needsAssistance))
        .map(({ name, needsAssistance }) => ({ name, needsAssistance })),
      localGovernmentCode: row.local_government_code,
      machiazaId: row.machiaza_id,
      answer: row.answer,
    });
  }
  return { alertId, households };
}

/** People present whom nothing resolves to a resident, for staff to match (audited: hand-entered names). */
export async function unresolvedPeople(
  db: Queryable,
  options: ShelterReader & { cipher: FieldCipher; actor: AuditActor; now: Date },
): Promise<UnresolvedPerson[]> {
  const rows = await db.query<{
    person_key: string;
    shelter_id: string;
    occurred_at: Date;
    flag: string | null;
    detail_id: string | null;
    detail_sealed: string | null;
  }>(
    `WITH ${presenceCte}
     SELECT p.person_key, p.shelter_id, p.occurred_at, p.flag, d.id AS detail_id, d.detail_sealed
       FROM present p JOIN shelters s ON s.id = p.shelter_id
       LEFT JOIN manual d ON d.person_key = p.person_key
      WHERE p.resident_id IS NULL AND ($1::text IS NULL OR s.local_government_code = $1)
        AND ($2::text IS NULL OR s.id = $2)
      ORDER BY p.shelter_id, p.occurred_at`,
    [options.municipality, options.shelterId ?? null],
  );
  await recordAudit(db, {
    actor: options.actor,
    action: 'shelter.unresolved-read',
    target: { type: 'shelter-people', id: options.shelterId ?? options.municipality },
    at: options.now,
  });
  return rows.map((row) => ({
    personKey: row.person_key,
    shelterId: row.shelter_id,
    checkedInAt: row.occurred_at.toISOString(),
    flag: row.flag,
    manual:
      row.detail_id === null || row.detail_sealed === null
        ? null
        : (JSON.parse(options.cipher.decrypt(row.detail_sealed, eventDetailField(row.detail_id))) as {
            name: string;
            ageGroup: AgeGroup;
            needsAssistance: boolean;
          }),
  }));
}

/** A terminal clock this far ahead of our receipt, or behind the terminal's enrolment, is wrong. */
export const clockToleranceSeconds = 300;

export interface FlaggedEvent {
  eventId: string;
  terminalId: string;
  shelterId: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  /** revoked / expired / untrusted: the card; clock-ahead / clock-behind: the terminal's clock. */
  reasons: string[];
}

/** Events staff must look at, newest first (no personal data: the card is named by its fingerprint key). */
export async function flaggedEvents(
  db: Queryable,
  options: ShelterReader & { limit: number },
): Promise<(FlaggedEvent & { personKey: string })[]> {
  const rows = await db.query<{
    id: string;
    terminal_id: string;
    shelter_id: string;
    type: string;
    person_key: string;
    occurred_at: Date;
    received_at: Date;
    flag: string | null;
    ahead: boolean;
    behind: boolean;
  }>(
    `SELECT e.id, e.terminal_id, e.shelter_id, e.type, e.person_key, e.occurred_at, e.received_at, e.flag,
            e.occurred_at > e.received_at + make_interval(secs => $2) AS ahead,
            e.occurred_at < t.enrolled_at - make_interval(secs => $2) AS behind
       FROM shelter_checkin_events e JOIN shelter_terminals t ON t.id = e.terminal_id
       JOIN shelters s ON s.id = e.shelter_id
      WHERE ($1::text IS NULL OR s.local_government_code = $1) AND ($4::text IS NULL OR s.id = $4)
        AND (e.flag IS NOT NULL OR e.occurred_at > e.received_at + make_interval(secs => $2)
             OR e.occurred_at < t.enrolled_at - make_interval(secs => $2))
      ORDER BY e.received_at DESC, e.seq DESC LIMIT $3`,
    [options.municipality, clockToleranceSeconds, options.limit, options.shelterId ?? null],
  );
  return rows.map((row) => ({
    eventId: row.id,
    terminalId: row.terminal_id,
    shelterId: row.shelter_id,
    type: row.type,
    personKey: row.person_key,
    occurredAt: row.occurred_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    reasons: [
      ...(row.flag === null ? [] : [row.flag]),
      ...(row.ahead ? ['clock-ahead'] : []),
      ...(row.behind ? ['clock-behind'] : []),
    ],
  }));
}
