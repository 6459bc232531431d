// A development certification authority: self-signed root shaped like J-LIS's CA certificates
// (jpki spec §4.1), RSA-2048 with sha256WithRSAEncryption.
import * as pkijs from 'pkijs';
import { certificateDer } from '../jpki/certificate-der.ts';
import { type CertPurpose, devOrganization } from '../jpki/oids.ts';
import { ensurePkijsEngine } from '../jpki/pkijs-engine.ts';
import { newSerialHex, serialInteger } from './certificate-serial.ts';
import { caName, serviceDirName } from './distinguished-names.ts';
import {
  caBasicConstraintsExtension,
  crlDistributionPointExtension,
  dirNameAltExtension,
  keyIdentifierOf,
  keyUsageExtension,
  subjectKeyIdExtension,
} from './extensions.ts';
import { fromPem, toPem } from './pem.ts';
import { type CryptoKey, exportPrivateKeyPem, generateRsaKeys, importPrivateKeyPem } from './rsa-keys.ts';
import { certificateTime, wholeSeconds, yearsLater } from './validity.ts';

export interface DevCa {
  purpose: CertPurpose;
  certificate: pkijs.Certificate;
  der: Uint8Array;
  pem: string;
  privateKey: CryptoKey;
  keyPem: string;
  /** Subject key identifier, the AKI of everything this CA signs. */
  keyId: Uint8Array;
}

export interface CreateCaOptions {
  purpose: CertPurpose;
  /** `O=` of the CA name; defaults to `JPKI-EMU`. A rogue CA can use another, or the same with a fresh key. */
  organization?: string;
  now?: Date;
  notBefore?: Date;
  /** Defaults to ten years after `notBefore`, like the J-LIS CA generations. */
  notAfter?: Date;
}

export async function createCa(options: CreateCaOptions): Promise<DevCa> {
  ensurePkijsEngine();
  const { purpose, organization = devOrganization } = options;
  const notBefore = wholeSeconds(options.notBefore ?? options.now ?? new Date());
  const notAfter = wholeSeconds(options.notAfter ?? yearsLater(notBefore, 10));
  const keys = await generateRsaKeys();
  const name = caName(purpose, organization);

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialInteger(newSerialHex());
  certificate.issuer = name;
  certificate.subject = caName(purpose, organization);
  certificate.notBefore = certificateTime(notBefore);
  certificate.notAfter = certificateTime(notAfter);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  const keyId = keyIdentifierOf(certificate.subjectPublicKeyInfo);
  certificate.extensions = [
    keyUsageExtension(['keyCertSign', 'cRLSign']),
    caBasicConstraintsExtension(),
    subjectKeyIdExtension(keyId),
    dirNameAltExtension('subjectAltName', serviceDirName(purpose)),
    // Self-signed, so the issuer is the same service as the subject.
    dirNameAltExtension('issuerAltName', serviceDirName(purpose)),
    // The real CAs point their CRL DP at their own name: the ARL is published under the CA's DN.
    crlDistributionPointExtension(caName(purpose, organization)),
  ];
  await certificate.sign(keys.privateKey, 'SHA-256');

  const der = certificateDer(certificate);
  return {
    purpose,
    certificate,
    der,
    pem: toPem(der, 'CERTIFICATE'),
    privateKey: keys.privateKey,
    keyPem: await exportPrivateKeyPem(keys.privateKey),
    keyId,
  };
}

export function parseCertificatePem(pem: string): pkijs.Certificate {
  return pkijs.Certificate.fromBER(fromPem(pem, 'CERTIFICATE'));
}

/** Rebuilds a CA from its PEM files (data folder). */
export async function loadCa(options: {
  purpose: CertPurpose;
  certPem: string;
  keyPem: string;
}): Promise<DevCa> {
  ensurePkijsEngine();
  const der = fromPem(options.certPem, 'CERTIFICATE');
  const certificate = pkijs.Certificate.fromBER(der);
  return {
    purpose: options.purpose,
    certificate,
    der,
    pem: options.certPem,
    privateKey: await importPrivateKeyPem(options.keyPem),
    keyPem: options.keyPem,
    keyId: keyIdentifierOf(certificate.subjectPublicKeyInfo),
  };
}
