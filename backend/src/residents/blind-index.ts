// Equality search over sealed personal data: a keyed hash (HMAC-SHA-256) whose key is derived (HKDF) from
// each field key, so finding "the same person" needs no personal data in clear. Values carry the key id,
// like sealed values, so lookups try every configured key and a rotation can recompute old ones.
import { createHmac, hkdfSync } from 'node:crypto';
import type { FieldKey } from '../crypto/index.ts';

export interface BlindIndex {
  /** The index value under the current key (what is stored). */
  current(value: string): string;
  /** The value under every configured key (what a lookup matches). */
  candidates(value: string): string[];
}

export function createBlindIndex(keys: readonly FieldKey[], purpose: string): BlindIndex {
  const derived = keys.map((k) => ({
    id: k.id,
    key: Buffer.from(hkdfSync('sha256', k.key, new Uint8Array(0), `myna-tv/blind-index/1/${purpose}`, 32)),
  }));
  const indexWith = (k: { id: string; key: Buffer }, value: string) =>
    `${k.id}.${createHmac('sha256', k.key).update(value, 'utf8').digest('base64url')}`;
  const [first] = derived;
  if (first === undefined) throw new Error('a blind index needs at least one field key');
  return {
    current: (value) => indexWith(first, value),
    candidates: (value) => derived.map((k) => indexWith(k, value)),
  };
}
