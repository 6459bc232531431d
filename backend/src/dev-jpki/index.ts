// Public API of the development JPKI (local stand-in for J-LIS: CAs, card holders, OCSP, CRLs).
export { basicInfoSanExtension, noSubstitutes } from './basic-info-san.ts';
export { createCrl } from './crl.ts';
export { currentCrl, publishCrl } from './crl-publication.ts';
export { gregorianOf, toJpkiDateOfBirth } from './date-of-birth.ts';
export { demoHolders, demoPassword, demoPin, type HolderSeed } from './demo-holders.ts';
export { type CreateCaOptions, createCa, type DevCa, loadCa, parseCertificatePem } from './dev-ca.ts';
export { type DevPki, initDevPki, loadDevPki, recordIssued } from './dev-pki.ts';
export { createDevPkiApp } from './dev-pki-app.ts';
export { DevPkiError, type DevPkiErrorCode } from './dev-pki-error.ts';
export { defaultDevPkiDir, devPkiFiles } from './dev-pki-files.ts';
export { type DevPkiServer, startDevPkiServer } from './dev-pki-server.ts';
export {
  defaultLocality,
  type IssuedCertificate,
  type IssueEndEntityOptions,
  issueEndEntity,
  sampleBasicInfo,
} from './end-entity.ts';
export { type KeyUsageName, keyUsageBits } from './extensions.ts';
export type { BasicInfo, HolderProfile, Locality } from './holder-profile.ts';
export { type IssuedRecord, type Ledger, type RevocationRecord, readLedger } from './ledger.ts';
export { createOcspHandler } from './ocsp-handler.ts';
export { answerOcspRequest, ocspAnswerLifetimeMs, ocspResponseStatus } from './ocsp-response.ts';
export { fromPem, type PemLabel, toPem } from './pem.ts';
export {
  parseRevocationReason,
  type RevocationCause,
  type RevocationReason,
  revocationCause,
  revocationReasonCode,
} from './revocation-reason.ts';
export { type RevokeOptions, revokeCertificate } from './revoke-certificate.ts';
export { generateRsaKeys, importPrivateKeyPem } from './rsa-keys.ts';
export { fifthBirthdayAfter } from './validity.ts';
