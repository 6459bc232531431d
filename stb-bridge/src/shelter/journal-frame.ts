// The on-disk framing of the check-in journal: each record is
//   u32 big-endian payload length | u32 big-endian CRC-32 of (length bytes + payload) | payload (UTF-8 JSON).
// A record cut short by a kill or a power cut (or padded with zeros by the file system) fails its length or
// its checksum. Reading tells a torn tail (drop it) from damage in the middle (never drop good records).
import { crc32 } from 'node:zlib';

export const headerBytes = 8;
/** Larger payloads are refused on write and read as damage: no event comes near it. */
export const maxPayloadBytes = 64 * 1024;

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length === 0 || payload.length > maxPayloadBytes) {
    throw new RangeError(`journal payload must be 1–${maxPayloadBytes} bytes, got ${payload.length}`);
  }
  const frame = Buffer.allocUnsafe(headerBytes + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.writeUInt32BE(crc32(payload, crc32(frame.subarray(0, 4))), 4);
  frame.set(payload, headerBytes);
  return frame;
}

/** The payload of a whole, intact frame at `offset`, or null. */
function frameAt(bytes: Buffer, offset: number): Buffer | null {
  if (bytes.length - offset < headerBytes) return null;
  const length = bytes.readUInt32BE(offset);
  if (length === 0 || length > maxPayloadBytes || offset + headerBytes + length > bytes.length) return null;
  const payload = bytes.subarray(offset + headerBytes, offset + headerBytes + length);
  const expected = crc32(payload, crc32(bytes.subarray(offset, offset + 4)));
  return bytes.readUInt32BE(offset + 4) === expected ? payload : null;
}

export type FrameScan =
  | { kind: 'whole'; payloads: Buffer[] }
  /** The last record is incomplete: the file is good up to `goodBytes`. */
  | { kind: 'torn-tail'; payloads: Buffer[]; goodBytes: number }
  /** A bad record is followed by an intact one: not a torn write, so nothing may be dropped. */
  | { kind: 'damaged'; payloads: Buffer[]; badOffset: number };

export function scanFrames(bytes: Buffer): FrameScan {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const payload = frameAt(bytes, offset);
    if (payload === null) {
      // A torn write only ever damages the end; any intact record after the bad spot proves otherwise.
      for (let later = offset + 1; later + headerBytes < bytes.length; later++) {
        if (frameAt(bytes, later) !== null) return { kind: 'damaged', payloads, badOffset: offset };
      }
      return { kind: 'torn-tail', payloads, goodBytes: offset };
    }
    payloads.push(payload);
    offset += headerBytes + payload.length;
  }
  return { kind: 'whole', payloads };
}
