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

/** The room holding every box a target reaches; undefined for 'all' (every box of the namespace). */
export function roomOf(target: PushTarget): string | undefined {
  switch (target.kind) {
    case 'all':
      return undefined;
    case 'area':
      return areaRoom(target.areaCode);
    case 'household':
      return householdRoom(target.householdId);
  }
}

export function isTargeted(target: PushTarget, identity: DeviceIdentity): boolean {
  switch (target.kind) {
    case 'all':
      return true;
    case 'area':
      return identity.areaCodes.includes(target.areaCode);
    case 'household':
      return identity.householdId === target.householdId;
  }
}

export const deviceRoom = (deviceId: string): string => `dev:${deviceId}`;
const householdRoom = (householdId: string): string => `hh:${householdId}`;
const areaRoom = (areaCode: string): string => `area:${areaCode}`;
