// Checking a card's user-auth certificate offline, at the shelter, without the network: against the JPKI
// CA certificates and the last CRL the terminal cached while it was online (files in its trust folder:
// `*.ca.der` / `*.ca.pem` and `auth.crl`). The verdict and the CRL's age go into the check-in event; the
// backend flags anything but 'valid' for staff. A CRL that does not verify against a cached CA is ignored
// (reported as no CRL), never trusted.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CardCheckResult } from '@myna-tv/backend';
import * as pkijs from 'pkijs';

export const crlFileName = 'auth.crl';
const sha256WithRsa = '1.2.840.113549.1.1.11';

export interface CachedCrl {
  issuer: X509Certificate;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Revoked serial numbers, upper-case hex without leading zeros. */
  revoked: ReadonlySet<string>;
}

export interface CardTrust {
  authorities: readonly X509Certificate[];
  crl: CachedCrl | null;
}

export interface CardCheck {
  /** SHA-256 of the certificate's DER, hex. */
  fingerprint: string;
  notAfter: Date;
  /** Upper-case hex without leading zeros: the backend checks it again on its current CRL. */
  serial: string;
  result: CardCheckResult;
  /** Seconds since the CRL's thisUpdate; null: no usable CRL. */
  crlAgeSeconds: number | null;
}

const normalSerial = (hex: string) => hex.toUpperCase().replace(/^0+(?=.)/, '');

export async function loadCardTrust(dir: string): Promise<CardTrust> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const authorities: X509Certificate[] = [];
  for (const name of names.filter((n) => /\.ca\.(der|pem)$/.test(n)).sort()) {
    authorities.push(new X509Certificate(await readFile(join(dir, name))));
  }
  const crlDer = names.includes(crlFileName) ? await readFile(join(dir, crlFileName)) : null;
  return { authorities, crl: crlDer === null ? null : parseCrl(crlDer, authorities) };
}

/** The CRL if it is signed by one of `authorities` (sha256WithRSAEncryption, as JPKI signs), else null. */
export function parseCrl(der: Uint8Array, authorities: readonly X509Certificate[]): CachedCrl | null {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(der);
  } catch {
    return null;
  }
  if (crl.signatureAlgorithm.algorithmId !== sha256WithRsa) return null;
  const signature = crl.signatureValue.valueBlock.valueHexView;
  const issuer = authorities.find((ca) => verify('sha256', crl.tbsView, ca.publicKey, signature));
  if (issuer === undefined) return null;
  const revoked = new Set(
    (crl.revokedCertificates ?? []).map((entry) =>
      normalSerial(Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex')),
    ),
  );
  return { issuer, thisUpdate: crl.thisUpdate.value, nextUpdate: crl.nextUpdate?.value ?? null, revoked };
}

/** Throws only when `der` is not a certificate at all (the caller reports an unreadable card). */
export function checkAuthCertificate(der: Uint8Array, trust: CardTrust, now: Date): CardCheck {
  const certificate = new X509Certificate(der);
  const fingerprint = createHash('sha256').update(der).digest('hex');
  const notAfter = new Date(certificate.validTo);
  const crl = trust.crl;
  const crlAgeSeconds =
    crl === null ? null : Math.max(0, Math.floor((now.getTime() - crl.thisUpdate.getTime()) / 1000));
  const issuer = trust.authorities.find(
    (ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey),
  );
  const result: CardCheckResult =
    issuer === undefined
      ? 'untrusted'
      : crl !== null && crl.issuer === issuer && crl.revoked.has(normalSerial(certificate.serialNumber))
        ? 'revoked'
        : now > notAfter || now < new Date(certificate.validFrom)
          ? 'expired'
          : 'valid';
  return { fingerprint, notAfter, serial: normalSerial(certificate.serialNumber), result, crlAgeSeconds };
}
