// The keys of the Myna TV remote and their codes in KEY reports of the HID protocol
// (docs/hid-remote-protocol.md). The one table: the protocol codec and its tests use it.

export const REMOTE_KEY_CODES = {
  up: 0x01,
  down: 0x02,
  left: 0x03,
  right: 0x04,
  ok: 0x05,
  back: 0x06,
  home: 0x07,
  '0': 0x10,
  '1': 0x11,
  '2': 0x12,
  '3': 0x13,
  '4': 0x14,
  '5': 0x15,
  '6': 0x16,
  '7': 0x17,
  '8': 0x18,
  '9': 0x19,
  red: 0x20,
  green: 0x21,
  yellow: 0x22,
  blue: 0x23,
} as const;

export type RemoteKey = keyof typeof REMOTE_KEY_CODES;

export const KEY_ACTIONS = ['release', 'press', 'repeat'] as const;
export type KeyAction = (typeof KEY_ACTIONS)[number];

export interface RemoteKeyEvent {
  key: RemoteKey;
  action: KeyAction;
}

const KEY_OF_CODE = new Map<number, RemoteKey>(
  Object.entries(REMOTE_KEY_CODES).map(([key, code]) => [code, key as RemoteKey]),
);

/** The key a code stands for, or undefined for a code this version does not know. */
export function remoteKeyOf(code: number): RemoteKey | undefined {
  return KEY_OF_CODE.get(code);
}
