import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CryptoError } from './crypto-error.ts';

/** An AES-256 key for personal data at rest and the id stored in front of every value it sealed. */
export interface FieldKey {
  id: string;
  key: Uint8Array;
}

const keyId = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `id:base64` entries separated by commas or newlines (the FIELD_KEYS format and the key file's);
 * the first entry is the current key. Messages never include key material.
 */
export function parseFieldKeys(text: string): FieldKey[] {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const keys: FieldKey[] = [];
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (colon < 0 || !keyId.test(id)) {
      throw new CryptoError(
        'crypto.key-invalid',
        `field key ${index + 1}: expected id:base64 with id [A-Za-z0-9_-]{1,32}`,
      );
    }
    if (key.length !== 32) {
      throw new CryptoError(
        'crypto.key-invalid',
        `field key ${id}: must be 32 bytes in base64 (got ${key.length})`,
      );
    }
    if (keys.some((k) => k.id === id))
      throw new CryptoError('crypto.key-invalid', `field key id ${id} is used twice`);
    keys.push({ id, key: new Uint8Array(key) });
  });
  return keys;
}

/** Formats keys for FIELD_KEYS or the key file. */
export function formatFieldKeys(keys: readonly FieldKey[]): string {
  return keys.map((k) => `${k.id}:${Buffer.from(k.key).toString('base64')}`).join(',');
}

/** Where the embedded mode keeps its generated key. */
export function fieldKeyFile(dataDir: string): string {
  return join(dataDir, 'field-keys');
}

/**
 * The configured keys, or in the embedded mode (none configured) the key generated once into
 * `DATA_DIR/field-keys` with mode 0600. Two processes starting at once end up with the same file.
 */
export async function loadFieldKeys(config: {
  fieldKeys: readonly FieldKey[];
  dataDir: string;
}): Promise<FieldKey[]> {
  if (config.fieldKeys.length > 0) return [...config.fieldKeys];
  const file = fieldKeyFile(config.dataDir);
  try {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    await writeNewKeyFile(file);
    const mode = (await stat(file)).mode;
    if ((mode & 0o077) !== 0) {
      throw new CryptoError('crypto.key-file', `${file} is readable by others; run chmod 600 on it`);
    }
    const keys = parseFieldKeys(await readFile(file, 'utf8'));
    if (keys.length === 0) throw new CryptoError('crypto.key-invalid', `${file} holds no key`);
    return keys;
  } catch (err) {
    if (err instanceof CryptoError) throw err;
    throw new CryptoError('crypto.key-file', `cannot use the field key file ${file}`, { cause: err });
  }
}

/**
 * Creates the key file unless it exists. Written whole under a temporary name, then hard-linked into place:
 * the link fails if another process got there first, so no one ever reads a half-written file.
 */
async function writeNewKeyFile(file: string): Promise<void> {
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    return;
  const key: FieldKey = { id: `k${randomBytes(4).toString('hex')}`, key: new Uint8Array(randomBytes(32)) };
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, `${formatFieldKeys([key])}\n`, { mode: 0o600, flag: 'wx', flush: true });
  try {
    await link(temporary, file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } finally {
    await unlink(temporary);
  }
}
