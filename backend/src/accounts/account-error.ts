// Errors of managing operator accounts and API clients (as opposed to authenticating with them: AuthError).

export type AccountErrorCode = 'account.weak-password' | 'account.login-name-taken' | 'account.not-found';

export class AccountError extends Error {
  readonly code: AccountErrorCode;

  constructor(code: AccountErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AccountError';
    this.code = code;
  }
}
