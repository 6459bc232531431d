// Authenticating a set-top box by its device credential (`Authorization: Device <deviceId>.<secret>` over HTTP,
// the same pair in the socket.io handshake). Used by the HTTP edge and by the push gateway.
import { secretMatches } from '../accounts/index.ts';
import type { Queryable } from '../db/index.ts';
import { DeviceError } from './device-error.ts';
import { machiazaAreaCode } from './local-government-code.ts';

export interface DeviceIdentity {
  deviceId: string;
  householdId: string;
  /** Area codes the household lies in: its 6-digit local-government code and, when known, the 12-digit
   * 町字 code (5-digit code + 町字ID) — the geocodes alerts are addressed to. */
  areaCodes: string[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface IdentityRow {
  id: string;
  household_id: string;
  secret_hash: string;
  revoked_at: Date | null;
  local_government_code: string;
  machiaza_id: string | null;
}

/** Throws DeviceError 'device.invalid-credentials' (unknown id, wrong secret) or 'device.revoked'. */
export async function authenticateDevice(
  db: Queryable,
  credential: { deviceId: string; secret: string },
): Promise<DeviceIdentity> {
  const rows = uuidPattern.test(credential.deviceId)
    ? await db.query<IdentityRow>(
        `SELECT d.id, d.household_id, d.secret_hash, d.revoked_at, h.local_government_code, h.machiaza_id
           FROM devices d JOIN households h ON h.id = d.household_id WHERE d.id = $1`,
        [credential.deviceId.toLowerCase()],
      )
    : [];
  const row = rows[0];
  if (row === undefined || !secretMatches(credential.secret, row.secret_hash)) {
    throw new DeviceError('device.invalid-credentials', 'unknown device or wrong secret');
  }
  // Only a caller holding the secret learns that the device was revoked.
  if (row.revoked_at !== null) throw new DeviceError('device.revoked', 'this device was revoked');
  const areaCodes = [row.local_government_code];
  if (row.machiaza_id !== null) areaCodes.push(machiazaAreaCode(row.local_government_code, row.machiaza_id));
  return { deviceId: row.id, householdId: row.household_id, areaCodes };
}
