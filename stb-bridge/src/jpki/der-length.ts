// Sizing a certificate EF from its first bytes: cert EFs may hold filler after the DER object, so the
// reader takes the length from the BER header of the outer SEQUENCE (jpki spec §2.3).
import { CardError } from '../card/card-error.ts';

const SEQUENCE = 0x30;
/** Longest header this reader accepts: tag, 0x83 and three length bytes. */
export const MAX_DER_HEADER = 5;

/**
 * Total size (header + content) of the DER SEQUENCE starting at `header[0]`. Throws `card.bad-response`
 * when the bytes are not a definite-length SEQUENCE header or give more than `maxTotal` bytes.
 */
export function derSequenceLength(header: Uint8Array, maxTotal: number): number {
  const tag = header[0];
  const first = header[1];
  if (tag === undefined || first === undefined) {
    throw new CardError('card.bad-response', `certificate header truncated after ${header.length} bytes`);
  }
  if (tag !== SEQUENCE) {
    throw new CardError(
      'card.bad-response',
      `no certificate in the file (first byte ${tag.toString(16).padStart(2, '0')})`,
    );
  }
  let length: number;
  let headerLength: number;
  if (first < 0x80) {
    length = first;
    headerLength = 2;
  } else {
    const count = first & 0x7f;
    if (count === 0 || count > MAX_DER_HEADER - 2) {
      throw new CardError(
        'card.bad-response',
        `certificate length field 0x${first.toString(16)} is not supported`,
      );
    }
    if (header.length < 2 + count) {
      throw new CardError('card.bad-response', `certificate header truncated after ${header.length} bytes`);
    }
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (header[2 + i] as number);
    headerLength = 2 + count;
  }
  const total = headerLength + length;
  if (total > maxTotal) {
    throw new CardError(
      'card.bad-response',
      `certificate of ${total} bytes exceeds the ${maxTotal}-byte limit`,
    );
  }
  return total;
}
