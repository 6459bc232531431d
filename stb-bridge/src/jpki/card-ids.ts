// Application and file identifiers of the My Number Card (jpki spec §1). One list for the emulator,
// the client and the guard.

export const JPKI_AID = Uint8Array.from([0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]);

/**
 * The APs that hold the 12-digit My Number (券面事項入力補助AP and 券面事項確認AP). Nothing in this
 * product may select them: the guard refuses them and the emulator answers them as absent.
 */
export const FORBIDDEN_AIDS: readonly Uint8Array[] = [
  Uint8Array.from([0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08]),
  Uint8Array.from([0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02]),
];

/** Elementary files of the JPKI AP. */
export const JpkiEf = {
  SIGN_CERT: 0x0001,
  SIGN_CA_CERT: 0x0002,
  TOKEN_INFO: 0x0006,
  CERT_FLAGS: 0x0008,
  AUTH_CERT: 0x000a,
  AUTH_CA_CERT: 0x000b,
  AUTH_KEY: 0x0017,
  AUTH_PIN: 0x0018,
  SIGN_KEY: 0x001a,
  SIGN_PIN: 0x001b,
} as const;

export const TOKEN_LABEL = 'JPKIAPICCTOKEN2';

/** Retry limits: 4-digit user-auth PIN 3, signature password 5. */
export const MAX_TRIES = { auth: 3, sign: 5 } as const;
