// What the dashboard reads about alerts: the list, one alert with its groups, its map, and the households with
// people needing help that have not answered. Municipality staff see the alerts that concern their
// municipality (reached a household there, name its code, or were sent by them) and only its households.
import { type AlertJson, needsAssistance, noNeeds } from '@myna-tv/disaster';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { type HouseholdCare, type HouseholdMember, householdField } from '../devices/index.ts';
import { householdsActiveSince } from '../watch-over/index.ts';
import {
  countAlertGroups,
  countAlerts,
  householdStates,
  noCounts,
  unansweredPriority,
} from './alert-counts.ts';
import { AlertTallyError } from './alert-tally-error.ts';
import type { AlertDetail, AlertMap, AlertSummary, NeedsAssistance } from './contracts.ts';

/** Who reads: municipality staff act for one municipality; the operator's admins see all (null). */
export interface TallyReader {
  accountId: string;
  municipality: string | null;
}

interface AlertRow {
  id: string;
  thread: string;
  sender: string;
  identifier: string;
  sent: Date;
  status: string;
  msg_type: string;
  state: string;
  level: number | null;
  headline: string | null;
  source: string;
  received_at: Date;
  expires_at: Date | null;
  push_seq: number | null;
  alert: AlertJson;
}

const columns = `a.id, a.thread, a.sender, a.identifier, a.sent, a.status, a.msg_type, a.state, a.level,
  a.headline, a.source, a.received_at, a.expires_at, d.push_seq, a.alert`;

// An alert concerns a municipality when it reached a household there, names the municipality (or one of its
// 町字) as a geocode, or was sent by the reader.
const visibleTo = `($1::text IS NULL OR a.publisher = $2 OR EXISTS (
    SELECT 1 FROM alert_recipients r WHERE r.alert_id = a.id AND r.local_government_code = $1)
  OR jsonb_path_exists(a.alert, '$.infos[*].areas[*].geocodes[*] ? (@.value == $code ||
       (@.name == "MACHIAZA_ID" && @.value starts with $prefix))',
     jsonb_build_object('code', $1::text, 'prefix', left($1::text, 5))))`;

function summaryOf(row: AlertRow, counts = noCounts): AlertSummary {
  const info = row.alert.infos.find((i) => i.language.toLowerCase().startsWith('ja')) ?? row.alert.infos[0];
  return {
    id: row.id,
    thread: row.thread,
    sender: row.sender,
    identifier: row.identifier,
    sent: row.sent.toISOString(),
    status: row.status,
    msgType: row.msg_type,
    state: row.state,
    level: row.level,
    event: info?.event ?? null,
    headline: row.headline,
    source: row.source,
    receivedAt: row.received_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    pushSeq: row.push_seq,
    counts,
  };
}

/** Newest first, with counts. */
export async function listAlerts(
  db: Queryable,
  options: { reader: TallyReader; limit: number },
): Promise<AlertSummary[]> {
  const { reader } = options;
  const rows = await db.query<AlertRow>(
    `SELECT ${columns} FROM alerts a LEFT JOIN alert_dispatches d ON d.alert_id = a.id
      WHERE ${visibleTo} ORDER BY a.received_at DESC, a.arrival DESC LIMIT $3`,
    [reader.municipality, reader.accountId, options.limit],
  );
  const counts = await countAlerts(db, {
    alertIds: rows.map((row) => row.id),
    municipality: reader.municipality,
  });
  return rows.map((row) => summaryOf(row, counts.get(row.id)));
}

async function readAlert(db: Queryable, reader: TallyReader, id: string): Promise<AlertRow> {
  const rows = await db.query<AlertRow>(
    `SELECT ${columns} FROM alerts a LEFT JOIN alert_dispatches d ON d.alert_id = a.id
      WHERE a.id = $3 AND ${visibleTo}`,
    [reader.municipality, reader.accountId, id],
  );
  const row = rows[0];
  if (row === undefined) throw new AlertTallyError('alert.not-found', 'no such alert');
  return row;
}

const jaInfo = (alert: AlertJson) =>
  alert.infos.find((i) => i.language.toLowerCase().startsWith('ja')) ?? alert.infos[0];

export async function readAlertDetail(
  db: Queryable,
  options: { reader: TallyReader; alertId: string },
): Promise<AlertDetail> {
  const row = await readAlert(db, options.reader, options.alertId);
  const groups = await countAlertGroups(db, {
    alertId: row.id,
    municipality: options.reader.municipality,
  });
  const info = jaInfo(row.alert);
  return {
    alert: summaryOf(row, groups.total),
    description: info?.description ?? null,
    instruction: info?.instruction ?? null,
    areaNames: [...new Set(row.alert.infos.flatMap((i) => i.areas.map((a) => a.desc)))],
    areas: groups.areas,
    shelters: groups.shelters,
  };
}

