// EF 0006, the 160-byte token information (a big-endian PKCS#11 CK_TOKEN_INFO, jpki spec §1.4). The
// label tells a physical My Number Card from a smartphone certificate; the other values follow the
// myna-card test vector (real values UNCONFIRMED).
import { createHash } from 'node:crypto';
import { TOKEN_LABEL } from '../jpki/card-ids.ts';

const TOKEN_INFO_LENGTH = 160;
// CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED
const TOKEN_FLAGS = 0x0000040d;
const UNAVAILABLE = 0xffffffff;

/** Builds EF 0006 for a holder; the serial number is derived from the holder id so it is stable per card. */
export function buildTokenInfo(holderId: string): Uint8Array {
  const out = Buffer.alloc(TOKEN_INFO_LENGTH, 0x20);
  out.write(TOKEN_LABEL, 0, 'ascii');
  out.write('00000000000000000000000000000001', 32, 'ascii');
  out.write('E16R01NJ', 64, 'ascii');
  out.write(serialOf(holderId), 80, 'ascii');
  const ulongs = [TOKEN_FLAGS, 1, 0, 1, 0, 16, 6, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE];
  for (const [i, v] of ulongs.entries()) out.writeUInt32BE(v, 96 + 4 * i);
  out.write('03', 140, 'ascii');
  out.write('01', 142, 'ascii');
  // 144..159 utcTime stays blank: the card has no clock.
  return new Uint8Array(out);
}

function serialOf(holderId: string): string {
  const n = createHash('sha256').update(holderId).digest().readBigUInt64BE(0) % 10n ** 16n;
  return n.toString().padStart(16, '0');
}
