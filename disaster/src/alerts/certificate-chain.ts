// The signer's certificate chained to configured anchors with node:crypto's X509Certificate: each link's
// issuer name matches, its signature verifies with the issuer's key, every certificate is valid at the time
// of the check, and every issuer below the anchor is a CA. A signature that verifies against the certificate
// it carries proves integrity only; this is what proves who signed.
import type { X509Certificate } from 'node:crypto';

export type ChainResult = { ok: true; anchor: X509Certificate } | { ok: false; reason: string };

const maxChainLength = 6;

function validAt(certificate: X509Certificate, at: Date): boolean {
  return Date.parse(certificate.validFrom) <= at.getTime() && at.getTime() <= Date.parse(certificate.validTo);
}

const issuedBy = (child: X509Certificate, issuer: X509Certificate) =>
  child.checkIssued(issuer) && child.verify(issuer.publicKey);

/** One line: "CN=…, O=…, C=JP". */
export const subjectLine = (certificate: X509Certificate) => certificate.subject.split('\n').join(', ');

export function chainToAnchor(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  at: Date,
): ChainResult {
  if (anchors.length === 0) return { ok: false, reason: 'no trust anchors are configured' };
  let current = leaf;
  for (let length = 0; length < maxChainLength; length++) {
    if (!validAt(current, at)) {
      return {
        ok: false,
        reason: `certificate "${subjectLine(current)}" is not valid at ${at.toISOString()}`,
      };
    }
    // A pinned end-entity certificate is an anchor too.
    const pinned = anchors.find((anchor) => anchor.fingerprint256 === current.fingerprint256);
    if (pinned) return { ok: true, anchor: pinned };
    const anchor = anchors.find((candidate) => issuedBy(current, candidate));
    if (anchor) {
      return validAt(anchor, at)
        ? { ok: true, anchor }
        : { ok: false, reason: `anchor "${subjectLine(anchor)}" is not valid at ${at.toISOString()}` };
    }
    const next = intermediates.find((candidate) => candidate.ca && issuedBy(current, candidate));
    if (!next) {
      return {
        ok: false,
        reason: `certificate "${subjectLine(current)}" does not chain to a trusted anchor`,
      };
    }
    current = next;
  }
  return { ok: false, reason: `certificate chain longer than ${maxChainLength}` };
}
