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
} as const;

/** Organisation of the development hierarchy: distinct from J-LIS's `O=JPKI`, so it can never chain to a real pin. */
export const devOrganization = 'JPKI-EMU';

/** OU naming each CA, as on the real J-LIS CA certificates. */
export const caUnit: Record<CertPurpose, string> = {
  sign: 'JPKI for digital signature',
  auth: 'JPKI for user authentication',
};
export const jlisUnit = 'Japan Agency for Local Authority Information Systems';
