// Real RSA-2048 keys and X.509 certificates made at test time (pkijs on Node's WebCrypto), and CAP signed
// with xml-crypto the way IPAWS signs (enveloped, exc-c14n, RSA-SHA256, certificate in KeyInfo).
// Nothing here is checked in: every run makes new keys.
import { randomBytes, type webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignedXml } from 'xml-crypto';

pkijs.setEngine(
  'node-webcrypto',
  new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: globalThis.crypto }),
);

// The project's lib has no DOM types: Node's WebCrypto key type under its usual name.
type CryptoKey = webcrypto.CryptoKey;

export interface TestCertificate {
  pem: string;
  keyPem: string;
  x509: X509Certificate;
  privateKey: CryptoKey;
  name: pkijs.RelativeDistinguishedNames;
}

const rsa = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

const pem = (der: ArrayBuffer, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END ${label}-----\n`;

/** One attribute per RDN (pkijs alone would make one multi-valued RDN), parsed back to keep exact DER. */
function distinguishedName(commonName: string, organization: string): pkijs.RelativeDistinguishedNames {
  const attributes: [string, asn1js.PrintableString | asn1js.Utf8String][] = [
    ['2.5.4.6', new asn1js.PrintableString({ value: 'JP' })],
    ['2.5.4.10', new asn1js.Utf8String({ value: organization })],
    ['2.5.4.3', new asn1js.Utf8String({ value: commonName })],
  ];
  const rdns = attributes.map(
    ([type, value]) =>
      new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] }),
  );
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

export interface CertificateOptions {
  commonName: string;
  organization?: string;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
}

const day = 86_400_000;

/** A certificate issued by `issuer`, or self-signed when `issuer` is null. */
export async function createCertificate(
  options: CertificateOptions,
  issuer: TestCertificate | null,
): Promise<TestCertificate> {
  const keys = (await crypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as {
    privateKey: CryptoKey;
    publicKey: CryptoKey;
  };
  const name = distinguishedName(options.commonName, options.organization ?? 'Myna TV test');
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: new Uint8Array([0x01, ...randomBytes(8)]) });
  certificate.subject = name;
  certificate.issuer = issuer?.name ?? name;
  certificate.notBefore.value = options.notBefore ?? new Date(Date.now() - day);
  certificate.notAfter.value = options.notAfter ?? new Date(Date.now() + 365 * day);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  certificate.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: options.ca ?? false }).toSchema().toBER(false),
    }),
  ];
  await certificate.sign(issuer?.privateKey ?? keys.privateKey, 'SHA-256');
  const certificatePem = pem(certificate.toSchema(true).toBER(false), 'CERTIFICATE');
  return {
    pem: certificatePem,
    keyPem: pem(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'),
    x509: new X509Certificate(certificatePem),
    privateKey: keys.privateKey,
    name,
  };
}

const base64Body = (certificatePem: string) => certificatePem.replace(/-----[^-]+-----|\s+/g, '');

export interface SignOptions {
  /** Intermediate certificates to carry after the signer's. */
  chain?: readonly TestCertificate[];
  sha1?: boolean;
}

/** Appends an enveloped signature (Reference URI="") as the last child of the root. */
export function signCap(xml: string, signer: TestCertificate, options: SignOptions = {}): string {
  const certificates = [signer, ...(options.chain ?? [])];
  const signedXml = new SignedXml({
    privateKey: signer.keyPem,
    publicCert: signer.pem,
    signatureAlgorithm: options.sha1
      ? 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'
      : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    getKeyInfoContent: () =>
      `<X509Data>${certificates.map((c) => `<X509Certificate>${base64Body(c.pem)}</X509Certificate>`).join('')}</X509Data>`,
  });
  signedXml.addReference({
    xpath: '/*',
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: options.sha1
      ? 'http://www.w3.org/2000/09/xmldsig#sha1'
      : 'http://www.w3.org/2001/04/xmlenc#sha256',
    isEmptyUri: true,
  });
  signedXml.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
  return signedXml.getSignedXml();
}
