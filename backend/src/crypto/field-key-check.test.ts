import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createPgliteDatabase } from '../db/pglite-database.ts';
import { createFieldCipher } from './field-cipher.ts';
import { verifyFieldKeys } from './field-key-check.ts';
import type { FieldKey } from './field-keys.ts';

const newKey = (id: string): FieldKey => ({ id, key: new Uint8Array(randomBytes(32)) });
const k1 = newKey('k1');
const k2 = newKey('k2');

let db: Database;
beforeAll(async () => {
  db = await createPgliteDatabase();
  await migrate(db);
});
afterAll(() => db.close());

// One database through the life of its keys; each step builds on the previous one.
it('accepts the first key of a new database and records it', async () => {
  await verifyFieldKeys(db, createFieldCipher([k1]));
  expect(await db.query('SELECT key_id FROM field_key_checks')).toEqual([{ key_id: 'k1' }]);
});

it('refuses a different key under a known id', async () => {
  await expect(verifyFieldKeys(db, createFieldCipher([newKey('k1')]))).rejects.toMatchObject({
    code: 'crypto.key-mismatch',
  });
});

it('refuses keys this database has never seen (e.g. a regenerated key file)', async () => {
  await expect(verifyFieldKeys(db, createFieldCipher([newKey('k9')]))).rejects.toMatchObject({
    code: 'crypto.key-mismatch',
  });
});

it('accepts a rotation that keeps the old key, then the old key retired', async () => {
  await verifyFieldKeys(db, createFieldCipher([k2, k1]));
  await verifyFieldKeys(db, createFieldCipher([k2]));
  expect(await db.query('SELECT key_id FROM field_key_checks ORDER BY key_id')).toEqual([
    { key_id: 'k1' },
    { key_id: 'k2' },
  ]);
});
