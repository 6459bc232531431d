// RSASSA-PKCS1-v1_5 verification with node:crypto, used for logins, OCSP, CRLs and CMS: a KeyObject is built
// once per certificate and OpenSSL does the maths, far quicker than going through WebCrypto per call.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { algorithmOid } from './oids.ts';

const hashBySignatureOid: Record<string, string> = {
  [algorithmOid.sha256WithRSAEncryption]: 'sha256',
  [algorithmOid.sha384WithRSAEncryption]: 'sha384',
  [algorithmOid.sha512WithRSAEncryption]: 'sha512',
};

const hashByDigestOid: Record<string, string> = {
  [algorithmOid.sha256]: 'sha256',
  [algorithmOid.sha384]: 'sha384',
  [algorithmOid.sha512]: 'sha512',
};

/** Node hash name for a sha*WithRSAEncryption OID; undefined for anything else (SHA-1 included, on purpose). */
export function hashOfSignatureAlgorithm(oid: string): string | undefined {
  return hashBySignatureOid[oid];
}

/** Node hash name for a digest algorithm OID (SHA-2 family only). */
export function hashOfDigestAlgorithm(oid: string): string | undefined {
  return hashByDigestOid[oid];
}

export function publicKeyOf(certificate: pkijs.Certificate): KeyObject {
  const spki = certificate.subjectPublicKeyInfo.toSchema().toBER();
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

/** True when `signature` is a PKCS#1 v1.5 signature of `data` under `key`; false on any mismatch or bad input. */
export function verifyRsaSignature(options: {
  hash: string;
  data: Uint8Array;
  signature: Uint8Array;
  key: KeyObject;
}): boolean {
  if (options.key.asymmetricKeyType !== 'rsa') return false;
  try {
    return verify(options.hash, options.data, options.key, options.signature);
  } catch {
    return false;
  }
}

/** Checks a signed X.509 structure (certificate, CRL, OCSP response) by its AlgorithmIdentifier. */
export function verifySignedStructure(options: {
  algorithm: pkijs.AlgorithmIdentifier;
  tbs: Uint8Array;
  signature: Uint8Array;
  key: KeyObject;
}): boolean {
  const hash = hashOfSignatureAlgorithm(options.algorithm.algorithmId);
  if (hash === undefined) return false;
  return verifyRsaSignature({ hash, data: options.tbs, signature: options.signature, key: options.key });
}
