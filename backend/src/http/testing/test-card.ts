// Test support: what a My Number Card does for login and registration, with real RSA signatures by the
// holder's keys from the development PKI (no mocks of the crypto).
import { sign } from 'node:crypto';
import type { HolderProfile } from '../../dev-jpki/index.ts';
import { fingerprintOf, type LoginProof } from '../../jpki/index.ts';
import { signCms } from '../../jpki/testing/test-cms.ts';
import type { TestPki } from '../../jpki/testing/test-pki.ts';
import { type RegistrationRequest, registrationDocumentType } from '../../residents/index.ts';

export interface CardKeys {
  authCertificateDer: Uint8Array;
  authKeyPem: string;
  signCertificateDer: Uint8Array;
  signKeyPem: string;
}

export function cardOf(pki: TestPki, holder: HolderProfile): CardKeys {
  return {
    authCertificateDer: pki.certificateDer(holder, 'auth'),
    authKeyPem: holder.authKeyPem,
    signCertificateDer: pki.certificateDer(holder, 'sign'),
    signKeyPem: holder.signKeyPem,
  };
}

/** What the card does for login: the auth key signs the raw challenge (RSASSA-PKCS1-v1_5, SHA-256). */
export function loginProof(card: CardKeys, challenge: string): LoginProof {
  return {
    challenge,
    certificate: Buffer.from(card.authCertificateDer).toString('base64'),
    signature: sign('sha256', Buffer.from(challenge, 'base64url'), card.authKeyPem).toString('base64'),
  };
}

/** What the box sends to register: the registration document signed with the sign key, and the login proof. */
export async function registrationRequest(card: CardKeys, challenge: string): Promise<RegistrationRequest> {
  const document = {
    type: registrationDocumentType,
    challenge,
    authCertificateSha256: fingerprintOf(card.authCertificateDer),
  };
  const cms = await signCms({
    content: new TextEncoder().encode(JSON.stringify(document)),
    certificateDer: card.signCertificateDer,
    keyPem: card.signKeyPem,
  });
  return { signedRegistration: Buffer.from(cms).toString('base64'), proof: loginProof(card, challenge) };
}
