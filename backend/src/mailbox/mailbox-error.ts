// Errors of the resident's notices. HTTP-free; the edge maps codes to statuses.

export type MailboxErrorCode =
  /** No such notice for this resident (another resident's notice is answered the same). */
  | 'notice.not-found'
  /** Title or body is empty, or a field of the send is missing or malformed. */
  | 'notice.invalid'
  /** Title or body is longer than the notice limits (noticeLimits). */
  | 'notice.too-large'
  /** Title or body holds markup (tags, character references) or control characters: plain text only. */
  | 'notice.not-plain-text'
  /** The attachment link is not an https URL without credentials, or its title is not plain text. */
  | 'notice.attachment-invalid'
  /** The sender's notice id was used before for a different notice (recipient, title, body or attachment). */
  | 'notice.id-reused'
  /** No registered resident with these four items whom this sender may write to. */
  | 'notice.recipient-not-found';

export class MailboxError extends Error {
  readonly code: MailboxErrorCode;

  constructor(code: MailboxErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'MailboxError';
    this.code = code;
  }
}
