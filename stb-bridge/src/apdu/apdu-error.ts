// Errors of the APDU layer. A card that answered with an error status keeps its status word;
// bytes that are not an APDU at all are a separate code (after myna's APDUError).

export type ApduErrorCode = 'apdu.malformed' | 'apdu.status';

export class ApduError extends Error {
  readonly code: ApduErrorCode;
  /** The status word the card answered, for `apdu.status`. */
  readonly sw: number | undefined;

  constructor(code: ApduErrorCode, message: string, options: { sw?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ApduError';
    this.code = code;
    this.sw = options.sw;
  }
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
