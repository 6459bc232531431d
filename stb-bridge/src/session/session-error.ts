// Errors of the resident flows (login, registration, logout) beyond the card's own: what the backend answered,
// reduced to what the TV app must tell the viewer. The backend's own code is kept in `backendCode`.

export type SessionErrorCode =
  /** The backend cannot be reached, or cannot answer now (e.g. revocation could not be checked): try later. */
  | 'session.backend-unavailable'
  /** The backend refused this box's device credential (unknown or revoked box): the operator must look. */
  | 'session.device-refused'
  /** The card is valid but not registered to a resident yet: register first (signature password). */
  | 'session.not-registered'
  /** The card's certificate was revoked (moved, card lost, …): the municipal office can help. */
  | 'session.card-revoked'
  /** The card's certificate is expired or not yet valid. */
  | 'session.card-expired'
  /** The backend refused the card's proof for another reason (untrusted, bad signature, stale challenge). */
  | 'session.card-refused'
  /** The backend refused the request itself: a bug on one side, never the viewer's doing. */
  | 'session.refused'
  /** Another login or registration is using the card right now. */
  | 'session.busy'
  /** No resident is logged in on this box, or the backend ended the session (idle timeout): log in again. */
  | 'session.login-required';

export class SessionError extends Error {
  readonly code: SessionErrorCode;
  /** The backend's error code, when the backend answered. */
  readonly backendCode: string | undefined;

  constructor(
    code: SessionErrorCode,
    message: string,
    options: { backendCode?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SessionError';
    this.code = code;
    this.backendCode = options.backendCode;
  }
}

export function isSessionError(error: unknown, code?: SessionErrorCode): error is SessionError {
  return error instanceof SessionError && (code === undefined || error.code === code);
}
