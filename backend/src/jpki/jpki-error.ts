// Errors of the JPKI relying party. Every reason a certificate, signature or login proof is refused has one
// stable code; the original failure (pkijs, fetch, asn1js) stays as `cause`.
import type { RevocationStatus } from './revocation-status.ts';

export type JpkiErrorCode =
  | 'jpki.cert-malformed'
  | 'jpki.cert-untrusted'
  | 'jpki.cert-expired'
  | 'jpki.cert-not-yet-valid'
  | 'jpki.cert-wrong-purpose'
  | 'jpki.cert-revoked'
  | 'jpki.status-unknown'
  | 'jpki.signature-invalid'
  | 'jpki.challenge-unknown'
  | 'jpki.challenge-expired'
  | 'jpki.challenge-replayed'
  | 'jpki.challenge-wrong-device'
  | 'jpki.cms-malformed';

export class JpkiError extends Error {
  readonly code: JpkiErrorCode;
  /** For cert-revoked / status-unknown: the status answer (reason and time, or why it is unknown). */
  readonly revocation: RevocationStatus | undefined;

  constructor(
    code: JpkiErrorCode,
    message: string,
    options: { cause?: unknown; revocation?: RevocationStatus } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'JpkiError';
    this.code = code;
    this.revocation = options.revocation;
  }
}

export function isJpkiError(error: unknown, code?: JpkiErrorCode): error is JpkiError {
  return error instanceof JpkiError && (code === undefined || error.code === code);
}
