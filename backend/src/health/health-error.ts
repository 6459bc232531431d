// Errors of the health records. HTTP-free; the edge maps codes to statuses.

export type HealthErrorCode =
  /** The body is not a FHIR Bundle, or one of its entries is refused (the answer lists each entry's problem). */
  | 'health.bundle-invalid'
  /** The caller acts for no municipality (an operator admin, or a staff account without a code). */
  | 'health.no-municipality'
  /** No such child linked to this parent (a child of someone else is answered the same). */
  | 'health.child-not-found'
  /** The signed application is not a health link application (content, type, municipality). */
  | 'health.application-invalid'
  /** The application is signed by someone else than the logged-in resident. */
  | 'health.signer-mismatch'
  /** No such application for this municipality. */
  | 'health.application-not-found'
  /** The application was already decided otherwise. */
  | 'health.application-decided'
  /** The approval names a child the municipality has no record of. */
  | 'health.unknown-child';

export class HealthError extends Error {
  readonly code: HealthErrorCode;

  constructor(code: HealthErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'HealthError';
    this.code = code;
  }
}
