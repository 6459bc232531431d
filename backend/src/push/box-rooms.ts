// The socket.io rooms of the `/stb` namespace, and which boxes a target reaches.
import type { DeviceIdentity } from '../devices/index.ts';
import type { PushTarget } from './contracts.ts';

/** Socket.io rooms a box joins: one per household, one per area code, and one of its own for disconnects. */
export function roomsOf(identity: DeviceIdentity): string[] {
  return [
    householdRoom(identity.householdId),
    ...identity.areaCodes.map(areaRoom),
    deviceRoom(identity.deviceId),
  ];
}

/** A target whose boxes are known without a renderer. */
type FixedTarget = Exclude<PushTarget, { kind: 'rendered' }>;

/** The room holding every box a target reaches; undefined for 'all' (every box of the namespace). */
export function roomOf(target: FixedTarget): string | undefined {
  switch (target.kind) {
    case 'all':
      return undefined;
    case 'area':
      return areaRoom(target.areaCode);
    case 'household':
      return householdRoom(target.householdId);
  }
}

/** Whether a message for `target` is for a box; for a rendered one its renderer decides, per household. */
export function isTargeted(target: PushTarget, identity: DeviceIdentity): boolean | 'ask-renderer' {
  switch (target.kind) {
    case 'rendered':
      return 'ask-renderer';
    case 'all':
      return true;
    case 'area':
      return identity.areaCodes.includes(target.areaCode);
    case 'household':
      return identity.householdId === target.householdId;
  }
}

export const deviceRoom = (deviceId: string): string => `dev:${deviceId}`;
export const householdRoom = (householdId: string): string => `hh:${householdId}`;
const areaRoom = (areaCode: string): string => `area:${areaCode}`;
