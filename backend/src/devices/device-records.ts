// Reading enrolled devices. The list carries no personal data; reading one device opens its household's
// sealed fields and is audited as a read of personal data.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { householdField, unsealMembers } from './device-enrolment.ts';
import { DeviceError } from './device-error.ts';
import type { Household, HouseholdCare } from './household-schema.ts';

export interface DeviceSummary {
  deviceId: string;
  householdId: string;
  label: string;
  localGovernmentCode: string;
  enrolledAt: Date;
  revokedAt: Date | null;
}

export interface DeviceDetails extends DeviceSummary {
  household: Household;
}

interface DeviceRow {
  id: string;
  household_id: string;
  label: string;
  local_government_code: string;
  enrolled_at: Date;
  revoked_at: Date | null;
}

const summaryColumns = 'd.id, d.household_id, d.label, h.local_government_code, d.enrolled_at, d.revoked_at';

function toSummary(row: DeviceRow): DeviceSummary {
  return {
    deviceId: row.id,
    householdId: row.household_id,
    label: row.label,
    localGovernmentCode: row.local_government_code,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
  };
}

export async function listDevices(db: Queryable): Promise<DeviceSummary[]> {
  const rows = await db.query<DeviceRow>(
    `SELECT ${summaryColumns} FROM devices d JOIN households h ON h.id = d.household_id ORDER BY d.enrolled_at`,
  );
  return rows.map(toSummary);
}

export async function getDeviceDetails(
  db: Queryable,
  options: { deviceId: string; cipher: FieldCipher; actor: AuditActor; now: Date },
): Promise<DeviceDetails> {
  const rows = await db.query<
    DeviceRow & {
      machiaza_id: string | null;
      latitude: number;
      longitude: number;
      address_sealed: string;
      members_sealed: string;
      care_sealed: string | null;
    }
  >(
    `SELECT ${summaryColumns}, h.machiaza_id, h.latitude, h.longitude, h.address_sealed, h.members_sealed,
            h.care_sealed
       FROM devices d JOIN households h ON h.id = d.household_id WHERE d.id = $1`,
    [options.deviceId],
  );
  const row = rows[0];
  if (row === undefined) throw new DeviceError('device.not-found', 'no such device');
  await recordAudit(db, {
    actor: options.actor,
    action: 'household.read',
    target: { type: 'household', id: row.household_id },
    at: options.now,
  });
  const { cipher } = options;
  return {
    ...toSummary(row),
    household: {
      address: cipher.decrypt(row.address_sealed, householdField('address_sealed', row.household_id)),
      latitude: row.latitude,
      longitude: row.longitude,
      localGovernmentCode: row.local_government_code,
      machiazaId: row.machiaza_id,
      members: unsealMembers(cipher, row.members_sealed, row.household_id),
      ...(row.care_sealed === null
        ? {}
        : (JSON.parse(
            cipher.decrypt(row.care_sealed, householdField('care_sealed', row.household_id)),
          ) as HouseholdCare)),
    },
  };
}
