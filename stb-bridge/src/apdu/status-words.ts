// Status words a JPKI card answers (jpki spec §2.4).
export const SW = {
  OK: 0x9000,
  /** 63Cx: wrong PIN, or the answer to a no-data VERIFY; x = tries left. */
  TRIES_LEFT_BASE: 0x63c0,
  WRONG_LENGTH: 0x6700,
  CHANNEL_NOT_SUPPORTED: 0x6881,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  INCOMPATIBLE_FILE_STRUCTURE: 0x6981,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTH_METHOD_BLOCKED: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  SM_DATA_MISSING: 0x69fc,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  WRONG_P1P2_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** Tries left in a 63Cx status word, or undefined when the word is not 63Cx. */
export function triesLeftOf(sw: number): number | undefined {
  return (sw & 0xfff0) === SW.TRIES_LEFT_BASE ? sw & 0x0f : undefined;
}
