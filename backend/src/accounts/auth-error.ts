// Errors of authentication and authorisation. HTTP-free: the edge (http/error-response.ts) maps each code to
// a status. Codes never change meaning once shipped.

export type AuthErrorCode =
  | 'auth.required'
  | 'auth.invalid-credentials'
  | 'auth.session-expired'
  | 'auth.forbidden'
  | 'auth.rate-limited';

export class AuthError extends Error {
  readonly code: AuthErrorCode;
  /** For 'auth.rate-limited': seconds until another attempt is allowed. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AuthErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AuthError';
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
