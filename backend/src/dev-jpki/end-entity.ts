// End-entity certificates of the development hierarchy, J-LIS style (jpki spec §4.2/§4.3). Every part can be
// overridden so the verifier's tests can make bad certificates: expired, not yet valid, wrong key usage or
// policy, issued by a rogue CA, a signature certificate without basic info.
import { randomBytes, randomInt } from 'node:crypto';
import * as pkijs from 'pkijs';
import { certificateDer } from '../jpki/certificate-der.ts';
import { type CertPurpose, policyOid } from '../jpki/oids.ts';
import { basicInfoSanExtension } from './basic-info-san.ts';
import { newSerialHex, serialInteger } from './certificate-serial.ts';
import type { DevCa } from './dev-ca.ts';
import { crlPartitionName, endEntityName, organizationOf, serviceDirName } from './distinguished-names.ts';
import {
  authorityKeyIdExtension,
  certificatePoliciesExtension,
  crlDistributionPointExtension,
  dirNameAltExtension,
  type KeyUsageName,
  keyUsageExtension,
} from './extensions.ts';
import type { BasicInfo, Locality } from './holder-profile.ts';
import { toPem } from './pem.ts';
import { type CryptoKey, type CryptoKeyPair, exportPrivateKeyPem, generateRsaKeys } from './rsa-keys.ts';
import { certificateTime, fifthBirthdayAfter, wholeSeconds, yearsLater } from './validity.ts';

export interface IssueEndEntityOptions {
  ca: DevCa;
  purpose: CertPurpose;
  /** Reuse a key pair (must be extractable); a fresh RSA-2048 pair otherwise. */
  subjectKey?: CryptoKeyPair;
  /** Defaults to an opaque id in the style of the real CN. */
  commonName?: string;
  /** Subject `L=` (signature) and CRL partition; defaults to 美波町, Tokushima. */
  locality?: Locality;
  /** SAN basic info of a signature certificate; defaults to a sample person, `null` leaves the SAN out. */
  basicInfo?: BasicInfo | null;
  now?: Date;
  notBefore?: Date;
  /** Defaults to the 5th birthday after `notBefore` (basic info) or five years. */
  notAfter?: Date;
  keyUsage?: readonly KeyUsageName[];
  /** Policy OIDs; an empty list leaves certificatePolicies out. */
  policies?: readonly string[];
}

export interface IssuedCertificate {
  purpose: CertPurpose;
  /** Upper-case hex, as in the data folder ledger. */
  serial: string;
  certificate: pkijs.Certificate;
  der: Uint8Array;
  pem: string;
  privateKey: CryptoKey;
  /** PKCS#8 PEM of `privateKey`. */
  keyPem: string;
  notBefore: Date;
  notAfter: Date;
}

export const defaultLocality: Locality = { prefecture: 'Tokushima-ken', city: 'Minami-cho' };

export const sampleBasicInfo: BasicInfo = {
  name: '見本　太郎',
  dateOfBirth: '419900102',
  gender: '1',
  address: '徳島県海部郡美波町奥河内字本村１番地',
};

const defaultKeyUsage: Record<CertPurpose, readonly KeyUsageName[]> = {
  sign: ['digitalSignature', 'nonRepudiation'],
  auth: ['digitalSignature'],
};

/** Real signature CNs look like request time + sequence + office code; auth CNs are opaque. */
function defaultCommonName(purpose: CertPurpose, at: Date): string {
  if (purpose === 'auth') return randomBytes(12).toString('hex').toUpperCase();
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${String(randomInt(100_000)).padStart(5, '0')}EMU`;
}

export async function issueEndEntity(options: IssueEndEntityOptions): Promise<IssuedCertificate> {
  const { ca, purpose, locality = defaultLocality } = options;
  const basicInfo =
    options.basicInfo === undefined && purpose === 'sign' ? sampleBasicInfo : options.basicInfo;
  const notBefore = wholeSeconds(options.notBefore ?? options.now ?? new Date());
  const notAfter = wholeSeconds(
    options.notAfter ??
      (basicInfo ? fifthBirthdayAfter(notBefore, basicInfo.dateOfBirth) : yearsLater(notBefore, 5)),
  );
  const keys = options.subjectKey ?? (await generateRsaKeys());
  const serial = newSerialHex();
  const organization = organizationOf(ca.certificate.subject);

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialInteger(serial);
  certificate.issuer = ca.certificate.subject;
  certificate.subject = endEntityName({
    commonName: options.commonName ?? defaultCommonName(purpose, notBefore),
    ...(purpose === 'sign' ? { locality } : {}),
  });
  certificate.notBefore = certificateTime(notBefore);
  certificate.notAfter = certificateTime(notAfter);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);

  const policies = options.policies ?? [policyOid[purpose]];
  certificate.extensions = [
    keyUsageExtension(options.keyUsage ?? defaultKeyUsage[purpose]),
    ...(policies.length > 0 ? [certificatePoliciesExtension(policies)] : []),
    ...(basicInfo ? [basicInfoSanExtension(basicInfo)] : []),
    dirNameAltExtension('issuerAltName', serviceDirName()),
    crlDistributionPointExtension(
      crlPartitionName({ purpose, locality, ...(organization ? { organization } : {}) }),
    ),
    authorityKeyIdExtension(ca.keyId),
  ];
  await certificate.sign(ca.privateKey, 'SHA-256');

  const der = certificateDer(certificate);
  return {
    purpose,
    serial,
    certificate,
    der,
    pem: toPem(der, 'CERTIFICATE'),
    privateKey: keys.privateKey,
    keyPem: await exportPrivateKeyPem(keys.privateKey),
    notBefore,
    notAfter,
  };
}
