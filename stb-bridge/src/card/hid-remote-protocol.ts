// The report protocol of the remote control with a built-in card reader (docs/hid-remote-protocol.md):
// 64-byte HID reports carrying key events, card presence, APDUs split over several reports, and errors.
// Pure encoding and decoding, shared by the host driver and any device (or device simulator).
import { CardError } from './card-error.ts';

export const REPORT_SIZE = 64;
export const PROTOCOL_VERSION = 1;

export const ReportType = {
  /** host → device: protocol version; the device answers with a CARD report. */
  HELLO: 0x01,
  /** host → device: a fragment of a command APDU. */
  COMMAND: 0x02,
  /** host → device: forget the exchange (the host gave up waiting). */
  ABORT: 0x03,
  /** host → device: warm-reset the card (clears its security state); answered with a CARD report. */
  RESET: 0x04,
  /** device → host: card present (with ATR) or absent; on HELLO, RESET and every change. */
  CARD: 0x81,
  /** device → host: a fragment of a response APDU. */
  RESPONSE: 0x82,
  /** device → host: a key pressed, released or auto-repeated. */
  KEY: 0x83,
  /** device → host: an exchange (or the device) failed. */
  ERROR: 0x8f,
} as const;

export const RemoteErrorCode = {
  NO_CARD: 0x01,
  CARD_REMOVED: 0x02,
  CARD_MUTE: 0x03,
  SEQUENCE: 0x04,
  LENGTH: 0x05,
  BUSY: 0x06,
  VERSION: 0x07,
  INTERNAL: 0xff,
} as const;

/** APDU bytes per fragment: 64 minus the 8-byte fragment header. */
export const FRAGMENT_PAYLOAD = 56;
/** Longest APDU message: an extended command with 65535 data bytes and Le (4 + 3 + 65535 + 2). */
export const MAX_MESSAGE = 65544;
const MAX_ATR = 33;
const MORE = 0x01;

export interface Fragment {
  exchange: number;
  sequence: number;
  more: boolean;
  total: number;
  payload: Uint8Array;
}

export type RemoteReport =
  | { type: 'hello'; version: number }
  | ({ type: 'command' } & Fragment)
  | { type: 'abort'; exchange: number }
  | { type: 'reset' }
  | { type: 'card'; present: boolean; atr: Uint8Array }
  | ({ type: 'response' } & Fragment)
  | { type: 'key'; code: number; action: number }
  | { type: 'error'; exchange: number; code: number };

const malformed = (message: string) => new CardError('card.transport', `HID remote: ${message}`);

export function encodeReport(report: RemoteReport): Uint8Array {
  const out = new Uint8Array(REPORT_SIZE);
  switch (report.type) {
    case 'hello':
      out.set([ReportType.HELLO, report.version]);
      break;
    case 'abort':
      out.set([ReportType.ABORT, report.exchange]);
      break;
    case 'reset':
      out[0] = ReportType.RESET;
      break;
    case 'card':
      if (report.atr.length > MAX_ATR) throw malformed(`ATR of ${report.atr.length} bytes`);
      out.set([ReportType.CARD, report.present ? 1 : 0, report.atr.length, ...report.atr]);
      break;
    case 'key':
      out.set([ReportType.KEY, report.code, report.action]);
      break;
    case 'error':
      out.set([ReportType.ERROR, report.exchange, report.code]);
      break;
    case 'command':
    case 'response': {
      const { exchange, sequence, more, total, payload } = report;
      if (payload.length > FRAGMENT_PAYLOAD) throw malformed(`fragment of ${payload.length} bytes`);
      const type = report.type === 'command' ? ReportType.COMMAND : ReportType.RESPONSE;
      out.set([
        type,
        exchange,
        sequence & 0xff,
        more ? MORE : 0,
        total >> 16,
        (total >> 8) & 0xff,
        total & 0xff,
      ]);
      out[7] = payload.length;
      out.set(payload, 8);
      break;
    }
  }
  return out;
}

/** Decodes one report; throws `card.transport` for bytes that are not a report of this protocol. */
export function decodeReport(bytes: Uint8Array): RemoteReport {
  if (bytes.length < REPORT_SIZE) throw malformed(`report of ${bytes.length} bytes`);
  const at = (i: number) => bytes[i] as number;
  switch (at(0)) {
    case ReportType.HELLO:
      return { type: 'hello', version: at(1) };
    case ReportType.ABORT:
      return { type: 'abort', exchange: at(1) };
    case ReportType.RESET:
      return { type: 'reset' };
    case ReportType.CARD:
      if (at(2) > MAX_ATR) throw malformed(`ATR length ${at(2)}`);
      return { type: 'card', present: at(1) === 1, atr: bytes.slice(3, 3 + at(2)) };
    case ReportType.KEY:
      return { type: 'key', code: at(1), action: at(2) };
    case ReportType.ERROR:
      return { type: 'error', exchange: at(1), code: at(2) };
    case ReportType.COMMAND:
    case ReportType.RESPONSE: {
      const length = at(7);
      if (length > FRAGMENT_PAYLOAD) throw malformed(`fragment length ${length}`);
      return {
        type: at(0) === ReportType.COMMAND ? 'command' : 'response',
        exchange: at(1),
        sequence: at(2),
        more: (at(3) & MORE) !== 0,
        total: (at(4) << 16) | (at(5) << 8) | at(6),
        payload: bytes.slice(8, 8 + length),
      };
    }
    default:
      throw malformed(`unknown report type 0x${at(0).toString(16)}`);
  }
}

/** Splits an APDU into fragment reports of one exchange (sequence 0, 1, …; MORE on all but the last). */
export function fragmentMessage(
  type: 'command' | 'response',
  exchange: number,
  message: Uint8Array,
): Uint8Array[] {
  if (message.length === 0 || message.length > MAX_MESSAGE)
    throw malformed(`message of ${message.length} bytes`);
  const reports: Uint8Array[] = [];
  for (let offset = 0, sequence = 0; offset < message.length; offset += FRAGMENT_PAYLOAD, sequence++) {
    const payload = message.subarray(offset, offset + FRAGMENT_PAYLOAD);
    const more = offset + FRAGMENT_PAYLOAD < message.length;
    reports.push(encodeReport({ type, exchange, sequence, more, total: message.length, payload }));
  }
  return reports;
}

/** Reassembles one exchange's fragments, checking sequence numbers and lengths. */
export class MessageAssembler {
  private readonly parts: Uint8Array[] = [];
  private received = 0;
  private total: number | undefined;

  constructor(readonly exchange: number) {}

  /** Adds a fragment; resolves to the whole message after the last one, undefined before. */
  push(fragment: Fragment): Uint8Array | undefined {
    if (fragment.sequence !== (this.parts.length & 0xff)) {
      throw malformed(`fragment ${fragment.sequence} arrived, ${this.parts.length & 0xff} expected`);
    }
    if (this.total !== undefined && fragment.total !== this.total) throw malformed('total length changed');
    if (fragment.total === 0 || fragment.total > MAX_MESSAGE)
      throw malformed(`message of ${fragment.total} bytes`);
    this.total = fragment.total;
    this.received += fragment.payload.length;
    this.parts.push(fragment.payload);
    if (this.received > this.total || (!fragment.more && this.received !== this.total)) {
      throw malformed(`${this.received} bytes received for a message of ${this.total}`);
    }
    return fragment.more ? undefined : Uint8Array.from(Buffer.concat(this.parts));
  }
}
