// Revoking a set-top box (stolen, returned, replaced): its credential stops working, the resident sessions
// opened on it end, and the push gateway drops its live connection.
import { closeSessionsOf } from '../accounts/index.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Database } from '../db/index.ts';
import { DeviceError } from './device-error.ts';

/** The push gateway's side of a revocation (implemented by backend/src/push). */
export interface DeviceDisconnector {
  disconnectDevice(deviceId: string): Promise<void> | void;
}

export async function revokeDevice(
  db: Database,
  options: { deviceId: string; disconnector: DeviceDisconnector; actor: AuditActor; now: Date },
): Promise<{ revokedAt: Date }> {
  const { deviceId, actor, now } = options;
  const revokedAt = await db.transaction(async (tx) => {
    const rows = await tx.query<{ revoked_at: Date }>(
      'UPDATE devices SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING revoked_at',
      [deviceId, now],
    );
    if (rows[0] === undefined) throw new DeviceError('device.not-found', 'no such device');
    await closeSessionsOf(tx, { deviceId });
    await recordAudit(tx, {
      actor,
      action: 'device.revoke',
      target: { type: 'device', id: deviceId },
      at: now,
    });
    return rows[0].revoked_at;
  });
  // After the commit: a box reconnecting in between is already refused by its credential.
  await options.disconnector.disconnectDevice(deviceId);
  return { revokedAt };
}
