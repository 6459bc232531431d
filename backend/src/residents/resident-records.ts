// Residents at rest: the four basic items sealed, a blind index to find the same person again, the latest
// signature certificate's issuer and serial, and the linked user-authentication certificate.
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import type { CertificateBasicInfo } from '../jpki/index.ts';
import { ResidentError } from './resident-error.ts';

export const basicInfoField = (residentId: string) => ({
  table: 'residents',
  column: 'basic_info_sealed',
  rowId: residentId,
});

export interface SignCertificateRef {
  issuer: string;
  serial: string;
}

export interface ResidentRecord {
  residentId: string;
  basicInfo: CertificateBasicInfo;
  signCertificate: SignCertificateRef;
  registeredAt: Date;
  updatedAt: Date;
}

export async function findResidentByIndex(db: Queryable, candidates: string[]): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM residents WHERE basic_info_index = ANY($1::text[])',
    [candidates],
  );
  return rows[0]?.id;
}

export async function findResidentByAuthCertificate(
  db: Queryable,
  fingerprint: string,
): Promise<string | undefined> {
  const rows = await db.query<{ resident_id: string }>(
    'SELECT resident_id FROM resident_auth_certificates WHERE fingerprint = $1',
    [fingerprint],
  );
  return rows[0]?.resident_id;
}

/** Inserts or overwrites a resident's sealed items, index and signature certificate. */
export async function saveResident(
  db: Queryable,
  options: {
    residentId: string;
    isNew: boolean;
    cipher: FieldCipher;
    basicInfo: CertificateBasicInfo;
    index: string;
    signCertificate: SignCertificateRef;
    now: Date;
  },
): Promise<void> {
  const { residentId, cipher, basicInfo, index, signCertificate, now } = options;
  const sealed = cipher.encrypt(JSON.stringify(basicInfo), basicInfoField(residentId));
  const params = [residentId, index, sealed, signCertificate.issuer, signCertificate.serial, now];
  if (options.isNew) {
    await db.query(
      `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
         registered_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      params,
    );
  } else {
    await db.query(
      `UPDATE residents SET basic_info_index = $2, basic_info_sealed = $3, sign_cert_issuer = $4,
         sign_cert_serial = $5, updated_at = $6 WHERE id = $1`,
      params,
    );
  }
}

/** Makes `fingerprint` the one auth certificate of the resident (a new card replaces the old one; a
 * certificate linked to someone else moves). */
export async function linkAuthCertificate(
  db: Queryable,
  options: { residentId: string; fingerprint: string; notAfter: Date; now: Date },
): Promise<void> {
  await db.query('DELETE FROM resident_auth_certificates WHERE resident_id = $1 OR fingerprint = $2', [
    options.residentId,
    options.fingerprint,
  ]);
  await db.query(
    'INSERT INTO resident_auth_certificates (fingerprint, resident_id, not_after, linked_at) VALUES ($1, $2, $3, $4)',
    [options.fingerprint, options.residentId, options.notAfter, options.now],
  );
}

/** Opens a resident's record; audited as a read of personal data. */
export async function readResident(
  db: Queryable,
  options: { residentId: string; cipher: FieldCipher; actor: AuditActor; now: Date },
): Promise<ResidentRecord> {
  const rows = await db.query<{
    basic_info_sealed: string;
    sign_cert_issuer: string;
    sign_cert_serial: string;
    registered_at: Date;
    updated_at: Date;
  }>(
    `SELECT basic_info_sealed, sign_cert_issuer, sign_cert_serial, registered_at, updated_at
       FROM residents WHERE id = $1`,
    [options.residentId],
  );
  const row = rows[0];
  if (row === undefined) throw new ResidentError('resident.not-found', 'no such resident');
  await recordAudit(db, {
    actor: options.actor,
    action: 'resident.read',
    target: { type: 'resident', id: options.residentId },
    at: options.now,
  });
  return {
    residentId: options.residentId,
    basicInfo: JSON.parse(options.cipher.decrypt(row.basic_info_sealed, basicInfoField(options.residentId))),
    signCertificate: { issuer: row.sign_cert_issuer, serial: row.sign_cert_serial },
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
  };
}
