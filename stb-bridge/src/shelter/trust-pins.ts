// CA pinning of the terminal's trust download: a downloaded CA certificate is cached only when it chains (within
// the downloaded bundle) to a root whose SHA-256 fingerprint was pinned at enrolment. Whoever answers at the
// trust URL (a spoofed Wi-Fi, a wrong setting) cannot make the terminal trust a CA of their own, nor hide a
// revocation behind a CRL signed by it.
import { createHash, X509Certificate } from 'node:crypto';
import { TerminalSetupError } from './terminal-setup-error.ts';

/** SHA-256 of the certificate's DER, lower-case hex. */
export const fingerprintOf = (certificate: X509Certificate): string =>
  createHash('sha256').update(certificate.raw).digest('hex');

/** Accepts `AB:CD:…` (openssl's form) or plain hex; throws on anything else. */
export function normaliseFingerprint(text: string): string {
  const hex = text.replaceAll(':', '').trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError(`not a SHA-256 fingerprint: ${text}`);
  return hex;
}

/** Every certificate of a PEM bundle, in order. */
export function certificatesOfPem(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

/**
 * The bundle's first certificate (the CA to cache) if it is a CA and chains to a pinned root: itself pinned,
 * or signed by a later certificate of the bundle that is, step by step. Throws 'shelter.trust-unpinned'.
 */
export function pinnedCa(pem: string, trustRoots: readonly string[]): X509Certificate {
  const bundle = certificatesOfPem(pem);
  const ca = bundle[0];
  if (ca === undefined || !ca.ca) {
    throw new TerminalSetupError('shelter.trust-unpinned', 'the download holds no CA certificate');
  }
  const pins = new Set(trustRoots);
  let current = ca;
  for (let step = 0; step < bundle.length; step++) {
    if (pins.has(fingerprintOf(current))) return ca;
    const issuer = bundle.find(
      (other) =>
        other !== current && other.ca && current.checkIssued(other) && current.verify(other.publicKey),
    );
    if (issuer === undefined) break;
    current = issuer;
  }
  throw new TerminalSetupError(
    'shelter.trust-unpinned',
    `the downloaded CA (${fingerprintOf(ca)}) does not chain to a root pinned at enrolment`,
  );
}
