// Wire contract of the card login between backend and stb-bridge (JSON). The bridge imports these as types
// only; the backend owns them.

/** A one-time login challenge handed to a device. */
export interface LoginChallenge {
  /** 32 random bytes, base64url without padding. */
  challenge: string;
  /** ISO 8601 instant after which the challenge is refused. */
  expiresAt: string;
}

/**
 * The card's answer: the auth key (EF 0017) signed the raw challenge bytes with RSASSA-PKCS1-v1_5 / SHA-256,
 * i.e. the bridge sent the card the SHA-256 DigestInfo of the challenge bytes.
 */
export interface LoginProof {
  /** The challenge string exactly as received. */
  challenge: string;
  /** 利用者証明用電子証明書 (EF 000A), DER, base64. */
  certificate: string;
  /** 256-byte signature, base64. */
  signature: string;
}
