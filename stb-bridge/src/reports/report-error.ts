// Errors of the status report (現況届) flow beyond the card's and the session's: what the viewer must be told
// when a report cannot be made, stored or accepted. The backend's own code is kept in `backendCode`.

export type ReportErrorCode =
  /** The contract has no report due for that month (already sent, not open yet, or not this resident's). */
  | 'report.not-due'
  /** The answers do not match the form: a question left out, answered twice, or not on the form. */
  | 'report.answers-mismatch'
  /** The card that signed is not the one of the contract's holder (another household member's card). */
  | 'report.contract-not-held'
  /** The card's four items differ from the resident's record (moved or renamed): register the card again. */
  | 'report.holder-mismatch'
  /** The backend refused the report for another reason: a bug on one side, never the viewer's doing. */
  | 'report.refused'
  /** The signed report could not be written to the box's disk, so nothing was sent. */
  | 'report.outbox-write-failed'
  /** No waiting or failed report with that submission id on this box. */
  | 'report.not-found';

export class ReportError extends Error {
  readonly code: ReportErrorCode;
  /** The backend's error code, when the backend answered. */
  readonly backendCode: string | undefined;

  constructor(
    code: ReportErrorCode,
    message: string,
    options: { backendCode?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ReportError';
    this.code = code;
    this.backendCode = options.backendCode;
  }
}

export function isReportError(error: unknown, code?: ReportErrorCode): error is ReportError {
  return error instanceof ReportError && (code === undefined || error.code === code);
}
