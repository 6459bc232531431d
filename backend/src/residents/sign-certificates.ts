// The resident's verified signature certificates, kept sealed (the certificate holds the four basic items) so
// that the daily 現況確認 (status-reports/certificate-check.ts) can ask their revocation status again. A
// certificate is remembered when it is verified: at registration and on every accepted status report.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';

const derField = (issuer: string, serial: string) => ({
  table: 'sign_certificates',
  column: 'der_sealed',
  rowId: `${issuer}#${serial}`,
});

/** Keeps a resident's verified signature certificate for the daily check (idempotent). */
export async function rememberSignCertificate(
  db: Queryable,
  cipher: FieldCipher,
  options: { residentId: string; issuer: string; serial: string; der: Uint8Array; now: Date },
): Promise<void> {
  const { issuer, serial } = options;
  await db.query(
    `INSERT INTO sign_certificates (issuer, serial, resident_id, der_sealed, status, checked_at)
     VALUES ($1, $2, $3, $4, 'good', $5) ON CONFLICT (issuer, serial) DO NOTHING`,
    [
      issuer,
      serial,
      options.residentId,
      cipher.encrypt(Buffer.from(options.der).toString('base64'), derField(issuer, serial)),
      options.now,
    ],
  );
}

/** The DER of a remembered certificate, from its sealed column. */
export function openSignCertificate(
  cipher: FieldCipher,
  row: { issuer: string; serial: string; der_sealed: string },
): Uint8Array {
  return new Uint8Array(
    Buffer.from(cipher.decrypt(row.der_sealed, derField(row.issuer, row.serial)), 'base64'),
  );
}
