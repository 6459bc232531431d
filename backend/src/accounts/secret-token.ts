// High-entropy secrets we generate (session tokens, device and API-client secrets). They carry 256 random
// bits, so a fast SHA-256 is enough to store them: unlike passwords they cannot be guessed from a dictionary.
import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';

const secretBytes = 32;
// A randomBytes call costs 10-30 µs on our hosts whatever its size (one per login, for the session token), so
// secrets are cut from a block of 128 drawn at once, as node's randomUUID does; each part is used once and
// wiped when taken.
const block = Buffer.alloc(secretBytes * 128);
let taken = block.length;

/** 32 random bytes, base64url (43 characters, no '.' so it can follow an id and a dot). */
export function newSecret(): string {
  if (taken === block.length) {
    randomFillSync(block);
    taken = 0;
  }
  const part = block.subarray(taken, taken + secretBytes);
  taken += secretBytes;
  const secret = part.toString('base64url');
  part.fill(0);
  return secret;
}

/** The stored form of a secret: hex SHA-256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
