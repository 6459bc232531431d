// First registration (署名用): the signature password unlocks the signature certificate and key, which sign the
// registration document (CMS SignedData) naming this session's challenge and the user-authentication
// certificate; the PIN then lets the auth key sign the challenge, so the backend links both certificates to
// one resident in one step (backend/src/residents/contracts.ts).
import { createHash } from 'node:crypto';
import type { RegistrationDocument } from '@myna-tv/backend';
import { signCms } from '../jpki/cms-signer.ts';
import { type OpenedResidentSession, proveChallenge, type ResidentFlowDeps, withName } from './login-flow.ts';
import { checkPinFormat, verifyPinOnce } from './pin-rejection.ts';

export interface Registered extends OpenedResidentSession {
  /** False when the card re-linked a resident the backend already knew. */
  created: boolean;
}

export async function registerWithCard(
  deps: ResidentFlowDeps,
  secrets: { password: string; pin: string },
): Promise<Registered> {
  checkPinFormat('sign', secrets.password);
  checkPinFormat('auth', secrets.pin);
  const { challenge } = await deps.backend.requestChallenge();
  const request = await deps.access.withJpki(async (jpki) => {
    // The password first: a wrong one must not cost a PIN try.
    await verifyPinOnce(jpki, 'sign', secrets.password);
    const signCertificate = await jpki.readCertificate('sign');
    const authCertificate = await jpki.readCertificate('auth');
    const document: RegistrationDocument = {
      type: 'myna-tv/resident-registration/1',
      challenge,
      authCertificateSha256: createHash('sha256').update(authCertificate).digest('hex'),
    };
    const signedRegistration = await signCms({
      content: new TextEncoder().encode(JSON.stringify(document)),
      signerCertificate: signCertificate,
      signDigestInfo: (digestInfo) => jpki.signDigestInfo('sign', digestInfo),
    });
    const proof = await proveChallenge(jpki, { challenge, pin: secrets.pin, certificate: authCertificate });
    return { signedRegistration: Buffer.from(signedRegistration).toString('base64'), proof };
  });
  const registration = await deps.backend.register(request);
  return { ...(await withName(deps.backend, registration)), created: registration.created };
}