/** The alert's shapes, its households' states and the shelters of the municipalities it reached. */
export async function readAlertMap(
  db: Queryable,
  options: { reader: TallyReader; alertId: string },
): Promise<AlertMap> {
  const row = await readAlert(db, options.reader, options.alertId);
  const { municipality } = options.reader;
  const [households, shelters] = await Promise.all([
    householdStates(db, { alertId: row.id, municipality }),
    db.query<{ id: string; name: string; latitude: number; longitude: number; assigned: number }>(
      `WITH sent AS (SELECT shelter_id, local_government_code FROM alert_recipients
                      WHERE alert_id = $1 AND ($2::text IS NULL OR local_government_code = $2::text))
       SELECT sh.id, sh.name, sh.latitude, sh.longitude,
              (SELECT count(*) FROM sent WHERE sent.shelter_id = sh.id) AS assigned
         FROM shelters sh
        WHERE sh.id IN (SELECT shelter_id FROM sent)
           OR sh.local_government_code IN (SELECT DISTINCT local_government_code FROM sent)
        ORDER BY sh.id`,
      [row.id, municipality],
    ),
  ]);
  const areas = row.alert.infos.flatMap((info) => info.areas);
  return {
    type: 'FeatureCollection',
    features: [
      ...areas.flatMap((area) => [
        ...area.polygons.map((ring) => ({
          type: 'Feature' as const,
          geometry: { type: 'Polygon' as const, coordinates: [ring.map(([lat = 0, lon = 0]) => [lon, lat])] },
          properties: { layer: 'area' as const, desc: area.desc, radiusKm: null },
        })),
        ...area.circles.map((circle) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [circle.lon, circle.lat] },
          properties: { layer: 'area' as const, desc: area.desc, radiusKm: circle.radiusKm },
        })),
      ]),
      ...shelters.map((shelter) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [shelter.longitude, shelter.latitude] },
        properties: {
          layer: 'shelter' as const,
          id: shelter.id,
          name: shelter.name,
          assigned: shelter.assigned,
        },
      })),
      ...households.map((household) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [household.longitude, household.latitude] },
        properties: { layer: 'household' as const, state: household.state },
      })),
    ],
    geocodes: areas.flatMap((area) => area.geocodes),
  };
}

/** Someone in the household needs help to evacuate: a member marked so, or a need in the care data (the
 * targeting library's rule). */
export const needsHelp = (members: readonly HouseholdMember[], care: HouseholdCare | null): boolean =>
  members.some((member) => member.needsAssistance) || needsAssistance({ ...noNeeds, ...care?.needs });

/**
 * The households with people needing help that have not answered (names and addresses: personal data; the
 * read is audited once per list, naming the alert).
 */
export async function readNeedsAssistance(
  db: Queryable,
  options: { reader: TallyReader; alertId: string; cipher: FieldCipher; actor: AuditActor; now: Date },
): Promise<NeedsAssistance[]> {
  const { cipher, reader } = options;
  const row = await readAlert(db, reader, options.alertId);
  const rows = await unansweredPriority(db, { alertId: row.id, municipality: reader.municipality });
  await recordAudit(db, {
    actor: options.actor,
    action: 'alert.needs-assistance-read',
    target: { type: 'alert', id: row.id },
    at: options.now,
  });
  const active = await householdsActiveSince(db, {
    householdIds: rows.map((household) => household.household_id),
    since: row.received_at,
  });
  const list: NeedsAssistance[] = [];
  for (const household of rows) {
    const open = (column: 'address_sealed' | 'members_sealed' | 'care_sealed', sealed: string) =>
      cipher.decrypt(sealed, householdField(column, household.household_id));
    const members = JSON.parse(open('members_sealed', household.members_sealed)) as HouseholdMember[];
    const care =
      household.care_sealed === null
        ? null
        : (JSON.parse(open('care_sealed', household.care_sealed)) as HouseholdCare);
    if (!needsHelp(members, care)) continue;
    list.push({
      householdId: household.household_id,
      address: open('address_sealed', household.address_sealed),
      members: [...members]
        .sort((a, b) => Number(b.needsAssistance) - Number(a.needsAssistance))
        .map(({ name, needsAssistance }) => ({ name, needsAssistance })),
      localGovernmentCode: household.local_government_code,
      machiazaId: household.machiaza_id,
      shelterName: household.shelter_name,
      acknowledged: household.acknowledged,
      shownAt: household.shown_at?.toISOString() ?? null,
      tvActivity: active.has(household.household_id),
    });
  }
  return list;
}
