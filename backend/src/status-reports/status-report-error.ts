// Errors of status reports and the insurer API (beyond the card checks, which are JpkiErrors). HTTP-free.

export type StatusReportErrorCode =
  /** The signed content is not a canonical (RFC 8785) status report document, or names another insurer. */
  | 'report.malformed'
  /** The signer is not the resident of the contract the report names (or no such contract). */
  | 'report.contract-not-held'
  /** The report's holder is not the signer certificate's four items. */
  | 'report.holder-mismatch'
  /** The period is not the one open for the contract now. */
  | 'report.not-due'
  /** The declaration or questions differ from the insurer's form. */
  | 'report.answers-mismatch'
  | 'report.not-found'
  | 'insurer.contract-not-found'
  /** The contract's person has not registered on a TV yet: nobody to send a notice to. */
  | 'insurer.contract-unmatched';

export class StatusReportError extends Error {
  readonly code: StatusReportErrorCode;

  constructor(code: StatusReportErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StatusReportError';
    this.code = code;
  }
}
