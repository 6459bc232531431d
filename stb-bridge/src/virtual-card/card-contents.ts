// What a virtual JPKI card holds: the two key pairs' private halves, the four certificates and the two
// secrets. Built from a dev-PKI holder profile by load-virtual-card.ts, or directly in tests.
import type { KeyObject } from 'node:crypto';
import type { MAX_TRIES } from '../jpki/card-ids.ts';

/** The two JPKI secrets: `auth` = 4-digit user-authentication PIN (EF 0018), `sign` = signature password (EF 001B). */
export type PinPurpose = keyof typeof MAX_TRIES;

export interface VirtualCardContents {
  /** Holder id of the dev PKI; keys the persisted PIN counters. */
  holderId: string;
  /** ASCII secrets compared byte for byte, as the card does (clients upper-case the password). */
  secrets: Record<PinPurpose, string>;
  /** RSA-2048 private keys in EF 0017 (auth) and EF 001A (sign). */
  keys: Record<PinPurpose, KeyObject>;
  /** DER certificates: EF 000A / 0001 (holder) and EF 000B / 0002 (CA). */
  certs: Record<PinPurpose, Uint8Array>;
  caCerts: Record<PinPurpose, Uint8Array>;
}

/** Contact ATR of a real My Number Card (OpenSC card-jpki.c); OpenSC picks its `jpki` driver from it alone. */
export const JPKI_CONTACT_ATR = Uint8Array.from([0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14]);
