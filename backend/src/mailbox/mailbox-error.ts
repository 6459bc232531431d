// Errors of the resident's notices. HTTP-free; the edge maps codes to statuses.

export type MailboxErrorCode =
  /** No such notice for this resident. */
  | 'notice.not-found'
  /** Title or body is empty, too long, or not plain text (markup, control characters). */
  | 'notice.invalid';

export class MailboxError extends Error {
  readonly code: MailboxErrorCode;

  constructor(code: MailboxErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'MailboxError';
    this.code = code;
  }
}
