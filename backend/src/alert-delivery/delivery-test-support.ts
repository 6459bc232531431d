// For alert delivery tests: enrolled households with their boxes, CAP alerts stored as ingest stores them,
// and the 美波町 shelters. Not part of the public surface.
import { randomUUID } from 'node:crypto';
import { type Alert, minamiTownShelters, parseAlert, toAlertJson } from '@myna-tv/disaster';
import type { StoredAlert } from '../alerts/index.ts';
import { createFieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { type EnrolledDevice, enrolDevice, type Household } from '../devices/index.ts';
import { storeShelterRegistry } from '../shelters/index.ts';

export const testCipher = createFieldCipher([{ id: 'test', key: new Uint8Array(32).fill(9) }]);
const actor = { id: 'test', role: 'system', requestId: null } as const;

/** 日和佐 (美波町): inside the test polygon. */
export const inside = { latitude: 33.735, longitude: 134.535 };
/** Out of the polygon, still in 美波町 (由岐). */
export const outside = { latitude: 33.77, longitude: 134.6 };
/** A square around 日和佐 (lat, lon pairs as CAP writes them). */
export const hiwasaPolygon = '33.72,134.52 33.72,134.55 33.75,134.55 33.75,134.52 33.72,134.52';

export function testHousehold(over: Partial<Household> = {}): Household {
  return {
    address: '徳島県海部郡美波町奥河内1番地',
    ...inside,
    localGovernmentCode: '363871',
    machiazaId: '0001000',
    members: [{ name: '浜口\u3000清', birthYear: 1950, needsAssistance: false }],
    ...over,
  };
}

export function enrol(db: Database, household: Household | { householdId: string }, label = 'test box') {
  return enrolDevice(db, { cipher: testCipher, household, label, actor, now: new Date() });
}

export async function enrolMany(db: Database, households: Household[]): Promise<EnrolledDevice[]> {
  const boxes: EnrolledDevice[] = [];
  for (const household of households) boxes.push(await enrol(db, household));
  return boxes;
}

export async function seedShelters(db: Database): Promise<void> {
  await storeShelterRegistry(db, minamiTownShelters(), new Date());
}

export interface TestCap {
  identifier?: string;
  /** Default 2026-11-24T10:00:00+09:00. */
  sent?: string;
  status?: 'Actual' | 'Exercise' | 'Test';
  msgType?: 'Alert' | 'Update' | 'Cancel';
  /** `sender,identifier,sent` of the alerts an Update or Cancel references. */
  references?: string[];
  level?: number;
  event?: string;
  polygon?: string;
  geocode?: { name: string; value: string };
  expires?: string;
  language?: string;
}

export const testSender = 'bousai@town.minami.example.jp';

export function capXml(cap: TestCap = {}): string {
  const sent = cap.sent ?? '2026-11-24T10:00:00+09:00';
  const area = [
    cap.polygon === undefined ? '' : `<polygon>${cap.polygon}</polygon>`,
    cap.geocode === undefined
      ? ''
      : `<geocode><valueName>${cap.geocode.name}</valueName><value>${cap.geocode.value}</value></geocode>`,
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${cap.identifier ?? randomUUID()}</identifier><sender>${testSender}</sender><sent>${sent}</sent>
  <status>${cap.status ?? 'Actual'}</status><msgType>${cap.msgType ?? 'Alert'}</msgType><scope>Public</scope>
  ${cap.references ? `<references>${cap.references.join(' ')}</references>` : ''}
  <info>
    <language>${cap.language ?? 'ja-JP'}</language><category>Met</category><event>${cap.event ?? '避難指示'}</event>
    <urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
    ${cap.expires === undefined ? '' : `<expires>${cap.expires}</expires>`}
    <headline>美波町 避難情報</headline>
    <parameter><valueName>警戒レベル</valueName><value>${cap.level ?? 4}</value></parameter>
    <area><areaDesc>日和佐</areaDesc>${area}</area>
  </info>
</alert>`;
}

export const referenceOf = (alert: Alert) => `${alert.sender},${alert.identifier},${alert.sent}`;

/** Stores a parsed alert as ingest does (migration 0007), in force unless told. */
export async function storeAlert(
  db: Database,
  xml: string,
  options: { thread?: string; state?: string } = {},
): Promise<StoredAlert> {
  const alert = parseAlert(xml);
  const id = randomUUID();
  const thread = options.thread ?? id;
  const receivedAt = new Date();
  const level = alert.infos.reduce((max, info) => Math.max(max, info.level ?? 0), 0);
  await db.query(
    `INSERT INTO alerts (id, sender, identifier, sent, status, msg_type, thread, state, outcome, expires_at, level,
       headline, source, publisher, links, alert, model, xml, signature, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'new', NULL, $9, $10, 'api', 'test', $11::text[], $12, $13, $14, $15, $16)`,
    [
      id,
      alert.sender,
      alert.identifier,
      alert.sent,
      alert.status,
      alert.msgType,
      thread,
      options.state ?? (alert.status === 'Test' ? 'not-for-viewers' : 'in-force'),
      level === 0 ? null : level,
      alert.infos[0]?.headline ?? null,
      [referenceOf(alert)],
      JSON.stringify(toAlertJson(alert)),
      JSON.stringify(alert),
      xml,
      JSON.stringify(alert.signature),
      receivedAt,
    ],
  );
  return { id, thread, alert, receivedAt };
}

/** Marks stored alerts as ingest does when a later one supersedes or withdraws them. */
export async function setState(db: Database, ids: readonly string[], state: string): Promise<void> {
  await db.query('UPDATE alerts SET state = $2 WHERE id = ANY($1::uuid[])', [ids, state]);
}
