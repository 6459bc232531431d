// Errors of the push gateway. Codes are the wire codes of contracts.ts, so a handler can pass one to a box
// unchanged; the original failure stays as `cause`.
import type { PushErrorCode } from './contracts.ts';

export class PushError extends Error {
  readonly code: PushErrorCode;

  constructor(code: PushErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'PushError';
    this.code = code;
  }
}

export function isPushError(error: unknown, code?: PushErrorCode): error is PushError {
  return error instanceof PushError && (code === undefined || error.code === code);
}
