// Errors of resident registration and login (beyond the card checks, which are JpkiErrors).

export type ResidentErrorCode =
  /** The card is valid but its user-authentication certificate is linked to no resident: register first. */
  | 'resident.not-registered'
  /** The signed registration is not the JSON document of contracts.ts. */
  | 'resident.registration-malformed'
  /** The signed registration names another challenge or auth certificate than the proof that came with it. */
  | 'resident.registration-mismatch'
  | 'resident.not-found';

export class ResidentError extends Error {
  readonly code: ResidentErrorCode;

  constructor(code: ResidentErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ResidentError';
    this.code = code;
  }
}
