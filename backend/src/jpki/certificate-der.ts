// Turning untrusted bytes into a pkijs Certificate. Everything that is not exactly one DER certificate of
// sane size is `jpki.cert-malformed`, before any crypto runs.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { JpkiError } from './jpki-error.ts';

/** A JPKI certificate is ~1.2-1.6 KiB; anything past this is refused unparsed. */
export const maxCertificateBytes = 8 * 1024;

export function checkCertificateSize(der: Uint8Array): void {
  if (der.byteLength === 0 || der.byteLength > maxCertificateBytes) {
    throw new JpkiError(
      'jpki.cert-malformed',
      `certificate is ${der.byteLength} bytes (1..${maxCertificateBytes})`,
    );
  }
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  checkCertificateSize(der);
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1 || asn1.offset !== der.byteLength) {
    throw new JpkiError('jpki.cert-malformed', 'certificate is not one complete DER object');
  }
  try {
    return new pkijs.Certificate({ schema: asn1.result });
  } catch (cause) {
    throw new JpkiError('jpki.cert-malformed', 'certificate does not follow the X.509 schema', { cause });
  }
}

/** SHA-256 of the DER, hex: the key of every per-certificate cache. */
export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.toSchema().toBER());
}

export function serialHex(certificate: pkijs.Certificate): string {
  return Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex');
}

/** PEM (one or more blocks) or raw DER → the DER certificates it holds. */
export function certificatesFromFile(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return [bytes];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map(
    (block) => new Uint8Array(Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')),
  );
}
