// Errors of alert ingest beyond the disaster library's own (AlertError: XML safety, format, content,
// signature): what only the store of earlier alerts can tell. HTTP-free.

export type AlertIngestErrorCode =
  /** An Update or Cancel naming an alert of another sender, or continuing another sender's series. */
  | 'alert.foreign-sender'
  /** The sender already sent this identifier at another time. */
  | 'alert.identifier-reused'
  /** An API client publishing for a sender it is not bound to (backend/src/accounts/api-clients.ts). */
  | 'alert.sender-not-allowed';

export class AlertIngestError extends Error {
  readonly code: AlertIngestErrorCode;

  constructor(code: AlertIngestErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AlertIngestError';
    this.code = code;
  }
}
