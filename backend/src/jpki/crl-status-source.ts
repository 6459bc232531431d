// Revocation status from a CRL: the fallback when the OCSP responder is down. The CRL comes from a configured
// loader, keyed by the certificate's CRL DP DirName (JPKI partitions CRLs by prefecture/city) or per CA; it
// must be signed by the issuing CA and fresh. Any problem is `unknown`, never good.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { crlDistributionPointName } from './distinguished-name.ts';
import { type CertPurpose, extensionOid } from './oids.ts';
import {
  type RevocationStatus,
  revocationReasonOf,
  type StatusQuery,
  type StatusSource,
} from './revocation-status.ts';
import { publicKeyOf, verifySignedStructure } from './rsa-signature.ts';

export interface CrlLocation {
  /** The certificate's CRL DP DirName rendered as `C=JP,O=…,CN=…`; undefined when it has none. */
  distributionPoint: string | undefined;
  issuer: pkijs.Certificate;
  purpose: CertPurpose;
}

export interface CrlStatusSourceOptions {
  /** The DER CRL covering `location`, or undefined when none is available. */
  loadCrl(location: CrlLocation): Promise<Uint8Array | undefined>;
  /** Clock difference tolerated for thisUpdate / nextUpdate (default 5 min). */
  skewMs?: number;
  now?: () => Date;
}

export function createCrlStatusSource(options: CrlStatusSourceOptions): StatusSource {
  const now = options.now ?? (() => new Date());
  const skewMs = options.skewMs ?? 5 * 60_000;
  return {
    async check(query: StatusQuery): Promise<RevocationStatus> {
      const location: CrlLocation = {
        distributionPoint: crlDistributionPointName(query.certificate),
        issuer: query.issuer,
        purpose: query.purpose,
      };
      let der: Uint8Array | undefined;
      try {
        der = await options.loadCrl(location);
      } catch (error) {
        return {
          status: 'unknown',
          why: `CRL not loadable: ${error instanceof Error ? error.message : error}`,
        };
      }
      if (der === undefined)
        return { status: 'unknown', why: `no CRL for ${location.distributionPoint ?? 'the CA'}` };
      return statusFromCrl(der, query, now().getTime(), skewMs);
    },
  };
}

function statusFromCrl(der: Uint8Array, query: StatusQuery, now: number, skewMs: number): RevocationStatus {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(der);
  } catch {
    return { status: 'unknown', why: 'CRL is not DER' };
  }
  const signed =
    crl.issuer.isEqual(query.issuer.subject) &&
    verifySignedStructure({
      algorithm: crl.signatureAlgorithm,
      tbs: crl.tbsView,
      signature: crl.signatureValue.valueBlock.valueHexView,
      key: publicKeyOf(query.issuer),
    });
  if (!signed) return { status: 'unknown', why: 'CRL not signed by the issuing CA' };
  if (crl.thisUpdate.value.getTime() > now + skewMs)
    return { status: 'unknown', why: 'CRL thisUpdate is in the future' };
  const nextUpdate = crl.nextUpdate?.value;
  if (nextUpdate === undefined || nextUpdate.getTime() < now - skewMs) {
    return { status: 'unknown', why: `CRL is stale (nextUpdate ${nextUpdate?.toISOString() ?? 'absent'})` };
  }
  const serial = query.certificate.serialNumber;
  const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(serial));
  if (entry === undefined) return { status: 'good' };
  const reason = entry.crlEntryExtensions?.extensions.find(
    (e) => e.extnID === extensionOid.crlReason,
  )?.parsedValue;
  return {
    status: 'revoked',
    revokedAt: entry.revocationDate.value,
    reason: revocationReasonOf(reason instanceof asn1js.Enumerated ? reason.valueBlock.valueDec : undefined),
  };
}
