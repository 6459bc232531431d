// PC/SC return codes as the pcsclite addon reports them ("SCardTransmit error: …(0x80100069)"),
// turned into card-layer errors.
import { CardError, type CardErrorCode } from './card-error.ts';

/** The PC/SC codes this layer tells apart (pcsclite.h). */
export const PcscCode = {
  CANCELLED: 0x80100002,
  INVALID_HANDLE: 0x80100003,
  UNKNOWN_READER: 0x80100009,
  SHARING_VIOLATION: 0x8010000b,
  NO_SMARTCARD: 0x8010000c,
  COMM_ERROR: 0x80100013,
  NOT_TRANSACTED: 0x80100016,
  READER_UNAVAILABLE: 0x80100017,
  NO_SERVICE: 0x8010001d,
  SERVICE_STOPPED: 0x8010001e,
  NO_READERS_AVAILABLE: 0x8010002e,
  UNRESPONSIVE_CARD: 0x80100066,
  UNPOWERED_CARD: 0x80100067,
  RESET_CARD: 0x80100068,
  REMOVED_CARD: 0x80100069,
} as const;

/** The PC/SC code in an addon error message, if any. */
export function pcscCodeOf(error: unknown): number | undefined {
  const match = /\(0x([0-9a-f]{8})\)/i.exec(error instanceof Error ? error.message : String(error));
  return match ? Number.parseInt(match[1] as string, 16) : undefined;
}

const CODE_OF: Partial<Record<number, CardErrorCode>> = {
  [PcscCode.NO_SMARTCARD]: 'card.absent',
  [PcscCode.REMOVED_CARD]: 'card.removed',
  [PcscCode.UNKNOWN_READER]: 'card.no-reader',
  [PcscCode.READER_UNAVAILABLE]: 'card.no-reader',
  [PcscCode.NO_READERS_AVAILABLE]: 'card.no-reader',
  [PcscCode.NO_SERVICE]: 'card.no-pcsc',
  [PcscCode.SERVICE_STOPPED]: 'card.no-pcsc',
};

const EXPLANATION: Partial<Record<number, string>> = {
  [PcscCode.SHARING_VIOLATION]: 'the card is in use by another program',
  [PcscCode.RESET_CARD]: 'the card was reset by another program; its PIN state is lost',
  [PcscCode.COMM_ERROR]: 'the connection to the PC/SC service broke',
  [PcscCode.NO_SERVICE]: 'the PC/SC service (pcscd) is not running',
  [PcscCode.SERVICE_STOPPED]: 'the PC/SC service (pcscd) stopped',
};

/** A CardError for a failed addon call; `what` names the operation ("connect", "transmit"). */
export function cardErrorFromPcsc(error: unknown, what: string): CardError {
  const code = pcscCodeOf(error);
  const reason =
    (code !== undefined && EXPLANATION[code]) || (error instanceof Error ? error.message : String(error));
  const cardCode = (code !== undefined && CODE_OF[code]) || 'card.transport';
  return new CardError(cardCode, `PC/SC ${what} failed: ${reason}`, { cause: error });
}
