import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CryptoError } from './crypto-error.ts';
import type { FieldKey } from './field-keys.ts';

/** Where a value lives: sealing binds it there, so a value copied to another row or column does not open. */
export interface FieldAddress {
  table: string;
  column: string;
  rowId: string | number | bigint;
}

/** Seals personal data for storage (AES-256-GCM); see createFieldCipher. */
export interface FieldCipher {
  /** Id of the key new values are sealed with. */
  readonly currentKeyId: string;
  /** Every configured key id, current first. */
  readonly keyIds: readonly string[];
  encrypt(plaintext: string, at: FieldAddress): string;
  /** Throws CryptoError 'crypto.decrypt-failed' if the value was altered or belongs to another address. */
  decrypt(sealed: string, at: FieldAddress): string;
  /** True when `sealed` was made with an older key: re-encrypt it while rotating. */
  needsRotation(sealed: string): boolean;
}

const ivLength = 12;
const tagLength = 16;

/**
 * Values look like `<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`: a random 96-bit IV per value, the key id in
 * clear so any configured key can open it, and associated data naming the key id, table, column and row.
 * The first key encrypts; all decrypt.
 */
export function createFieldCipher(keys: readonly FieldKey[]): FieldCipher {
  const [current] = keys;
  if (!current) throw new CryptoError('crypto.key-invalid', 'at least one field key is needed');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    currentKeyId: current.id,
    keyIds: keys.map((k) => k.id),
    encrypt(plaintext, at) {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: tagLength });
      cipher.setAAD(associatedData(current.id, at));
      const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${current.id}.${body.toString('base64url')}`;
    },
    decrypt(sealed, at) {
      const { keyId, body } = split(sealed);
      const key = byId.get(keyId);
      if (!key) throw new CryptoError('crypto.key-unknown', `no configured field key has id ${keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, ivLength), {
        authTagLength: tagLength,
      });
      decipher.setAAD(associatedData(keyId, at));
      decipher.setAuthTag(body.subarray(body.length - tagLength));
      try {
        return Buffer.concat([
          decipher.update(body.subarray(ivLength, body.length - tagLength)),
          decipher.final(),
        ]).toString('utf8');
      } catch (err) {
        throw new CryptoError(
          'crypto.decrypt-failed',
          `sealed ${at.table}.${at.column} did not authenticate`,
          {
            cause: err,
          },
        );
      }
    },
    needsRotation: (sealed) => split(sealed).keyId !== current.id,
  };
}

function split(sealed: string): { keyId: string; body: Buffer } {
  const dot = sealed.indexOf('.');
  const body = Buffer.from(sealed.slice(dot + 1), 'base64url');
  if (dot <= 0 || body.length < ivLength + tagLength) {
    throw new CryptoError('crypto.malformed', 'sealed value is not in the keyId.payload form');
  }
  return { keyId: sealed.slice(0, dot), body };
}

/** A JSON array cannot be made ambiguous by separators inside the parts. */
function associatedData(keyId: string, at: FieldAddress): Buffer {
  return Buffer.from(
    JSON.stringify(['myna-tv/field/1', keyId, at.table, at.column, String(at.rowId)]),
    'utf8',
  );
}
