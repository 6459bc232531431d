// Errors of the bridge's link to the backend: its credential file, its on-disk inbox, its connection.

export type LinkErrorCode =
  /** No credential file in the data dir: the box is not enrolled. */
  | 'link.credential-missing'
  /** The credential file can be read by others than its owner (mode must be 0600). */
  | 'link.credential-exposed'
  /** The credential file is not `{ deviceId, secret }` JSON. */
  | 'link.credential-invalid'
  /** A message could not be written to the inbox; it was not acknowledged, so the backend sends it again. */
  | 'link.inbox-write-failed'
  /** The backend refused the handshake (code from the backend's contract in `message`). */
  | 'link.refused';

export class LinkError extends Error {
  readonly code: LinkErrorCode;

  constructor(code: LinkErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LinkError';
    this.code = code;
  }
}

export function isLinkError(error: unknown, code?: LinkErrorCode): error is LinkError {
  return error instanceof LinkError && (code === undefined || error.code === code);
}
