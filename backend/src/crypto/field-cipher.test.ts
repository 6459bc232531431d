import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './field-cipher.ts';
import type { FieldKey } from './field-keys.ts';

const newKey = (id: string): FieldKey => ({ id, key: new Uint8Array(randomBytes(32)) });
const at = { table: 'households', column: 'address_sealed', rowId: '6f1c2b1e-0000-4000-8000-000000000001' };

describe('field cipher', () => {
  const k1 = newKey('k1');
  const cipher = createFieldCipher([k1]);

  it('round-trips text, with a fresh IV each time', () => {
    const address = '東京都千代田区霞が関2-1-2';
    const a = cipher.encrypt(address, at);
    const b = cipher.encrypt(address, at);
    expect(a).toMatch(/^k1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a, at)).toBe(address);
    expect(cipher.decrypt(b, at)).toBe(address);
    expect(cipher.decrypt(cipher.encrypt('', at), at)).toBe('');
  });

  it('refuses a value with any bit changed', () => {
    const sealed = cipher.encrypt('山田 太郎', at);
    const body = Buffer.from(sealed.slice(3), 'base64url');
    for (const index of [0, 12, body.length - 1]) {
      const tampered = Buffer.from(body);
      tampered[index] = (tampered[index] ?? 0) ^ 1;
      expect(() => cipher.decrypt(`k1.${tampered.toString('base64url')}`, at)).toThrow(
        expect.objectContaining({ code: 'crypto.decrypt-failed' }),
      );
    }
    expect(() => cipher.decrypt('k1.AAAA', at)).toThrow(
      expect.objectContaining({ code: 'crypto.malformed' }),
    );
    expect(() => cipher.decrypt('no-dot', at)).toThrow(expect.objectContaining({ code: 'crypto.malformed' }));
  });

  it('refuses a value moved to another table, column or row', () => {
    const sealed = cipher.encrypt('山田 太郎', at);
    for (const elsewhere of [
      { ...at, table: 'residents' },
      { ...at, column: 'members_sealed' },
      { ...at, rowId: '6f1c2b1e-0000-4000-8000-000000000002' },
    ]) {
      expect(() => cipher.decrypt(sealed, elsewhere)).toThrow(
        expect.objectContaining({ code: 'crypto.decrypt-failed' }),
      );
    }
  });

  it('refuses a value under a known id but another key', () => {
    const sealed = createFieldCipher([newKey('k1')]).encrypt('x', at);
    expect(() => cipher.decrypt(sealed, at)).toThrow(
      expect.objectContaining({ code: 'crypto.decrypt-failed' }),
    );
  });

  it('rotates: encrypts with the first key, decrypts with any configured one', () => {
    const k2 = newKey('k2');
    const old = cipher.encrypt('old value', at);
    const rotated = createFieldCipher([k2, k1]);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.keyIds).toEqual(['k2', 'k1']);
    expect(rotated.decrypt(old, at)).toBe('old value');
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.encrypt(rotated.decrypt(old, at), at);
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(rotated.needsRotation(fresh)).toBe(false);
    // Once k1 is retired, its values no longer open.
    expect(() => createFieldCipher([k2]).decrypt(old, at)).toThrow(
      expect.objectContaining({ code: 'crypto.key-unknown' }),
    );
    expect(createFieldCipher([k2]).decrypt(fresh, at)).toBe('old value');
  });

  it('needs at least one key', () => {
    expect(() => createFieldCipher([])).toThrow(expect.objectContaining({ code: 'crypto.key-invalid' }));
  });
});
