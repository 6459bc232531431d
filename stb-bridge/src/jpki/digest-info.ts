// DigestInfo (RFC 8017 §9.2): what the card's COMPUTE DIGITAL SIGNATURE pads and signs. The host
// hashes and wraps; the card only adds PKCS#1 v1.5 type-1 padding (jpki spec §2.2).
import { createHash } from 'node:crypto';

const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** DigestInfo of a SHA-256 digest (32 bytes). */
export function sha256DigestInfoOfDigest(digest: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new RangeError(`a SHA-256 digest has 32 bytes, not ${digest.length}`);
  return Uint8Array.from(Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]));
}

/** DigestInfo of the SHA-256 hash of `data`: signing it gives RSASSA-PKCS1-v1_5 / SHA-256 over `data`. */
export function sha256DigestInfo(data: Uint8Array): Uint8Array {
  return sha256DigestInfoOfDigest(createHash('sha256').update(data).digest());
}
