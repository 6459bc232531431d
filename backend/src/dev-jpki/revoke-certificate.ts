// Revoking a holder's certificate, as a municipal office would on a change of the basic info, a death,
// a lost card or a renewal. The CA's CRL is republished at once; OCSP reads the ledger on each request.
import type { CertPurpose } from '../jpki/oids.ts';
import { publishCrl } from './crl-publication.ts';
import type { DevPki } from './dev-pki.ts';
import { DevPkiError } from './dev-pki-error.ts';
import { type RevocationRecord, readLedger } from './ledger.ts';
import type { RevocationReason } from './revocation-reason.ts';
import { wholeSeconds } from './validity.ts';

export interface RevokeOptions {
  purpose: CertPurpose;
  /** The holder's latest certificate of `purpose`… */
  holderId?: string;
  /** …or a serial (upper- or lower-case hex) from the ledger. */
  serial?: string;
  reason: RevocationReason;
  /** Revocation time; defaults to now. */
  at?: Date;
}

export async function revokeCertificate(pki: DevPki, options: RevokeOptions): Promise<RevocationRecord> {
  const { purpose, holderId, reason } = options;
  const serial = options.serial?.toUpperCase();
  if (!holderId === !serial) {
    throw new DevPkiError('dev-pki.bad-input', 'give exactly one of holderId and serial');
  }
  const ledger = await readLedger(pki.dir);
  const target = ledger.issued.findLast(
    (record) =>
      record.purpose === purpose && (serial ? record.serial === serial : record.holderId === holderId),
  );
  if (!target) {
    throw new DevPkiError(
      'dev-pki.not-found',
      `no ${purpose} certificate for ${holderId ?? serial} in the ledger`,
    );
  }
  if (ledger.revocations.some((record) => record.purpose === purpose && record.serial === target.serial)) {
    throw new DevPkiError(
      'dev-pki.already-revoked',
      `${purpose} certificate ${target.serial} is already revoked`,
    );
  }
  const at = wholeSeconds(options.at ?? new Date());
  const revocation: RevocationRecord = {
    purpose,
    serial: target.serial,
    ...(target.holderId ? { holderId: target.holderId } : {}),
    reason,
    revokedAt: at.toISOString(),
  };
  ledger.revocations.push(revocation);
  await publishCrl({ pki, purpose, ledger });
  return revocation;
}
