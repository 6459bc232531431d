// Errors of watch-over (見守り). HTTP-free; the edge maps codes to statuses.

export type WatchOverErrorCode =
  /** An activity hour not on the hour, later than the present hour, or older than the boxes keep them. */
  | 'watch-over.hour-invalid'
  /** The report names another box than the one whose credential sent it. */
  | 'watch-over.device-mismatch'
  /** A contact names no registered resident. */
  | 'watch-over.contact-unknown'
  /** No such household (or one outside the caller's municipality). */
  | 'watch-over.household-not-found'
  /** The household has not agreed to watch-over (or withdrew). */
  | 'watch-over.not-enrolled';

export class WatchOverError extends Error {
  readonly code: WatchOverErrorCode;

  constructor(code: WatchOverErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'WatchOverError';
    this.code = code;
  }
}
