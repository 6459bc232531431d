// Object identifiers of the JPKI certificate profile (jpki spec §4). The one list: the development CA
// issues with these and the verifier checks and extracts with them.

/** SAN otherName type-ids carrying the four basic items of the signature certificate. */
export const basicInfoOid = {
  commonName: '1.2.392.200149.8.5.5.1',
  commonNameSubstitute: '1.2.392.200149.8.5.5.2',
  gender: '1.2.392.200149.8.5.5.3',
  dateOfBirth: '1.2.392.200149.8.5.5.4',
  address: '1.2.392.200149.8.5.5.5',
  addressSubstitute: '1.2.392.200149.8.5.5.6',
} as const;

/** The two certificate purposes on a My Number Card. */
export type CertPurpose = 'sign' | 'auth';

/** Certificate policy each purpose must carry (critical certificatePolicies). */
export const policyOid: Record<CertPurpose, string> = {
  sign: '1.2.392.200149.8.5.1.1.20',
  auth: '1.2.392.200149.8.5.1.3.30',
};

export const cpsUri = 'http://www.jpki.go.jp/cps.html';

export const algorithmOid = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
} as const;

/** X.509 extensions the verifier reads (RFC 5280 §4.2). */
export const extensionOid = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  /** policyQualifierId of a CPS URI qualifier (not an extension; lives inside certificatePolicies). */
  cpsQualifier: '1.3.6.1.5.5.7.2.1',
} as const;

/** OCSP (RFC 6960, nonce per RFC 8954). */
export const ocspOid = {
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  /** CertID hash most clients (openssl included) use. */
  sha1: '1.3.14.3.2.26',
} as const;

/** CMS content types and signed attributes (RFC 5652 §11). */
export const cmsOid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

/** Organisation of the development hierarchy: distinct from J-LIS's `O=JPKI`, so it can never chain to a real pin. */
export const devOrganization = 'JPKI-EMU';

/** OU naming each CA, as on the real J-LIS CA certificates. */
export const caUnit: Record<CertPurpose, string> = {
  sign: 'JPKI for digital signature',
  auth: 'JPKI for user authentication',
};
export const jlisUnit = 'Japan Agency for Local Authority Information Systems';

/** Japanese names on the real certificates' DirNames (issuerAltName / CA subjectAltName). */
export const jpkiServiceName = {
  organization: '公的個人認証サービス',
  unit: { sign: '公的個人認証サービス署名用', auth: '公的個人認証サービス利用者証明用' } as Record<
    CertPurpose,
    string
  >,
  jlis: '地方公共団体情報システム機構',
} as const;

/** X.500 attribute types used in JPKI names. */
export const nameOid = {
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  locality: '2.5.4.7',
  commonName: '2.5.4.3',
} as const;
