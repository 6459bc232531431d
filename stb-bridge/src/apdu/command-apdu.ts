// ISO 7816-4 command APDUs: the four cases, short and extended length. One codec for the card
// emulator (which parses) and the JPKI client (which encodes).
import { ApduError } from './apdu-error.ts';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Lc bytes); absent for cases 1 and 2. */
  data?: Uint8Array;
  /** Expected response length: 1–65536, or absent for none (cases 1 and 3). 256 is short Le `00`. */
  le?: number;
}

const SHORT_MAX_LC = 255;
const SHORT_MAX_LE = 256;

/** Encodes a command, choosing the short form when both Lc and Le fit, the extended form otherwise. */
export function encodeCommand(cmd: CommandApdu): Uint8Array {
  const lc = cmd.data?.length ?? 0;
  if (lc > 65535) throw new ApduError('apdu.malformed', `command data of ${lc} bytes exceeds 65535`);
  if (cmd.le !== undefined && (cmd.le < 1 || cmd.le > 65536)) {
    throw new ApduError('apdu.malformed', `Le ${cmd.le} is outside 1–65536`);
  }
  const extended = lc > SHORT_MAX_LC || (cmd.le ?? 0) > SHORT_MAX_LE;
  const out: number[] = [cmd.cla, cmd.ins, cmd.p1, cmd.p2];
  if (lc > 0) {
    if (extended) out.push(0, lc >> 8, lc & 0xff);
    else out.push(lc);
    out.push(...(cmd.data as Uint8Array));
  }
  if (cmd.le !== undefined) {
    const le = cmd.le;
    if (extended) {
      if (lc === 0) out.push(0);
      out.push((le >> 8) & 0xff, le & 0xff); // 65536 encodes as 00 00
    } else {
      out.push(le & 0xff); // 256 encodes as 00
    }
  }
  return Uint8Array.from(out);
}

/** Parses a command APDU; anything that is not one of the four cases is `apdu.malformed`. */
export function parseCommand(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4)
    throw new ApduError('apdu.malformed', `command of ${bytes.length} bytes is shorter than a header`);
  const [cla, ins, p1, p2] = bytes as unknown as [number, number, number, number];
  const header = { cla, ins, p1, p2 };
  const body = bytes.subarray(4);
  if (body.length === 0) return header; // case 1
  const b0 = body[0] as number;
  if (body.length === 1) return { ...header, le: b0 === 0 ? 256 : b0 }; // case 2 short
  if (b0 !== 0) {
    // short Lc: case 3 (Lc data) or case 4 (Lc data Le)
    if (body.length === 1 + b0) return { ...header, data: body.slice(1) };
    if (body.length === 2 + b0) {
      const le = body[1 + b0] as number;
      return { ...header, data: body.slice(1, 1 + b0), le: le === 0 ? 256 : le };
    }
    throw new ApduError('apdu.malformed', `Lc ${b0} does not match a body of ${body.length} bytes`);
  }
  // extended: 00 then two bytes
  if (body.length === 3) {
    const le = ((body[1] as number) << 8) | (body[2] as number);
    return { ...header, le: le === 0 ? 65536 : le }; // case 2 extended
  }
  if (body.length < 3) throw new ApduError('apdu.malformed', 'truncated extended length');
  const lc = ((body[1] as number) << 8) | (body[2] as number);
  if (lc === 0) throw new ApduError('apdu.malformed', 'extended Lc of zero');
  if (body.length === 3 + lc) return { ...header, data: body.slice(3) };
  if (body.length === 5 + lc) {
    const le = ((body[3 + lc] as number) << 8) | (body[4 + lc] as number);
    return { ...header, data: body.slice(3, 3 + lc), le: le === 0 ? 65536 : le };
  }
  throw new ApduError('apdu.malformed', `extended Lc ${lc} does not match a body of ${body.length} bytes`);
}
