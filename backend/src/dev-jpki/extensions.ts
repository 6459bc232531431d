// Builders for the X.509 extensions of the development hierarchy, shaped like J-LIS's (jpki spec §4).
// Each returns a pkijs Extension with its DER value; criticality follows the real certificates.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cpsUri, extensionOid } from '../jpki/oids.ts';

/** RFC 5280 KeyUsage bit names, in bit order. */
export const keyUsageBits = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof keyUsageBits)[number];

function extension(
  extnID: string,
  critical: boolean,
  value: asn1js.BaseBlock | pkijs.PkiObject,
): pkijs.Extension {
  const block = value instanceof pkijs.PkiObject ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: block.toBER(false) });
}

/** Named-bit BIT STRING in DER form: trailing zero bits dropped (X.690 §11.2.2). */
export function keyUsageExtension(usages: readonly KeyUsageName[]): pkijs.Extension {
  const bits = usages.map((name) => keyUsageBits.indexOf(name));
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  const unusedBits = 7 - (highest & 7);
  return extension(extensionOid.keyUsage, true, new asn1js.BitString({ valueHex: bytes, unusedBits }));
}

export function caBasicConstraintsExtension(): pkijs.Extension {
  return extension(extensionOid.basicConstraints, true, new pkijs.BasicConstraints({ cA: true }));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifierOf(publicKeyInfo: pkijs.PublicKeyInfo): Uint8Array {
  const bits = publicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(createHash('sha1').update(bits).digest());
}

export function subjectKeyIdExtension(keyId: Uint8Array): pkijs.Extension {
  return extension(extensionOid.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyId }));
}

export function authorityKeyIdExtension(keyId: Uint8Array): pkijs.Extension {
  const aki = new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: keyId }),
  });
  return extension(extensionOid.authorityKeyIdentifier, false, aki);
}

/** Critical certificatePolicies, each policy with the CPS URI qualifier as on the real certificates. */
export function certificatePoliciesExtension(policies: readonly string[]): pkijs.Extension {
  const certificatePolicies = policies.map(
    (policyIdentifier) =>
      new pkijs.PolicyInformation({
        policyIdentifier,
        policyQualifiers: [
          new pkijs.PolicyQualifierInfo({
            policyQualifierId: extensionOid.cpsQualifier,
            qualifier: new asn1js.IA5String({ value: cpsUri }),
          }),
        ],
      }),
  );
  return extension(
    extensionOid.certificatePolicies,
    true,
    new pkijs.CertificatePolicies({ certificatePolicies }),
  );
}

function directoryName(name: pkijs.RelativeDistinguishedNames): pkijs.GeneralName {
  return new pkijs.GeneralName({ type: 4, value: name });
}

/** subjectAltName or issuerAltName holding one DirName. */
export function dirNameAltExtension(
  kind: 'subjectAltName' | 'issuerAltName',
  name: pkijs.RelativeDistinguishedNames,
): pkijs.Extension {
  return extension(extensionOid[kind], false, new pkijs.AltName({ altNames: [directoryName(name)] }));
}

/** CRL distribution point given as a DirName (J-LIS publishes no URL). */
export function crlDistributionPointExtension(name: pkijs.RelativeDistinguishedNames): pkijs.Extension {
  const point = new pkijs.DistributionPoint({ distributionPoint: [directoryName(name)] });
  return extension(
    extensionOid.crlDistributionPoints,
    false,
    new pkijs.CRLDistributionPoints({ distributionPoints: [point] }),
  );
}
