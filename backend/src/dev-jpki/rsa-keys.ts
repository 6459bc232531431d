// RSA-2048 key pairs for the development CAs and card holders (WebCrypto, so pkijs can sign with them).
import type { webcrypto } from 'node:crypto';
import { fromPem, toPem } from './pem.ts';

// The project's lib has no DOM types; these are Node's WebCrypto key types under their usual names.
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

const rsaAlgorithm = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

export function generateRsaKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(rsaAlgorithm, true, ['sign', 'verify']);
}

/** PKCS#8 PEM, the form the virtual card and the data folder keep. */
export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return toPem(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

export function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', fromPem(pem, 'PRIVATE KEY'), rsaAlgorithm, true, ['sign']);
}
