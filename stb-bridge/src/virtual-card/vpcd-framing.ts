// vsmartcard vpcd wire format (jpki spec §7): every message in both directions is a 2-byte big-endian
// length followed by that many bytes. TCP delivers arbitrary slices, so the reader buffers.

export const VPCD_MAX_PAYLOAD = 0xffff;

/** Control messages vpcd sends as a 1-byte payload; only GET_ATR expects a reply. */
export const VpcdControl = { POWER_OFF: 0x00, POWER_ON: 0x01, RESET: 0x02, GET_ATR: 0x04 } as const;

export function encodeVpcdFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > VPCD_MAX_PAYLOAD) {
    throw new RangeError(`vpcd payload of ${payload.length} bytes exceeds ${VPCD_MAX_PAYLOAD}`);
  }
  const out = new Uint8Array(2 + payload.length);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

/** Reassembles frames from TCP chunks: push each chunk, get back the frames it completed. */
export class VpcdFrameReader {
  #pending: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Uint8Array[] {
    this.#pending = this.#pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#pending, chunk]);
    const frames: Uint8Array[] = [];
    while (this.#pending.length >= 2) {
      const length = this.#pending.readUInt16BE(0);
      if (this.#pending.length < 2 + length) break;
      frames.push(new Uint8Array(this.#pending.subarray(2, 2 + length)));
      this.#pending = this.#pending.subarray(2 + length);
    }
    return frames;
  }
}
