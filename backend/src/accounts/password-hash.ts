// Password hashing for operator accounts: scrypt (memory-hard, in node:crypto), a random salt per hash, and
// the cost parameters stored in the hash string so they can be raised later without breaking old hashes.
// Format (PHC style): $scrypt$ln=15,r=8,p=3$<salt base64>$<key base64>
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { AccountError } from './account-error.ts';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/** OWASP's scrypt floor in its lower-memory form (N=2^15, r=8, p=3): 32 MiB and about 0.3 s per hash on
 * this 2-core VM, so a burst of logins cannot exhaust memory while guessing stays expensive. */
export const defaultScryptParams: ScryptParams = { ln: 15, r: 8, p: 3 };

const saltBytes = 16;
const keyBytes = 32;
export const minPasswordLength = 12;
/** Caps the work an attacker can make us do per attempt and rules out absurd inputs. */
export const maxPasswordLength = 128;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  // Node refuses above `maxmem` (32 MiB default); scrypt needs 128·N·r bytes plus a little.
  const maxmem = 128 * N * params.r * 2;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyBytes,
      { N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Throws 'account.weak-password' when the password is outside the policy (length in code points). */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < minPasswordLength || length > maxPasswordLength) {
    throw new AccountError(
      'account.weak-password',
      `password must have ${minPasswordLength} to ${maxPasswordLength} characters`,
    );
  }
}

export async function hashPassword(
  password: string,
  params: ScryptParams = defaultScryptParams,
): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const hashPattern = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** True when `password` matches `stored`; a malformed stored hash never matches. Constant time in the key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = hashPattern.exec(stored);
  if (match === null || [...password].length > maxPasswordLength) return false;
  const [, ln, r, p, salt, key] = match;
  const expected = Buffer.from(key ?? '', 'base64');
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64'), {
    ln: Number(ln),
    r: Number(r),
    p: Number(p),
  });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let decoy: Promise<string> | undefined;

/** Spends the same time as a real check, for unknown login names, so timing does not reveal which exist. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password never used');
  await verifyPassword(password, await decoy);
  return false;
}
