// Enrolling a set-top box: an operator admin registers the household (sealed personal data) and gets a device
// id and a secret, shown once, to provision onto the box. A replacement box joins an existing household.
import { hashSecret, newSecret } from '../accounts/index.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { DeviceError } from './device-error.ts';
import { careOf, type Household, type HouseholdMember } from './household-schema.ts';

export interface EnrolledDevice {
  deviceId: string;
  householdId: string;
  /** Goes onto the box; only its hash is stored. */
  secret: string;
}

/** Where sealed household fields live (the cipher binds each value to its row and column). */
export const householdField = (
  column: 'address_sealed' | 'members_sealed' | 'care_sealed',
  householdId: string,
) => ({
  table: 'households',
  column,
  rowId: householdId,
});

/** A household's members, unsealed. */
export function unsealMembers(cipher: FieldCipher, sealed: string, householdId: string): HouseholdMember[] {
  return JSON.parse(
    cipher.decrypt(sealed, householdField('members_sealed', householdId)),
  ) as HouseholdMember[];
}

async function insertHousehold(
  db: Queryable,
  cipher: FieldCipher,
  household: Household,
  now: Date,
): Promise<string> {
  const id = crypto.randomUUID();
  const supported = household.supporterOf ?? [];
  if (supported.length > 0) {
    const known = await db.query<{ id: string }>('SELECT id FROM households WHERE id = ANY($1::uuid[])', [
      supported,
    ]);
    const missing = supported.find((other) => !known.some((row) => row.id === other));
    if (missing !== undefined) {
      throw new DeviceError('device.supported-household-unknown', `supporterOf: no household ${missing}`);
    }
  }
  const care = careOf(household);
  await db.query(
    `INSERT INTO households (id, local_government_code, machiaza_id, latitude, longitude, address_sealed,
       members_sealed, care_sealed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      household.localGovernmentCode,
      household.machiazaId,
      household.latitude,
      household.longitude,
      cipher.encrypt(household.address, householdField('address_sealed', id)),
      cipher.encrypt(JSON.stringify(household.members), householdField('members_sealed', id)),
      care === null ? null : cipher.encrypt(JSON.stringify(care), householdField('care_sealed', id)),
      now,
    ],
  );
  return id;
}

export async function enrolDevice(
  db: Database,
  options: {
    cipher: FieldCipher;
    /** A new household, or the id of an enrolled one (a replacement or second box). */
    household: Household | { householdId: string };
    label: string;
    actor: AuditActor;
    now: Date;
  },
): Promise<EnrolledDevice> {
  const { cipher, household, label, actor, now } = options;
  const secret = newSecret();
  return db.transaction(async (tx) => {
    let householdId: string;
    if ('householdId' in household) {
      const rows = await tx.query('SELECT 1 FROM households WHERE id = $1', [household.householdId]);
      if (rows.length === 0) throw new DeviceError('device.household-not-found', 'no such household');
      householdId = household.householdId;
    } else {
      householdId = await insertHousehold(tx, cipher, household, now);
    }
    const deviceId = crypto.randomUUID();
    await tx.query(
      'INSERT INTO devices (id, household_id, label, secret_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)',
      [deviceId, householdId, label, hashSecret(secret), now],
    );
    await recordAudit(tx, {
      actor,
      action: 'device.enrol',
      target: { type: 'device', id: deviceId },
      at: now,
    });
    return { deviceId, householdId, secret };
  });
}
