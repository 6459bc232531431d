// The revocation status of one certificate and the interface every status source (OCSP, CRL, cache,
// fallback) implements. `unknown` is never good: the verifier refuses it (jpki.status-unknown).
import type * as pkijs from 'pkijs';
import type { CertPurpose } from './oids.ts';

/** CRLReason (RFC 5280 §5.3.1), indexed by its ENUMERATED value; 7 is unused. */
export const revocationReasons = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined,
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

export type RevocationReason = Exclude<(typeof revocationReasons)[number], undefined>;

export type RevocationStatus =
  | { status: 'good' }
  | { status: 'revoked'; reason: RevocationReason; revokedAt: Date }
  | { status: 'unknown'; why: string };

/** What a status source is asked about: a certificate whose chain to `issuer` is already validated. */
export interface StatusQuery {
  certificate: pkijs.Certificate;
  issuer: pkijs.Certificate;
  purpose: CertPurpose;
  /** SHA-256 of the certificate DER, hex: a stable cache key. */
  fingerprint: string;
}

export interface StatusSource {
  /** Never throws for a source failure (timeout, garbage, bad signature): answers `unknown` with the reason. */
  check(query: StatusQuery): Promise<RevocationStatus>;
}

/** Maps a CRLReason ENUMERATED value; an absent reason means `unspecified` (RFC 5280 §5.3.1). */
export function revocationReasonOf(code: number | undefined): RevocationReason {
  return (code === undefined ? undefined : revocationReasons[code]) ?? 'unspecified';
}
