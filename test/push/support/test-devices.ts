// Boxes for the push tests, as rows of a test-only table: the gateway's `authenticate` reads them, so every
// backend process of a scale-out test knows the same boxes. (The real device records need households with
// sealed personal data, which these tests do not exercise.)
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthenticateBox, Queryable } from '@myna-tv/backend';

export interface TestDevice {
  deviceId: string;
  secret: string;
  householdId: string;
}

export async function createTestDeviceTable(db: Queryable): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS test_push_devices (
    device_id uuid PRIMARY KEY,
    secret text NOT NULL,
    household_id uuid NOT NULL,
    area_codes jsonb NOT NULL,
    revoked boolean NOT NULL DEFAULT false
  )`);
}

export async function addTestDevice(db: Queryable, place: { areaCodes: string[] }): Promise<TestDevice> {
  const device = {
    deviceId: randomUUID(),
    secret: randomBytes(24).toString('base64url'),
    householdId: randomUUID(),
  };
  await db.query(
    'INSERT INTO test_push_devices (device_id, secret, household_id, area_codes) VALUES ($1, $2, $3, $4::jsonb)',
    [device.deviceId, device.secret, device.householdId, JSON.stringify(place.areaCodes)],
  );
  return device;
}

/** `count` devices in one area at once (for the benchmark), with their credentials. */
export async function addTestDevices(db: Queryable, count: number, areaCode: string): Promise<TestDevice[]> {
  return db.query<TestDevice>(
    `INSERT INTO test_push_devices (device_id, secret, household_id, area_codes)
     SELECT gen_random_uuid(), md5(random()::text), gen_random_uuid(), jsonb_build_array($2::text)
     FROM generate_series(1, $1)
     RETURNING device_id::text AS "deviceId", secret, household_id::text AS "householdId"`,
    [count, areaCode],
  );
}

export async function revokeTestDevice(db: Queryable, deviceId: string): Promise<void> {
  await db.query('UPDATE test_push_devices SET revoked = true WHERE device_id = $1', [deviceId]);
}

export function authenticateFromTable(db: Queryable): AuthenticateBox {
  return async ({ deviceId, secret }) => {
    // A malformed id fails the uuid cast, i.e. it is refused like an unknown one.
    const [row] = await db.query<{ household_id: string; area_codes: string[] }>(
      `SELECT household_id, area_codes FROM test_push_devices
       WHERE device_id = $1::uuid AND secret = $2 AND NOT revoked`,
      [deviceId, secret],
    );
    if (!row) throw new Error('unknown or revoked test device');
    return { deviceId, householdId: row.household_id, areaCodes: row.area_codes };
  };
}
