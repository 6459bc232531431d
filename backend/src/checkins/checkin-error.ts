// Errors of shelter terminals and check-in ingestion. HTTP-free; the edge maps codes to statuses.

export type CheckinErrorCode =
  /** Unknown terminal id or wrong secret (indistinguishable on purpose). */
  | 'checkin.terminal-invalid-credentials'
  /** The credentials are right but an operator revoked the terminal. */
  | 'checkin.terminal-revoked'
  | 'checkin.terminal-not-found'
  | 'checkin.shelter-not-found'
  /** An event id or sequence number arrived again with other content: the terminal's journal was replaced or
   * damaged. Nothing of the batch is stored; staff must look at the terminal. */
  | 'checkin.sequence-conflict'
  /** Shelter views (shelter-views.ts, supplies.ts, person-matches.ts). */
  | 'checkin.alert-not-found'
  | 'checkin.person-not-found'
  | 'checkin.resident-not-found'
  | 'checkin.supply-item-incomplete';

export class CheckinError extends Error {
  readonly code: CheckinErrorCode;

  constructor(code: CheckinErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CheckinError';
    this.code = code;
  }
}
