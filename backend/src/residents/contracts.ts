// Wire contract of resident registration and login between the backend and stb-bridge (JSON over HTTP).
// The bridge imports these with `import type`; the backend owns them. Schema and type are one declaration.
import { z } from '@hono/zod-openapi';

const base64 = z
  .string()
  .min(1)
  .max(16_384)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

/** LoginProof of jpki/contracts.ts as a request schema. */
export const loginProofSchema = z
  .strictObject({
    challenge: z.string().min(1).max(100),
    certificate: base64,
    signature: base64,
  })
  .openapi('LoginProof');
export type LoginProofBody = z.infer<typeof loginProofSchema>;

/** Media type / version tag of the registration document. */
export const registrationDocumentType = 'myna-tv/resident-registration/1';

/**
 * What the card's signature key signs at registration: this JSON (UTF-8) as the attached content (id-data)
 * of a CMS SignedData. It binds the one-time challenge and the user-authentication certificate to link, so
 * the holder of the signature certificate vouches for that auth certificate in this very session.
 */
export const registrationDocumentSchema = z.strictObject({
  type: z.literal(registrationDocumentType),
  /** The login challenge, as in `proof.challenge`. */
  challenge: z.string().min(1).max(100),
  /** SHA-256 (hex, lower case) of the DER of the auth certificate in `proof.certificate`. */
  authCertificateSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RegistrationDocument = z.infer<typeof registrationDocumentSchema>;

/**
 * POST /api/v1/residents/registrations. The box first gets a challenge (POST /api/v1/login/challenge), then
 * the card signs the registration document with the signature key (password) and the raw challenge with
 * the auth key (PIN). The backend verifies both, keeps the four basic items of the signature certificate
 * (sealed), links the auth certificate and answers with a session, as a login would.
 */
export const registrationRequestSchema = z
  .strictObject({
    /** CMS SignedData (DER, base64) over the registration document, attached, by the signature certificate. */
    signedRegistration: z
      .string()
      .min(1)
      .max(64_000)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
    proof: loginProofSchema,
  })
  .openapi('RegistrationRequest');
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

/** A resident session on this box; send the token as `X-Resident-Session` with the device credential. */
export const residentSessionSchema = z
  .object({
    residentId: z.uuid(),
    sessionToken: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('ResidentSession');
export type ResidentSessionResponse = z.infer<typeof residentSessionSchema>;
