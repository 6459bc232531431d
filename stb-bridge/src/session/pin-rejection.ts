// A PIN or password the card (or the format check before it) refused, with which of the two secrets it was:
// registration uses both, and the TV app must ask again for the right one. The card's error stays as `cause`.
import { CardError } from '../card/card-error.ts';
import type { JpkiClient } from '../jpki/jpki-client.ts';
import type { PinKind } from '../jpki/pin-format.ts';
import { encodePin } from '../jpki/pin-format.ts';

export type PinRejectionCode = 'card.pin-format' | 'card.pin-wrong' | 'card.pin-blocked';

export class PinRejection extends Error {
  readonly code: PinRejectionCode;
  readonly pinKind: PinKind;
  readonly triesLeft: number | undefined;
  override readonly cause: CardError;

  constructor(pinKind: PinKind, cause: CardError & { code: PinRejectionCode }) {
    super(cause.message, { cause });
    this.name = 'PinRejection';
    this.code = cause.code;
    this.pinKind = pinKind;
    this.triesLeft = cause.triesLeft;
    this.cause = cause;
  }
}

function isRejection(error: unknown): error is CardError & { code: PinRejectionCode } {
  return (
    error instanceof CardError &&
    (error.code === 'card.pin-format' || error.code === 'card.pin-wrong' || error.code === 'card.pin-blocked')
  );
}

/** Throws a PinRejection when `secret` cannot be a PIN of this kind, before any network or card work. */
export function checkPinFormat(kind: PinKind, secret: string): void {
  try {
    encodePin(kind, secret).fill(0);
  } catch (error) {
    if (isRejection(error)) throw new PinRejection(kind, error);
    throw error;
  }
}

/** One VERIFY on the card (never retried); a refusal becomes a PinRejection naming the secret. */
export async function verifyPinOnce(jpki: JpkiClient, kind: PinKind, secret: string): Promise<void> {
  try {
    await jpki.verifyPin(kind, secret);
  } catch (error) {
    if (isRejection(error)) throw new PinRejection(kind, error);
    throw error;
  }
}
