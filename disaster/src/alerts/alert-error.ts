// Errors that stop one message from being ingested. HTTP-free; the backend maps codes at its edge. Problems
// that only cost part of a message (a bad polygon, an unknown geocode) are not errors: see AlertProblem.

export type AlertErrorCode =
  /** Larger than the size cap, not UTF-8, or carrying a DOCTYPE, an entity or markup declaration. */
  | 'alert.xml-unsafe'
  /** Not well-formed, more than one root, too deep, an attribute too long. */
  | 'alert.xml-invalid'
  /** A root element or namespace none of the adapters reads. */
  | 'alert.format-unknown'
  /** Well-formed XML of a known format, but a required field is missing or not an allowed value. */
  | 'alert.content-invalid'
  /** The publisher must sign and the message carries no signature. */
  | 'alert.signature-required'
  /** The signature does not verify, or its certificate does not chain to a configured anchor. */
  | 'alert.signature-invalid';

export class AlertError extends Error {
  readonly code: AlertErrorCode;

  constructor(code: AlertErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AlertError';
    this.code = code;
  }
}
