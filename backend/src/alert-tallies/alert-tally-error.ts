// Errors of the alert tallies. HTTP-free; the edge maps codes to statuses.

export type AlertTallyErrorCode =
  /** No such alert: a seq that is no alert for this box's household, or an alert id unknown or out of the
   * caller's municipality. */
  'alert.not-found';

export class AlertTallyError extends Error {
  readonly code: AlertTallyErrorCode;

  constructor(code: AlertTallyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AlertTallyError';
    this.code = code;
  }
}
