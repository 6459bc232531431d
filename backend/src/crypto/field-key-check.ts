import type { Database } from '../db/database.ts';
import { CryptoError } from './crypto-error.ts';
import type { FieldCipher } from './field-cipher.ts';

const probe = 'myna-tv field key check';

interface CheckRow {
  key_id: string;
  sealed: string;
}

/**
 * Catches keys that would make stored personal data unreadable before anything is written with them: a
 * configured key whose id this database knows with other key material (e.g. nodes configured differently),
 * or keys none of which this database has seen (e.g. a lost key file that was regenerated). Then records a
 * check value for the current key. Table `field_key_checks` comes from migration 0001.
 */
export async function verifyFieldKeys(db: Database, cipher: FieldCipher): Promise<void> {
  const known = await db.query<CheckRow>('SELECT key_id, sealed FROM field_key_checks');
  const configured = known.filter((row) => cipher.keyIds.includes(row.key_id));
  if (known.length > 0 && configured.length === 0) {
    throw new CryptoError(
      'crypto.key-mismatch',
      `none of the field keys (${cipher.keyIds.join(', ')}) was used with this database; it knows ${known
        .map((row) => row.key_id)
        .join(', ')}`,
    );
  }
  await db.query(
    'INSERT INTO field_key_checks (key_id, sealed) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING',
    [cipher.currentKeyId, cipher.encrypt(probe, at(cipher.currentKeyId))],
  );
  // Read again: another node may have recorded the current key id first, with its own key material.
  const rows = await db.query<CheckRow>(
    'SELECT key_id, sealed FROM field_key_checks WHERE key_id = ANY($1)',
    [[...cipher.keyIds]],
  );
  for (const row of rows) {
    if (!opens(cipher, row)) {
      throw new CryptoError(
        'crypto.key-mismatch',
        `field key ${row.key_id} differs from the one this database knows`,
      );
    }
  }
}

function opens(cipher: FieldCipher, row: CheckRow): boolean {
  try {
    return cipher.decrypt(row.sealed, at(row.key_id)) === probe;
  } catch {
    return false;
  }
}

function at(keyId: string) {
  return { table: 'field_key_checks', column: 'sealed', rowId: keyId };
}
