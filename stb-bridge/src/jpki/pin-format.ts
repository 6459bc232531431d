// PIN and password rules of the JPKI AP (jpki spec §3), checked before anything reaches the card, so
// a typing slip never costs one of the few tries.
import { CardError } from '../card/card-error.ts';

export type PinKind = 'auth' | 'sign';

/**
 * The bytes to send for a PIN: the 4-digit user-authentication PIN, or the signature password
 * (6–16 of A–Z and 0–9 mixing letters and digits; lower case is upper-cased, as the card compares
 * bytes). Throws `card.pin-format`; the message never contains the PIN.
 */
export function encodePin(kind: PinKind, pin: string): Uint8Array {
  if (kind === 'auth') {
    if (!/^[0-9]{4}$/.test(pin)) throw new CardError('card.pin-format', 'the PIN must be 4 digits');
    return new TextEncoder().encode(pin);
  }
  const password = pin.toUpperCase();
  if (!/^[A-Z0-9]{6,16}$/.test(password) || !/[A-Z]/.test(password) || !/[0-9]/.test(password)) {
    throw new CardError(
      'card.pin-format',
      'the signature password must be 6 to 16 letters A–Z and digits 0–9, with at least one of each',
    );
  }
  return new TextEncoder().encode(password);
}
