// Errors of the card layer (readers and the JPKI client above them). Transport failures (no reader,
// card pulled, timeout) have their own codes; a status word the card answered is kept in `sw`, and
// status words without a JPKI meaning stay `ApduError`s from the APDU layer.

export type CardErrorCode =
  /** The PC/SC addon cannot be loaded, or the PC/SC service (pcscd) is not reachable. */
  | 'card.no-pcsc'
  /** No reader is attached (or none with the requested name). */
  | 'card.no-reader'
  /** The reader has no card. */
  | 'card.absent'
  /** The card was pulled while connected or during a command. */
  | 'card.removed'
  /** The card or reader did not answer in time. */
  | 'card.timeout'
  /** Any other failure talking to the reader (service lost, bad framing, device unplugged). */
  | 'card.transport'
  /** The connection or reader was already closed by this process. */
  | 'card.closed'
  /** The guard refused a SELECT of an application holding the My Number. */
  | 'card.forbidden-aid'
  /** The card has no JPKI application. */
  | 'card.not-jpki'
  /** A PIN or password that cannot be right (wrong length or characters); nothing was sent. */
  | 'card.pin-format'
  /** Wrong PIN; `triesLeft` says how many attempts remain (at least one). */
  | 'card.pin-wrong'
  /** No tries left: only the municipal office can reset it. */
  | 'card.pin-blocked'
  /** The operation needs the PIN or password verified first. */
  | 'card.pin-required'
  /** The caller passed input the card cannot take (e.g. a DigestInfo of the wrong size). */
  | 'card.bad-input'
  /** The card answered bytes that make no sense (truncated or oversized certificate, bad lengths). */
  | 'card.bad-response';

export interface CardErrorOptions {
  /** The status word the card answered, when the error comes from one. */
  sw?: number;
  /** Tries left, for the PIN errors. */
  triesLeft?: number;
  cause?: unknown;
}

export class CardError extends Error {
  readonly code: CardErrorCode;
  readonly sw: number | undefined;
  readonly triesLeft: number | undefined;

  constructor(code: CardErrorCode, message: string, options: CardErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'CardError';
    this.code = code;
    this.sw = options.sw;
    this.triesLeft = options.triesLeft;
  }
}

export function isCardError(error: unknown, code?: CardErrorCode): error is CardError {
  return error instanceof CardError && (code === undefined || error.code === code);
}
