// Keys: every key of a remote, a keyboard or an STB browser becomes one of the remote's keys (the bridge's
// RemoteKey names: up, ok, back, 0–9, red, …), which are also the names of the Blits input handlers.
// The keyboard table is the bridge contract's; the key codes here are those STB browsers send instead.
import { keyboardRemoteKeys, type RemoteKey } from '@myna-tv/stb-bridge/contracts';

const digitKeyCodes = Object.fromEntries(
  [...'0123456789'].flatMap((digit, i) => [
    [48 + i, digit],
    [96 + i, digit], // number pad
  ]),
) as Record<number, RemoteKey>;

/** KeyboardEvent.keyCode → remote key, for boxes whose `key` is missing or 'Unidentified'. */
const keyCodeRemoteKeys: Readonly<Record<number, RemoteKey>> = {
  37: 'left',
  38: 'up',
  39: 'right',
  40: 'down',
  13: 'ok',
  8: 'back',
  27: 'back',
  461: 'back', // webOS
  10009: 'back', // Tizen
  36: 'home',
  403: 'red',
  404: 'green',
  405: 'yellow',
  406: 'blue',
  ...digitKeyCodes,
};

/** The Blits `keymap` launch setting (it tries `key` first, then `keyCode`). */
export const blitsKeymap: Readonly<Record<string | number, RemoteKey>> = {
  ...keyCodeRemoteKeys,
  ...keyboardRemoteKeys,
};

export function remoteKeyOfEvent(event: Pick<KeyboardEvent, 'key' | 'keyCode'>): RemoteKey | undefined {
  return keyboardRemoteKeys[event.key] ?? keyCodeRemoteKeys[event.keyCode];
}

const keyboardKeyOfRemote = new Map<RemoteKey, string>();
for (const [key, remote] of Object.entries(keyboardRemoteKeys)) {
  if (!keyboardKeyOfRemote.has(remote)) keyboardKeyOfRemote.set(remote, key);
}

/** A `keydown` event as if the keyboard sent the key: how keys of the bridge's HID remote enter the app. */
export function keyboardEventFor(remote: RemoteKey, type: 'keydown' | 'keyup' = 'keydown'): KeyboardEvent {
  return new KeyboardEvent(type, { key: keyboardKeyOfRemote.get(remote) ?? remote, bubbles: true });
}
