// Public API of residents: registration with the signature certificate, login sessions with the
// user-authentication certificate, the shared challenge store. The HTTP routes (resident-routes.ts) are wired
// by app.ts, not re-exported here: http/ imports this file.
export { basicInfoMatchKey } from './basic-info-match.ts';
export { type BlindIndex, createBlindIndex } from './blind-index.ts';
export {
  type LoginProofBody,
  loginProofSchema,
  type RegistrationDocument,
  type RegistrationRequest,
  type ResidentSessionResponse,
  registrationDocumentSchema,
  registrationDocumentType,
  registrationRequestSchema,
  residentSessionSchema,
} from './contracts.ts';
export { createPgChallengeStore } from './pg-challenge-store.ts';
export { ResidentError, type ResidentErrorCode } from './resident-error.ts';
export { authenticateResident, loginResident, type ResidentLogin } from './resident-login.ts';
export { type ResidentRecord, readResident, type SignCertificateRef } from './resident-records.ts';
export { type CardVerifiers, type Registration, registerResident } from './resident-registration.ts';
export { openSignCertificate, rememberSignCertificate } from './sign-certificates.ts';
