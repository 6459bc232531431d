// Certificate revocation lists of the development CAs: v2, reason codes, cRLNumber and AKI (RFC 5280 §5).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { extensionOid } from '../jpki/oids.ts';
import { serialInteger } from './certificate-serial.ts';
import type { DevCa } from './dev-ca.ts';
import { authorityKeyIdExtension } from './extensions.ts';
import type { RevocationRecord } from './ledger.ts';
import { revocationReasonCode } from './revocation-reason.ts';
import { certificateTime, wholeSeconds } from './validity.ts';

/** A day, like a daily CRL; the publisher regenerates a stale one when asked for it. */
export const crlLifetimeMs = 24 * 60 * 60 * 1000;

export interface CreateCrlOptions {
  ca: DevCa;
  /** Entries of this CA only. */
  revocations: readonly RevocationRecord[];
  crlNumber: number;
  now?: Date;
}

function entry(record: RevocationRecord): pkijs.RevokedCertificate {
  const code = revocationReasonCode(record.reason);
  // RFC 5280 §5.3.1: reasonCode unspecified SHOULD be absent.
  const reason =
    code === 0
      ? []
      : [
          new pkijs.Extension({
            extnID: extensionOid.crlReason,
            critical: false,
            extnValue: new asn1js.Enumerated({ value: code }).toBER(false),
          }),
        ];
  return new pkijs.RevokedCertificate({
    userCertificate: serialInteger(record.serial),
    revocationDate: certificateTime(wholeSeconds(new Date(record.revokedAt))),
    ...(reason.length > 0 ? { crlEntryExtensions: new pkijs.Extensions({ extensions: reason }) } : {}),
  });
}

/** DER of a signed CRL. */
export async function createCrl(options: CreateCrlOptions): Promise<Uint8Array<ArrayBuffer>> {
  const { ca, revocations, crlNumber } = options;
  const thisUpdate = wholeSeconds(options.now ?? new Date());
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = ca.certificate.subject;
  crl.thisUpdate = certificateTime(thisUpdate);
  crl.nextUpdate = certificateTime(new Date(thisUpdate.getTime() + crlLifetimeMs));
  if (revocations.length > 0) crl.revokedCertificates = revocations.map(entry);
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      authorityKeyIdExtension(ca.keyId),
      new pkijs.Extension({
        extnID: extensionOid.crlNumber,
        critical: false,
        extnValue: new asn1js.Integer({ value: crlNumber }).toBER(false),
      }),
    ],
  });
  await crl.sign(ca.privateKey, 'SHA-256');
  return new Uint8Array(crl.toSchema().toBER(false));
}
