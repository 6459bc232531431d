// Per-purpose profile checks on an end-entity certificate (jpki spec §4.2, §4.3) and its validity window.
// Done before chain building so an auth certificate offered as a signature one is reported as wrong purpose,
// not as an unknown CA.
import type * as pkijs from 'pkijs';
import { JpkiError } from './jpki-error.ts';
import { type CertPurpose, extensionOid, policyOid } from './oids.ts';

const digitalSignature = 0x80;
const nonRepudiation = 0x40;

/** keyUsage bits (first octet of the BIT STRING) each purpose needs. */
const requiredKeyUsage: Record<CertPurpose, number> = {
  sign: digitalSignature | nonRepudiation,
  auth: digitalSignature,
};

export function checkPurpose(certificate: pkijs.Certificate, purpose: CertPurpose): void {
  const extensions = certificate.extensions ?? [];
  const keyUsage = extensions.find((e) => e.extnID === extensionOid.keyUsage);
  const bits = keyUsage?.parsedValue?.valueBlock?.valueHexView as Uint8Array | undefined;
  const needed = requiredKeyUsage[purpose];
  if (bits === undefined || ((bits[0] ?? 0) & needed) !== needed) {
    throw new JpkiError('jpki.cert-wrong-purpose', `keyUsage does not allow ${purpose}`);
  }
  const policies = extensions.find((e) => e.extnID === extensionOid.certificatePolicies);
  const parsed = policies?.parsedValue as pkijs.CertificatePolicies | undefined;
  const ids = parsed?.certificatePolicies?.map((p) => p.policyIdentifier) ?? [];
  if (policies?.critical !== true || !ids.includes(policyOid[purpose])) {
    throw new JpkiError(
      'jpki.cert-wrong-purpose',
      `no critical certificate policy ${policyOid[purpose]} (${purpose})`,
    );
  }
}

export interface ValidityWindow {
  notBefore: Date;
  notAfter: Date;
}

export function validityOf(certificate: pkijs.Certificate): ValidityWindow {
  return { notBefore: certificate.notBefore.value, notAfter: certificate.notAfter.value };
}

/** Throws cert-expired / cert-not-yet-valid when `at` is outside the window; `what` names the certificate. */
export function checkValidity(window: ValidityWindow, at: Date, what: string): void {
  if (at.getTime() > window.notAfter.getTime()) {
    throw new JpkiError('jpki.cert-expired', `${what} expired at ${window.notAfter.toISOString()}`);
  }
  if (at.getTime() < window.notBefore.getTime()) {
    throw new JpkiError(
      'jpki.cert-not-yet-valid',
      `${what} not valid before ${window.notBefore.toISOString()}`,
    );
  }
}
