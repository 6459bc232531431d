// Errors of the development JPKI (the local stand-in for J-LIS). The original failure stays as `cause`.

export type DevPkiErrorCode =
  | 'dev-pki.not-found'
  | 'dev-pki.already-revoked'
  | 'dev-pki.bad-input'
  | 'dev-pki.data-corrupt';

export class DevPkiError extends Error {
  readonly code: DevPkiErrorCode;

  constructor(code: DevPkiErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DevPkiError';
    this.code = code;
  }
}
