export type CryptoErrorCode =
  /** FIELD_KEYS or the key file is malformed (not `id:base64` of 32 bytes, or an id used twice). */
  | 'crypto.key-invalid'
  /** The generated key file cannot be read or written, or others may read it. */
  | 'crypto.key-file'
  /** A sealed value names a key id that is not configured. */
  | 'crypto.key-unknown'
  /** A configured key differs from the one this database was used with under the same id, or none matches. */
  | 'crypto.key-mismatch'
  /** A sealed value is not in the `keyId.payload` form. */
  | 'crypto.malformed'
  /** Authentication failed: the value was altered, or belongs to another table/column/row. */
  | 'crypto.decrypt-failed';

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}
