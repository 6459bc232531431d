// Public API of the JPKI relying party: certificate verification (chain, profile, revocation), basic-info
// extraction, card login and CMS SignedData verification.
export type { CertificateBasicInfo, Era, Gender } from './basic-info.ts';
export { extractBasicInfo } from './basic-info.ts';
export type { CacheStats } from './bounded-cache.ts';
export type { CachedStatusSource, CachedStatusSourceOptions } from './cached-status-source.ts';
export { createCachedStatusSource } from './cached-status-source.ts';
export {
  certificateDer,
  certificatesFromFile,
  fingerprintOf,
  maxCertificateBytes,
  parseCertificate,
  serialHex,
} from './certificate-der.ts';
export type { CertificateVerifierOptions } from './certificate-verifier.ts';
export { CertificateVerifier } from './certificate-verifier.ts';
export type { ValidatedCertificate } from './chain-validator.ts';
export type { ChallengeStore, StoredChallenge } from './challenge-store.ts';
export type { LoginChallenge, LoginProof } from './contracts.ts';
export type { CrlLocation, CrlStatusSourceOptions } from './crl-status-source.ts';
export { createCrlStatusSource } from './crl-status-source.ts';
export { crlDistributionPointName, renderName, subjectCommonName } from './distinguished-name.ts';
export { createFallbackStatusSource } from './fallback-status-source.ts';
export type { JpkiErrorCode } from './jpki-error.ts';
export { isJpkiError, JpkiError } from './jpki-error.ts';
export type { JpkiStatusSourceOptions } from './jpki-status-source.ts';
export { createJpkiStatusSource } from './jpki-status-source.ts';
export type { LoginVerifierOptions, VerifiedLogin } from './login-verifier.ts';
export { assertChallengeAccepted, LoginVerifier } from './login-verifier.ts';
export { MemoryChallengeStore } from './memory-challenge-store.ts';
export type { OcspStatusSourceOptions } from './ocsp-status-source.ts';
export { createOcspStatusSource } from './ocsp-status-source.ts';
export type { CertPurpose } from './oids.ts';
export { basicInfoOid, policyOid } from './oids.ts';
export { ensurePkijsEngine } from './pkijs-engine.ts';
export type { RevocationReason, RevocationStatus, StatusQuery, StatusSource } from './revocation-status.ts';
export { revocationReasons } from './revocation-status.ts';
export type { VerifiedSignedData, VerifySignedDataInput } from './signed-data-verifier.ts';
export { verifySignedData } from './signed-data-verifier.ts';
export type { TrustAnchors } from './trust-anchors.ts';
export { readTrustAnchors, trustAnchorsFromDer } from './trust-anchors.ts';
