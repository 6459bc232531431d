// High-entropy secrets we generate (session tokens, device and API-client secrets). They carry 256 random
// bits, so a fast SHA-256 is enough to store them: unlike passwords they cannot be guessed from a dictionary.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters, no '.' so it can follow an id and a dot). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
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
